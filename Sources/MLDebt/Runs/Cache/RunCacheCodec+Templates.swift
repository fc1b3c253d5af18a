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

  /// The keys of a map that many runs share, and a dictionary with those keys: a map with the
  /// same keys is that dictionary with its values replaced in place. Immutable, so any thread
  /// may fill it (a run's encoded params and tags are decoded from it on first read).
  final class MapLayout<Value: Sendable>: Sendable {
    /// A map with these keys, built by hashing.
    let dictionary: [String: Value]
    /// The dictionary index of each key, in encoded order.
    let indices: [Dictionary<String, Value>.Index]
    /// The keys in encoded order.
    let keys: Run.KeyLayout

    init(_ dictionary: [String: Value], keys: [String]) {
      self.dictionary = dictionary
      indices = keys.map { dictionary.index(forKey: $0)! }
      self.keys = Run.KeyLayout(keys)
    }

    /// The map of `values`, given in encoded key order (one per key).
    func filled(_ values: [Value]) -> [String: Value] {
      var result = dictionary
      for position in indices.indices {
        result.values[indices[position]] = values[position]
      }
      return result
    }
  }

  /// The last map built by hashing, and the encoded bytes of its keys to match the next map's.
  struct MapTemplate<Value: Sendable>: Sendable {
    /// The shared layout of the last map built by hashing.
    private(set) var layout: MapLayout<Value>?
    /// The encoded keys, one after another.
    private var keyBytes: [UInt8] = []
    /// Where each key ends in `keyBytes`.
    private var keyEnds: [Int] = []
    /// The values of the map being decoded, in encoded order (kept to reuse its capacity).
    var values: [Value] = []
    /// The key ranges of the map being decoded, in the payload.
    var keys: [Range<Int>] = []

    /// How many keys the template has.
    var count: Int { keyEnds.count }

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
      layout.map { $0.filled(values) } ?? [:]
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
      layout = MapLayout(result, keys: names)
      keyBytes.removeAll(keepingCapacity: true)
      keyEnds.removeAll(keepingCapacity: true)
      for range in keys {
        keyBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: payload[range]))
        keyEnds.append(keyBytes.count)
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

  /// Steps over a map of strings without making its values, giving the layout its keys share
  /// (the template's, or a new one the map's keys make the template); `.some(nil)` when the map
  /// has no layout (it repeats a key), `nil` when the payload is damaged.
  mutating func skipMap(using template: inout RunCacheCodec.MapTemplate<String>)
    -> RunCacheCodec.MapLayout<String>??
  {
    let start = offset
    guard let count = count() else { return nil }
    var same = count == template.count
    for position in 0..<count {
      guard let keyLength = self.count() else { return nil }
      let key = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + keyLength])
      offset += keyLength
      if same { same = template.matches(position, key) }
      guard let valueLength = self.count() else { return nil }
      offset += valueLength
    }
    if same, let layout = template.layout { return .some(layout) }
    // New keys: decode the map once to make them the template.
    let end = offset
    offset = start
    let previous = template.layout
    guard map(using: &template, value: { $0.string() }) != nil, offset == end else { return nil }
    // A map that repeats a key does not replace the template.
    guard let layout = template.layout, layout !== previous else { return .some(nil) }
    return .some(layout)
  }
}
