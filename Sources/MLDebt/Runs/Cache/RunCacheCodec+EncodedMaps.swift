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
      let header = EncodedMapsHeader(
        params: params.1, tags: tags.1, metrics: metrics.1,
        paramValues: metrics.0.values.count,
        tagValues: metrics.0.values.count + params.0.values.count,
        count: metrics.0.values.count + params.0.values.count + tags.0.values.count)
      let maps = unsafeDowncast(
        create(minimumCapacity: header.count) { _ in header }, to: EncodedMaps.self)
      maps.withUnsafeMutablePointerToElements { elements in
        // The three blocks one after another (no array of them: this runs once per run).
        func copy(_ block: Range<Int>, to offset: Int) {
          let bytes = payload.slice(block)
          guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
          (elements + offset).initialize(
            from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        copy(metrics.0.values, to: 0)
        copy(params.0.values, to: header.paramValues)
        copy(tags.0.values, to: header.tagValues)
      }
      return maps
    }

    /// The value bytes, and the header (read in place: a copy of it retains its three layouts).
    private func withValues<T>(
      _ body: (UnsafeRawBufferPointer, UnsafeMutablePointer<EncodedMapsHeader>) -> T
    ) -> T {
      withUnsafeMutablePointers { header, elements in
        body(UnsafeRawBufferPointer(start: elements, count: header.pointee.count), header)
      }
    }

    var paramKeys: Run.KeyLayout { header.params.keys }

    func metric(_ key: String) -> Double? {
      withValues { raw, header in
        guard let position = header.pointee.metrics.positions[key] else { return nil }
        var reader = Reader(bytes: raw, offset: 8 * position)
        return reader.double()
      }
    }

    func decode() -> (params: [String: String], tags: [String: String], metrics: [String: Double]) {
      withValues { raw, pointer in
        let header = pointer.pointee
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
