extension RunCacheCodec {
  /// A cached run's params, tags and latest metrics as its payload holds them, decoded when
  /// first read (see ``Run/EncodedMaps``): the value blocks of the three maps, checked when the
  /// payload was decoded, and the layouts that hold their keys (shared with the other runs that
  /// have the same keys, so the keys are not copied per run). One metric can be read without
  /// decoding the maps: its value lies at a fixed place of the metrics' value block.
  final class EncodedMaps: Run.EncodedMaps {
    /// The params' value block, then the tags', then the metrics' (8 bytes per value).
    let values: [UInt8]
    /// The layout of the params' keys.
    let params: MapLayout<String>
    /// The layout of the tags' keys.
    let tags: MapLayout<String>
    /// The layout of the metrics' keys.
    let metrics: MapLayout<Double>
    /// Where the tags' values start in `values` (the params' start at 0).
    let tagValues: Int
    /// Where the metrics' values start in `values`.
    let metricValues: Int

    /// Keeps the value blocks of `params`, `tags` and `metrics` (ranges of `payload`), whose
    /// keys have the given layouts.
    init(
      payload: Reader, params: (MapBlocks, MapLayout<String>), tags: (MapBlocks, MapLayout<String>),
      metrics: (MapBlocks, MapLayout<Double>)
    ) {
      var values: [UInt8] = []
      values.reserveCapacity(
        params.0.values.count + tags.0.values.count + metrics.0.values.count)
      values.append(contentsOf: payload.slice(params.0.values))
      tagValues = values.count
      values.append(contentsOf: payload.slice(tags.0.values))
      metricValues = values.count
      values.append(contentsOf: payload.slice(metrics.0.values))
      self.values = values
      self.params = params.1
      self.tags = tags.1
      self.metrics = metrics.1
    }

    var paramKeys: Run.KeyLayout { params.keys }

    func metric(_ key: String) -> Double? {
      guard let position = metrics.positions[key] else { return nil }
      return values.withUnsafeBytes { raw in
        var reader = Reader(bytes: raw, offset: metricValues + 8 * position)
        return reader.double()
      }
    }

    func decode() -> (params: [String: String], tags: [String: String], metrics: [String: Double]) {
      values.withUnsafeBytes { raw in
        let reader = Reader(bytes: raw)
        // The blocks were checked when the payload was decoded; should they not read back, a
        // map is empty rather than the process stopped.
        func blocks(_ count: Int, _ range: Range<Int>) -> MapBlocks {
          MapBlocks(count: count, keys: 0..<0, values: range)
        }
        let params = reader.map(
          blocks(self.params.count, 0..<tagValues), layout: self.params
        ) { $0.stringValues($1) }
        let tags = reader.map(
          blocks(self.tags.count, tagValues..<metricValues), layout: self.tags
        ) { $0.stringValues($1) }
        let metrics = reader.map(
          blocks(self.metrics.count, metricValues..<raw.count), layout: self.metrics
        ) { $0.doubleValues($1) }
        return (params ?? [:], tags ?? [:], metrics ?? [:])
      }
    }
  }
}
