import Foundation

extension RunCacheCodec {
  /// What decoding a payload keeps for the next one: the last map of each kind with its keys.
  ///
  /// Runs of one experiment usually log the same param, tag and metric keys, and the encoder
  /// writes a map's keys in sorted order, so the next run's keys are often the same bytes in the
  /// same order. Its map is then the kept dictionary with the values replaced in place, position
  /// by position, which hashes no key. One set of templates serves one thread.
  struct Templates: Sendable {
    /// The last params map.
    var params = MapTemplate<String>()
    /// The last tags map.
    var tags = MapTemplate<String>()
    /// The last latest-metrics map.
    var metrics = MapTemplate<Double>()
  }

  /// A decoded map, its keys as they were encoded, and where each key sits in the dictionary.
  struct MapTemplate<Value: Sendable>: Sendable {
    /// The last map built with hashing.
    private(set) var dictionary: [String: Value] = [:]
    /// The encoded keys, one after another.
    private var keyBytes: [UInt8] = []
    /// Where each key ends in `keyBytes`.
    private var keyEnds: [Int] = []
    /// The dictionary index of each key, in encoded order.
    private var indices: [Dictionary<String, Value>.Index] = []
    /// The values of the map being decoded, in encoded order (kept to reuse its capacity).
    var values: [Value] = []
    /// The key ranges of the map being decoded, in the payload.
    var keys: [Range<Int>] = []

    /// How many keys the template has.
    var count: Int { indices.count }

    /// Whether key `position` of the template has exactly `key`'s bytes.
    func matches(_ position: Int, _ key: UnsafeRawBufferPointer) -> Bool {
      let start = position == 0 ? 0 : keyEnds[position - 1]
      guard keyEnds[position] - start == key.count else { return false }
      return keyBytes.withUnsafeBytes { stored in
        key.count == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, key.count) == 0
      }
    }

    /// The map whose keys match the template's: the kept dictionary with `values` put in place.
    func filled() -> [String: Value] {
      var result = dictionary
      for position in indices.indices {
        result.values[indices[position]] = values[position]
      }
      return result
    }

    /// Builds the map of `keys` and `values` by hashing, and keeps it as the template when its
    /// keys are distinct (a damaged payload could repeat one; the last value wins, as a plain
    /// insert would give).
    mutating func build(from payload: UnsafeRawBufferPointer) -> [String: Value] {
      var result: [String: Value] = [:]
      result.reserveCapacity(keys.count)
      var names: [String] = []
      names.reserveCapacity(keys.count)
      for (range, value) in zip(keys, values) {
        let name = String(
          decoding: UnsafeRawBufferPointer(rebasing: payload[range]), as: UTF8.self)
        names.append(name)
        result[name] = value
      }
      guard result.count == keys.count else { return result }
      dictionary = result
      keyBytes.removeAll(keepingCapacity: true)
      keyEnds.removeAll(keepingCapacity: true)
      indices.removeAll(keepingCapacity: true)
      for (range, name) in zip(keys, names) {
        keyBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: payload[range]))
        keyEnds.append(keyBytes.count)
        indices.append(result.index(forKey: name)!)
      }
      return result
    }
  }
}

extension RunCacheCodec.Reader {
  /// A map of string keys to values read by `read`, built from `template` when its keys are the
  /// template's; `nil` when the payload is damaged.
  mutating func map<Value: Sendable>(
    using template: inout RunCacheCodec.MapTemplate<Value>, value read: (inout Self) -> Value?
  ) -> [String: Value]? {
    guard let count = count() else { return nil }
    template.keys.removeAll(keepingCapacity: true)
    template.values.removeAll(keepingCapacity: true)
    var same = count == template.count
    for position in 0..<count {
      guard let length = self.count() else { return nil }
      let range = offset..<offset + length
      offset += length
      if same { same = template.matches(position, UnsafeRawBufferPointer(rebasing: bytes[range])) }
      guard let value = read(&self) else { return nil }
      template.keys.append(range)
      template.values.append(value)
    }
    return same ? template.filled() : template.build(from: bytes)
  }
}
