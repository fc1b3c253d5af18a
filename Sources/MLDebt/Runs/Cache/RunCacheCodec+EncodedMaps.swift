extension RunCacheCodec {
  /// What an ``EncodedMaps`` holds beside its value bytes: the layouts that hold the three
  /// maps' keys, and where each map's values lie among the bytes.
  struct EncodedMapsHeader {
    /// The layout of the params' keys.
    let params: MapLayout<String>
    /// The layout of the tags' keys.
    let tags: MapLayout<String>
    /// The layout of the metrics' keys.
    let metrics: MapLayout<Double>
    /// Where the metrics' values end (they come first, from 0) and the params' begin.
    let paramValues: Int
    /// Where the params' values end and the tags' begin.
    let tagValues: Int
    /// How many bytes of values there are (the tags' end).
    let count: Int
  }

  /// A cached run's params, tags and latest metrics as its payload holds them, decoded when
  /// first read (see ``Run/EncodedMaps``): the value blocks of the three maps, checked when the
  /// payload was decoded, and the layouts that hold their keys (shared with the other runs that
  /// have the same keys, so the keys are not copied per run). One metric can be read without
  /// decoding the maps: its value lies at a fixed place of the metrics' value block.
  ///
  /// The value bytes are stored in the object itself, after its header (a `ManagedBuffer`): one
  /// allocation per run rather than an object and an array. The metrics' values come first, so
  /// that a filter or sort on a metric reads the memory right after the header.
  final class EncodedMaps: ManagedBuffer<EncodedMapsHeader, UInt8>, Run.EncodedMaps {
    // Shared between threads (``Run/EncodedMaps``): the header and the bytes are written once,
    // when the object is made, before any other thread can see it, and only read after.

    /// Keeps the value blocks of `params`, `tags` and `metrics` (ranges of `payload`), whose
    /// keys have the given layouts.
    static func make(
      payload: Reader, params: (MapBlocks, MapLayout<String>), tags: (MapBlocks, MapLayout<String>),
      metrics: (MapBlocks, MapLayout<Double>)
    ) -> EncodedMaps {
      let blocks = [metrics.0.values, params.0.values, tags.0.values]
      let header = EncodedMapsHeader(
        params: params.1, tags: tags.1, metrics: metrics.1, paramValues: blocks[0].count,
        tagValues: blocks[0].count + blocks[1].count,
        count: blocks[0].count + blocks[1].count + blocks[2].count)
      let maps = unsafeDowncast(
        create(minimumCapacity: header.count) { _ in header }, to: EncodedMaps.self)
      maps.withUnsafeMutablePointerToElements { elements in
        var offset = 0
        for block in blocks {
          let bytes = payload.slice(block)
          if let base = bytes.baseAddress, !bytes.isEmpty {
            (elements + offset).initialize(
              from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
          }
          offset += bytes.count
        }
      }
      return maps
    }

    /// The value bytes, and the header.
    private func withValues<T>(_ body: (UnsafeRawBufferPointer, EncodedMapsHeader) -> T) -> T {
      withUnsafeMutablePointers { header, elements in
        body(UnsafeRawBufferPointer(start: elements, count: header.pointee.count), header.pointee)
      }
    }

    var paramKeys: Run.KeyLayout { header.params.keys }

    func metric(_ key: String) -> Double? {
      withValues { raw, header in
        guard let position = header.metrics.positions[key] else { return nil }
        var reader = Reader(bytes: raw, offset: 8 * position)
        return reader.double()
      }
    }

    func decode() -> (params: [String: String], tags: [String: String], metrics: [String: Double]) {
      withValues { raw, header in
        let reader = Reader(bytes: raw)
        // The blocks were checked when the payload was decoded; should they not read back, a
        // map is empty rather than the process stopped.
        func blocks(_ count: Int, _ range: Range<Int>) -> MapBlocks {
          MapBlocks(count: count, keys: 0..<0, values: range)
        }
        let metrics = reader.map(
          blocks(header.metrics.count, 0..<header.paramValues), layout: header.metrics
        ) { $0.doubleValues($1) }
        let params = reader.map(
          blocks(header.params.count, header.paramValues..<header.tagValues),
          layout: header.params
        ) { $0.stringValues($1) }
        let tags = reader.map(
          blocks(header.tags.count, header.tagValues..<header.count), layout: header.tags
        ) { $0.stringValues($1) }
        return (params ?? [:], tags ?? [:], metrics ?? [:])
      }
    }
  }
}
