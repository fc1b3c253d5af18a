import Foundation
import Testing

@testable import MLDebt

@Suite("Run cache templates: maps built from the last run's keys equal maps built by hashing")
struct RunCacheTemplateTests {
  /// A run with `keys` as params (values from `seed`), three tags and `metrics` metrics.
  private func run(_ index: Int, keys: [String], metrics: Int) -> Run {
    var params: [String: String] = [:]
    for (position, key) in keys.enumerated() { params[key] = "\(index * 31 + position)" }
    var values: [String: Double] = [:]
    for metric in 0..<metrics { values["metric_\(metric)"] = Double(index) / Double(metric + 1) }
    return Run(
      id: String(format: "%032x", index), experimentID: "1", status: .finished,
      startTime: Int64(index), endTime: Int64(index + 1),
      params: params, tags: ["mlflow.runName": "run-\(index)", "team": index % 3 == 0 ? "a" : "b"],
      metrics: values, provenance: Provenance(.mlflowFileStore, "mlruns/1/\(index)"))
  }

  @Test func aSequenceOfRunsDecodesTheSameWithSharedTemplates() throws {
    let base = (0..<30).map { "param_\($0)" }
    // Same keys, then fewer, more, other, empty, and the same again: every switch of template.
    let keySets = [
      base, base, base, Array(base.dropLast()), base + ["extra"], ["x", "y"], [], base,
    ]
    var generator = SystemRandomNumberGenerator()
    var templates = RunCacheCodec.Templates()
    var decoded: [Run] = []
    for round in 0..<200 {
      let keys = keySets[
        round < keySets.count ? round : Int.random(in: 0..<keySets.count, using: &generator)]
      let original = run(round, keys: keys, metrics: round % 4 == 0 ? 0 : 10)
      let bytes = RunCacheCodec.encode(original, diagnostics: [])
      let shared = try #require(
        bytes.withUnsafeBytes { RunCacheCodec.decode($0, reusing: &templates) })
      let fresh = try #require(bytes.withUnsafeBytes { RunCacheCodec.decode($0) })
      #expect(shared.run == original)
      #expect(fresh.run == original)
      decoded.append(shared.run)
    }
    // Runs 1 and 2 have the same keys, so the second was built from the first one's template:
    // the same layout, so the same iteration order.
    #expect(decoded[1].params.keys.elementsEqual(decoded[2].params.keys))
    #expect(decoded[1].metrics.keys.elementsEqual(decoded[2].metrics.keys))
  }

  /// Reads a map of strings as a decode does: steps over it with `template`, then builds it.
  private func readMap(_ bytes: [UInt8], _ template: inout RunCacheCodec.MapTemplate<String>)
    -> [String: String]?
  {
    bytes.withUnsafeBytes { raw in
      var reader = RunCacheCodec.Reader(bytes: raw)
      guard let skipped = reader.skipMap(using: &template), reader.atEnd else { return nil }
      return reader.map(skipped.blocks, layout: skipped.layout) { $0.stringValues($1) }
    }
  }

  @Test func aMapWithARepeatedKeyKeepsTheLastValueAndIsNotATemplate() throws {
    var writer = RunCacheCodec.Writer()
    let entries = [("a", "1"), ("b", "2"), ("a", "3")]
    writer.count(entries.count)
    writer.block { block in for (key, _) in entries { block.string(key) } }
    writer.block { block in for (_, value) in entries { block.string(value) } }
    var template = RunCacheCodec.MapTemplate<String>(placeholder: "")
    #expect(readMap(writer.bytes, &template) == ["a": "3", "b": "2"])
    #expect(template.count == 0)
  }

  @Test func aMapCutShortOrWithAWrongValueBlockIsRefusedWithAnyTemplate() {
    var writer = RunCacheCodec.Writer()
    writer.map(["k1": "v1", "k2": "v2"]) { $0.string($1) }
    var template = RunCacheCodec.MapTemplate<String>(placeholder: "")
    // Learn the keys first, so that the damaged payloads take the template's path.
    #expect(readMap(writer.bytes, &template) == ["k1": "v1", "k2": "v2"])
    #expect(template.count == 2)
    for cut in 0..<writer.bytes.count {
      #expect(readMap(Array(writer.bytes.prefix(cut)), &template) == nil)
    }
    // The same key block with a value block that holds one string too few.
    var short = RunCacheCodec.Writer()
    short.count(2)
    short.block { block in
      block.string("k1")
      block.string("k2")
    }
    short.block { block in block.string("v1") }
    #expect(readMap(short.bytes, &template) == nil)
  }

  @Test func oneMetricIsReadFromTheEncodedMapsAsTheDecodedMapHasIt() throws {
    var templates = RunCacheCodec.Templates()
    for index in 0..<20 {
      let original = run(index, keys: ["lr", "seed"], metrics: index % 5 == 0 ? 0 : 10)
      let bytes = RunCacheCodec.encode(original, diagnostics: [])
      let decoded = try #require(
        bytes.withUnsafeBytes { RunCacheCodec.decode($0, reusing: &templates) }
      ).run
      for key in original.metrics.keys.sorted() + ["metric_10", "missing", ""] {
        #expect(decoded.metric(key) == original.metrics[key])
      }
      #expect(decoded.encodedParamKeys != nil)
      #expect(decoded.metrics == original.metrics)
      #expect(decoded.encodedParamKeys == nil)
      #expect(decoded.metric("metric_1") == original.metrics["metric_1"])
    }
  }
}
