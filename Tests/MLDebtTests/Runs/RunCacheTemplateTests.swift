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

  @Test func aMapWithARepeatedKeyKeepsTheLastValueAndIsNotATemplate() throws {
    var writer = RunCacheCodec.Writer()
    writer.count(3)
    for (key, value) in [("a", "1"), ("b", "2"), ("a", "3")] {
      writer.string(key)
      writer.string(value)
    }
    var template = RunCacheCodec.MapTemplate<String>()
    let map = writer.bytes.withUnsafeBytes { bytes in
      var reader = RunCacheCodec.Reader(bytes: bytes)
      return reader.map(using: &template, value: { $0.string() })
    }
    #expect(map == ["a": "3", "b": "2"])
    #expect(template.count == 0)
  }

  @Test func aMapCutShortIsRefusedWithAnyTemplate() {
    var writer = RunCacheCodec.Writer()
    writer.map(["k1": "v1", "k2": "v2"])
    var template = RunCacheCodec.MapTemplate<String>()
    // Learn the keys first, so that the cut payloads take the template's path.
    _ = writer.bytes.withUnsafeBytes { bytes in
      var reader = RunCacheCodec.Reader(bytes: bytes)
      return reader.map(using: &template, value: { $0.string() })
    }
    #expect(template.count == 2)
    for cut in 0..<writer.bytes.count {
      let map = Array(writer.bytes.prefix(cut)).withUnsafeBytes { bytes in
        var reader = RunCacheCodec.Reader(bytes: bytes)
        return reader.map(using: &template, value: { $0.string() })
      }
      #expect(map == nil)
    }
  }
}
