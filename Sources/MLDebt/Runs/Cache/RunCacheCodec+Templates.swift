import Foundation

extension RunCacheCodec {
  /// What decoding a payload keeps for the next one: the last map of each kind with its keys.
  ///
  /// Runs of one experiment usually log the same param, tag and metric keys, and the encoder
  /// writes a map's keys in sorted order as one block, so the next run's key block is often the
  /// same bytes: one comparison then tells that its map has the kept map's layout, and no key is
  /// read or hashed. One set of templates serves one thread.
  struct Templates: Sendable {
    /// The last params map.
    var params = MapTemplate<String>(placeholder: "")
    /// The last tags map.
    var tags = MapTemplate<String>(placeholder: "")
    /// The last latest-metrics map.
    var metrics = MapTemplate<Double>(placeholder: 0)

    /// The same templates in objects of their own: a thread that starts from templates another
    /// thread uses retains its own layouts for each run it decodes, not the shared ones.
    func copied() -> Templates {
      Templates(params: params.copied(), tags: tags.copied(), metrics: metrics.copied())
    }
  }

  /// The keys of a map that many runs share, and a dictionary with those keys: a map with the
  /// same keys is that dictionary with its values replaced in place. Immutable, so any thread
  /// may fill it (a run's encoded maps are decoded from it on first read).
  final class MapLayout<Value: Sendable>: Sendable {
    /// A map with these keys, built by hashing.
    let dictionary: [String: Value]
    /// The dictionary index of each key, in encoded order.
    let indices: [Dictionary<String, Value>.Index]
    /// The position of each key in encoded order.
    let positions: [String: Int]
    /// The keys in encoded order.
    let keys: Run.KeyLayout

    init(_ dictionary: [String: Value], keys: [String]) {
      self.dictionary = dictionary
      indices = keys.map { dictionary.index(forKey: $0)! }
      positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
      self.keys = Run.KeyLayout(keys)
    }

    /// A layout with the same keys and the same shared ``keys`` (so that runs of both are
    /// still counted together), as an object of its own.
    init(copying other: MapLayout) {
      dictionary = other.dictionary
      indices = other.indices
      positions = other.positions
      keys = other.keys
    }

    /// How many keys the layout has.
    var count: Int { indices.count }

    /// The map of `values`, given in encoded key order (one per key).
    func filled(_ values: [Value]) -> [String: Value] {
      var result = dictionary
      for position in indices.indices {
        result.values[indices[position]] = values[position]
      }
      return result
    }
  }

  /// The last map whose keys were read, as its key block (to compare the next map's with) and
  /// the layout those keys make.
  struct MapTemplate<Value: Sendable>: Sendable {
    /// The layout of the last map read key by key, when its keys were distinct.
    private(set) var layout: MapLayout<Value>?
    /// The key block of that map: each key as a length and its bytes.
    private var keyBlock: [UInt8] = []
    /// The value a layout's dictionary is built with (each is replaced when it is filled).
    private let placeholder: Value

    /// An empty template whose layouts are built with `placeholder` values.
    init(placeholder: Value) { self.placeholder = placeholder }

    /// The same template with a layout object and key block of its own.
    func copied() -> MapTemplate {
      var copy = MapTemplate(placeholder: placeholder)
      copy.layout = layout.map { MapLayout(copying: $0) }
      copy.keyBlock = keyBlock.withUnsafeBytes { [UInt8]($0) }
      return copy
    }

    /// How many keys the template has (0 without a layout).
    var count: Int { layout?.count ?? 0 }

    /// Whether a map of `count` keys with the key block `block` has the template's keys.
    func matches(count: Int, block: UnsafeRawBufferPointer) -> Bool {
      guard let layout, layout.count == count, keyBlock.count == block.count else { return false }
      return keyBlock.withUnsafeBytes { stored in
        block.isEmpty || memcmp(stored.baseAddress!, block.baseAddress!, block.count) == 0
      }
    }

    /// Makes `names` (the keys read from the key block `block`) the template, with the layout
    /// they make; the template keeps no layout when a key repeats (a damaged payload).
    mutating func learn(_ names: [String], block: UnsafeRawBufferPointer) {
      layout = nil
      keyBlock.removeAll(keepingCapacity: true)
      var dictionary: [String: Value] = [:]
      dictionary.reserveCapacity(names.count)
      for name in names { dictionary[name] = placeholder }
      guard dictionary.count == names.count else { return }
      layout = MapLayout(dictionary, keys: names)
      keyBlock.append(contentsOf: block)
    }
  }

  /// Where the parts of an encoded map lie in a payload.
  struct MapBlocks {
    /// How many entries.
    var count: Int
    /// The key block: each key as a length and its bytes.
    var keys: Range<Int>
    /// The value block: each value, one after another.
    var values: Range<Int>
  }
}

extension RunCacheCodec.Reader {
  /// The parts of the map that starts here (its count, key block and value block), stepping
  /// over it; `nil` when the payload is cut short.
  mutating func mapBlocks() -> RunCacheCodec.MapBlocks? {
    guard let count = count(), let keysLength = self.count() else { return nil }
    let keys = offset..<offset + keysLength
    offset += keysLength
    guard let valuesLength = self.count() else { return nil }
    let values = offset..<offset + valuesLength
    offset += valuesLength
    return RunCacheCodec.MapBlocks(count: count, keys: keys, values: values)
  }

  /// The bytes of a range of the payload.
  func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[range])
  }

  /// Whether a value block holds exactly `count` strings.
  func holdsStrings(_ count: Int, _ range: Range<Int>) -> Bool {
    var reader = RunCacheCodec.Reader(bytes: slice(range))
    for _ in 0..<count {
      guard let length = reader.count() else { return false }
      reader.offset += length
    }
    return reader.atEnd
  }

  /// Steps over a map, checking it whole, and gives its parts and the layout of its keys: the
  /// template's when its key block is the template's, else one its keys make the template (no
  /// layout when a key repeats). `nil` when the payload is damaged. A map of doubles has 8 bytes
  /// per value; a map of strings, a length and the bytes of each.
  mutating func skipMap<Value>(using template: inout RunCacheCodec.MapTemplate<Value>)
    -> (blocks: RunCacheCodec.MapBlocks, layout: RunCacheCodec.MapLayout<Value>?)?
  {
    guard let blocks = mapBlocks() else { return nil }
    let valuesFit =
      Value.self == Double.self
      ? blocks.values.count == 8 * blocks.count : holdsStrings(blocks.count, blocks.values)
    guard valuesFit else { return nil }
    if template.matches(count: blocks.count, block: slice(blocks.keys)) {
      return (blocks, template.layout)
    }
    guard let names = keys(blocks) else { return nil }
    template.learn(names, block: slice(blocks.keys))
    return (blocks, template.layout)
  }

  /// The values of a map's value block, in encoded order (`nil` when they do not fit it).
  func stringValues(_ blocks: RunCacheCodec.MapBlocks) -> [String]? {
    strings(blocks.count, in: blocks.values)
  }

  /// `count` strings that fill `range` exactly (`nil` when they do not).
  private func strings(_ count: Int, in range: Range<Int>) -> [String]? {
    var reader = RunCacheCodec.Reader(bytes: slice(range))
    var strings: [String] = []
    strings.reserveCapacity(count)
    for _ in 0..<count {
      guard let string = reader.string() else { return nil }
      strings.append(string)
    }
    return reader.atEnd ? strings : nil
  }

  /// The doubles of a map's value block, in encoded order (`nil` when they do not fit it).
  func doubleValues(_ blocks: RunCacheCodec.MapBlocks) -> [Double]? {
    guard blocks.values.count == 8 * blocks.count else { return nil }
    var reader = RunCacheCodec.Reader(bytes: slice(blocks.values))
    var values: [Double] = []
    values.reserveCapacity(blocks.count)
    for _ in 0..<blocks.count {
      guard let value = reader.double() else { return nil }
      values.append(value)
    }
    return values
  }

  /// The keys of a map's key block, in encoded order (`nil` when they do not fit it).
  func keys(_ blocks: RunCacheCodec.MapBlocks) -> [String]? {
    strings(blocks.count, in: blocks.keys)
  }

  /// The map whose parts are `blocks`: built from `layout` when it has one, else by hashing its
  /// keys (a repeated key keeps its last value, as a plain insert gives); `nil` when damaged.
  func map<Value>(
    _ blocks: RunCacheCodec.MapBlocks, layout: RunCacheCodec.MapLayout<Value>?,
    values read: (Self, RunCacheCodec.MapBlocks) -> [Value]?
  ) -> [String: Value]? {
    guard let values = read(self, blocks) else { return nil }
    if let layout, layout.count == values.count { return layout.filled(values) }
    guard let keys = keys(blocks) else { return nil }
    var result: [String: Value] = [:]
    result.reserveCapacity(keys.count)
    for (key, value) in zip(keys, values) { result[key] = value }
    return result
  }
}
