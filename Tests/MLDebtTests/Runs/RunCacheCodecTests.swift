import Foundation
import Testing

@testable import MLDebt

@Suite("Run cache codec: compact payloads round-trip, damaged ones are refused")
struct RunCacheCodecTests {
  /// Every run of the file-store fixture, with histories and diagnostics from a broken file.
  private func fixtureRuns() -> [Run] {
    var options = LoadOptions()
    options.metricHistories = true
    let context = LoadContext(
      root: Fixtures.path("mlflow-filestore"), manifest: nil, options: options)
    return MLflowFileStoreReader(path: "mlruns").read(context).runs
  }

  @Test func everyFixtureRunRoundTrips() throws {
    let runs = fixtureRuns()
    #expect(runs.count == 10)
    let diagnostics = [
      Diagnostic(
        .warning, source: .mlflowFileStore,
        at: SourceLocation(file: "mlruns/1/abc/metrics/loss", line: 3, column: nil, keyPath: "k"),
        "line 3 has 4 fields", expected: "`<timestamp> <value> <step>`", hint: nil)
    ]
    for var run in runs {
      run.loggedModels = []
      let bytes = RunCacheCodec.encode(run, diagnostics: diagnostics)
      let decoded = try #require(bytes.withUnsafeBytes { RunCacheCodec.decode($0) })
      #expect(decoded.run == run)
      #expect(decoded.diagnostics == diagnostics)
    }
  }

  @Test func specialValuesAndEmptyFieldsRoundTrip() throws {
    let run = Run(
      id: "r", experimentID: "", name: nil, status: .killed, startTime: -5, endTime: nil,
      deleted: true, params: ["": "", "ключ": "значение"],
      metrics: ["nan": .nan, "inf": -.infinity, "zero": -0.0],
      metricHistory: ["m": [MetricPoint(timestamp: Int64.min, value: 1e-300, step: Int64.max)]],
      inputs: [RunInput(name: "d", digest: nil, source: "s3://x", context: nil)],
      provenance: Provenance(.mlflowFileStore, "mlruns/0/r"))
    let bytes = RunCacheCodec.encode(run, diagnostics: [])
    let decoded = try #require(bytes.withUnsafeBytes { RunCacheCodec.decode($0) }).run
    #expect(decoded.metrics["nan"]?.isNaN == true)
    #expect(decoded.metrics["inf"] == -.infinity)
    #expect(decoded.metrics["zero"]?.sign == .minus)
    var comparable = decoded
    comparable.metrics["nan"] = nil
    var expected = run
    expected.metrics["nan"] = nil
    #expect(comparable == expected)
  }

  @Test func cutShortTrailingOrOtherVersionPayloadsAreRefused() {
    let run = Run(
      id: "r", experimentID: "1", params: ["a": "b"], metrics: ["m": 1],
      provenance: Provenance(.mlflowFileStore, "mlruns/1/r"))
    let bytes = RunCacheCodec.encode(run, diagnostics: [])
    for cut in 0..<bytes.count {
      #expect(Array(bytes.prefix(cut)).withUnsafeBytes { RunCacheCodec.decode($0) } == nil)
    }
    #expect((bytes + [0]).withUnsafeBytes { RunCacheCodec.decode($0) } == nil)
    var otherVersion = bytes
    otherVersion[0] = RunCacheCodec.version &+ 1
    #expect(otherVersion.withUnsafeBytes { RunCacheCodec.decode($0) } == nil)
    #expect(bytes.withUnsafeBytes { RunCacheCodec.decode($0) }?.run == run)
  }
}
