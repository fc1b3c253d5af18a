extension RunCacheCodec {
  /// A cached run's params and tags as its payload holds them, decoded when first read (see
  /// ``Run/EncodedMaps``): the bytes of the two maps, checked when the payload was decoded, and
  /// the layouts their keys share with other runs.
  final class EncodedMaps: Run.EncodedMaps {
    /// The params map's encoding, then the tags map's.
    let bytes: [UInt8]
    /// The layout of the params' keys.
    let params: MapLayout<String>
    /// The layout of the tags' keys.
    let tags: MapLayout<String>

    init(bytes: [UInt8], params: MapLayout<String>, tags: MapLayout<String>) {
      self.bytes = bytes
      self.params = params
      self.tags = tags
    }

    var paramKeys: Run.KeyLayout { params.keys }

    func decode() -> (params: [String: String], tags: [String: String]) {
      bytes.withUnsafeBytes { raw in
        var reader = Reader(bytes: raw)
        let params = reader.values(of: self.params)
        let tags = reader.values(of: self.tags)
        return (params, tags)
      }
    }
  }
}

extension RunCacheCodec.Reader {
  /// The string map that starts here, whose keys are `layout`'s (as ``skipMap(using:)`` found):
  /// only its values are read. Should the bytes not fit the layout after all, the map is built
  /// by hashing its keys instead; a damaged map gives what could be read of it.
  mutating func values(of layout: RunCacheCodec.MapLayout<String>) -> [String: String] {
    let start = offset
    var values: [String] = []
    if let count = count(), count == layout.indices.count {
      values.reserveCapacity(count)
      for _ in 0..<count {
        guard let keyLength = self.count() else { break }
        offset += keyLength
        guard let value = string() else { break }
        values.append(value)
      }
      if values.count == count { return layout.filled(values) }
    }
    offset = start
    var fresh = RunCacheCodec.MapTemplate<String>()
    return map(using: &fresh, value: { $0.string() }) ?? [:]
  }
}
