extension RunCacheCodec {
  /// A cached run's params, tags and latest metrics as its payload holds them, decoded when
  /// first read (see ``Run/EncodedMaps``): the bytes of the three maps, checked when the payload
  /// was decoded, and the layouts their keys share with other runs. One metric can be read
  /// without decoding the maps: its value lies at a fixed place of the metrics' value block.
  final class EncodedMaps: Run.EncodedMaps {
    /// The params map's encoding, then the tags map's, then the metrics map's.
    let bytes: [UInt8]
    /// The layout of the params' keys.
    let params: MapLayout<String>
    /// The layout of the tags' keys.
    let tags: MapLayout<String>
    /// The layout of the metrics' keys.
    let metrics: MapLayout<Double>
    /// Where the metrics' value block starts in `bytes` (8 bytes per value, in key order).
    let metricValues: Int

    init(
      bytes: [UInt8], params: MapLayout<String>, tags: MapLayout<String>,
      metrics: MapLayout<Double>, metricValues: Int
    ) {
      self.bytes = bytes
      self.params = params
      self.tags = tags
      self.metrics = metrics
      self.metricValues = metricValues
    }

    var paramKeys: Run.KeyLayout { params.keys }

    func metric(_ key: String) -> Double? {
      guard let position = metrics.positions[key] else { return nil }
      return bytes.withUnsafeBytes { raw in
        var reader = Reader(bytes: raw, offset: metricValues + 8 * position)
        return reader.double()
      }
    }

    func decode() -> (params: [String: String], tags: [String: String], metrics: [String: Double]) {
      bytes.withUnsafeBytes { raw in
        var reader = Reader(bytes: raw)
        // The bytes were checked whole when the payload was decoded; should they not read
        // back, a map is empty rather than the process stopped.
        let params = reader.mapBlocks().flatMap {
          reader.map($0, layout: self.params) { $0.stringValues($1) }
        }
        let tags = reader.mapBlocks().flatMap {
          reader.map($0, layout: self.tags) { $0.stringValues($1) }
        }
        let metrics = reader.mapBlocks().flatMap {
          reader.map($0, layout: self.metrics) { $0.doubleValues($1) }
        }
        return (params ?? [:], tags ?? [:], metrics ?? [:])
      }
    }
  }
}
