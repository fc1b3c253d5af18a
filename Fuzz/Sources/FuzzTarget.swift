import Foundation

@testable import MLDebt
@testable import MLDebtTUI

/// One parser under the fuzzer: a name (`MLDEBT_FUZZ_TARGET`, `Fuzz/run TARGET`) and what to do
/// with one input. A target never checks the parser's answer beyond what the parser itself
/// asserts: the fuzzer looks for crashes, hangs, leaks and memory errors.
struct FuzzTarget: Sendable {
  /// The target's name, also the name of its seed folder and dictionary.
  let name: String
  /// Runs the parser on one input.
  let run: @Sendable (Data) -> Void

  /// The target this process fuzzes (set once, before the first input).
  nonisolated(unsafe) static var chosen: FuzzTarget?

  /// A context for readers over the scratch folder, with metric histories on.
  static var context: LoadContext {
    LoadContext(root: FuzzScratch.root, manifest: nil, options: LoadOptions())
  }

  /// A run with a little of everything, for filters to match against.
  static let sampleRun: Run = {
    var run = Run(
      id: "0123abcd", experimentID: "1", name: "train", status: .finished,
      startTime: 1_700_000_000_000, endTime: 1_700_000_100_000, deleted: false, user: "ana",
      artifactURI: nil, provenance: Provenance(.mlflowFileStore, "mlruns"))
    run.metrics = ["auc": 0.91, "loss": .nan]
    run.params = ["lr": "0.1", "model": "xgb"]
    run.tags = ["team": "risk", "mlflow.runName": "train"]
    return run
  }()

  /// The input as text, as the readers decode it (invalid UTF-8 replaced).
  static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

  /// Every target, in the order `Fuzz/run` runs them.
  static let all: [FuzzTarget] = [
    FuzzTarget(name: "manifest") { data in
      _ = ManifestParser.parse(text(data), file: "mldebt.yaml")
    },
    FuzzTarget(name: "attestations") { data in
      let (attestations, _) = AttestationsFile.parse(text(data), file: "attestations.yaml")
      // What mldebt would write back must parse again.
      _ = AttestationsFile.parse(AttestationsFile.render(attestations), file: "rendered")
    },
    FuzzTarget(name: "mlflow-meta") { data in
      // The input is every meta.yaml of a one-run store: experiment, run and registered model.
      FuzzScratch.write(data, "mlruns/1/meta.yaml")
      FuzzScratch.write(data, "mlruns/1/0123456789abcdef0123456789abcdef/meta.yaml")
      FuzzScratch.write(
        "1700000000000 0.5 0\n", "mlruns/1/0123456789abcdef0123456789abcdef/metrics/m")
      FuzzScratch.write(data, "mlruns/models/m/meta.yaml")
      FuzzScratch.write(data, "mlruns/models/m/version-1/meta.yaml")
      _ = MLflowFileStoreReader(path: "mlruns").read(context)
      // Differential: on ASCII without a carriage return, the byte reader of flat meta.yaml
      // answers as the character reader.
      if data.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
        var text = String(decoding: data, as: UTF8.self)
        let bytes = text.withUTF8 { MLflowMetaFile.flatASCIIEntries($0) }
        let characters = MLflowMetaFile.flatCharacterEntries(text)
        precondition((bytes == nil) == (characters == nil))
        for (a, b) in zip(bytes ?? [], characters ?? []) {
          precondition(
            a.key == b.key && a.value.scalar == b.value.scalar
              && a.value.isNull == b.value.isNull && a.value.line == b.value.line
              && a.value.column == b.value.column)
        }
        precondition(bytes?.count == characters?.count)
      }
    },
    FuzzTarget(name: "mlflow-metric") { data in
      let parsed = MLflowMetricFile.parse([UInt8](data), keepHistory: true)
      let latest = MLflowMetricFile.latest(of: parsed.history)
      // Differential: without the history, values are read only where they decide the latest
      // point; the answer must be the same, bit for bit.
      let lean = MLflowMetricFile.parse([UInt8](data), keepHistory: false)
      precondition(lean.pointCount == parsed.pointCount && lean.problems == parsed.problems)
      precondition(
        lean.latest?.step == latest?.step && lean.latest?.timestamp == latest?.timestamp
          && lean.latest?.value.bitPattern == latest?.value.bitPattern)
      // Differential: the one-pass reader of the common line answers as the general one.
      for keepHistory in [false, true] {
        let fast = [UInt8](data).withUnsafeBufferPointer {
          MLflowMetricFile.parse($0, keepHistory: keepHistory)
        }
        let general = [UInt8](data).withUnsafeBufferPointer {
          MLflowMetricFile.parse($0, keepHistory: keepHistory, commonLines: false)
        }
        precondition(fast.pointCount == general.pointCount && fast.problems == general.problems)
        precondition(
          fast.latest?.step == general.latest?.step
            && fast.latest?.timestamp == general.latest?.timestamp
            && fast.latest?.value.bitPattern == general.latest?.value.bitPattern)
        precondition(
          fast.history.map(\.value.bitPattern) == general.history.map(\.value.bitPattern)
            && fast.history.map(\.step) == general.history.map(\.step)
            && fast.history.map(\.timestamp) == general.history.map(\.timestamp))
      }
    },
    FuzzTarget(name: "mlflow-sqlite") { data in
      FuzzScratch.write(data, "mlflow.db")
      _ = MLflowSQLiteReader(path: "mlflow.db").read(context)
    },
    FuzzTarget(name: "mlflow-rest") { data in
      // Every endpoint answers with the input (the answers' top-level keys differ by endpoint,
      // so one object can hold them all). An input that starts with three digits and a newline
      // gives that HTTP status instead of 200.
      var status = 200
      var body = data
      if data.count >= 4, data[data.startIndex + 3] == UInt8(ascii: "\n"),
        let code = Int(String(decoding: data.prefix(3), as: UTF8.self))
      {
        status = code
        body = data.dropFirst(4)
      }
      let answer = (status: status, body: Data(body))
      let client = MLflowHTTPClient(base: "http://fuzz") { _ in answer }
      var session = MLflowServerSession(client: client, shown: "http://fuzz", metricHistories: true)
      var contribution = SourceContribution(kind: .mlflowServer, path: "http://fuzz")
      session.read(into: &contribution)
    },
    FuzzTarget(name: "dvc-yaml") { data in
      FuzzScratch.write("lr: 0.1\nmodel:\n  depth: 3\nfiles: [a.csv, b.csv]\n", "params.yaml")
      FuzzScratch.write("schema: '2.0'\nstages: {}\n", "dvc.lock")
      FuzzScratch.write(data, "dvc.yaml")
      _ = DVCReader(path: ".").read(context)
    },
    FuzzTarget(name: "dvc-lock") { data in
      FuzzScratch.write("lr: 0.1\n", "params.yaml")
      FuzzScratch.write(
        "stages:\n  train:\n    cmd: python train.py\n    deps: [data.csv, train.py]\n"
          + "    params: [lr]\n    outs: [model.pkl]\n", "dvc.yaml")
      FuzzScratch.write(data, "dvc.lock")
      _ = DVCReader(path: ".").read(context)
    },
    FuzzTarget(name: "dvc-params") { data in
      FuzzScratch.write(data, "params.yaml")
      FuzzScratch.write("schema: '2.0'\nstages: {}\n", "dvc.lock")
      FuzzScratch.write(
        "vars:\n  - params.yaml\nstages:\n  train:\n    foreach: ${files}\n    do:\n"
          + "      cmd: python train.py ${item} ${lr} ${model.depth}\n      deps: [${item}]\n"
          + "      params: [lr, model]\n", "dvc.yaml")
      _ = DVCReader(path: ".").read(context)
    },
    FuzzTarget(name: "openlineage") { data in
      FuzzScratch.write(data, "events.jsonl")
      _ = OpenLineageReader(path: "events.jsonl").read(context)
    },
    FuzzTarget(name: "feast") { data in
      FuzzScratch.write(data, "registry.json")
      _ = FeastRegistryReader(path: "registry.json").read(context)
    },
    FuzzTarget(name: "csv") { data in
      let options = CSVTable.Options(maxFieldSize: 4096, maxCategories: 64)
      let table = CSVTable(bytes: data, path: "fuzz.csv", options: options)
      for index in table.header.indices { _ = table.column(index) }
      // The drift engine over the same file as reference and current (types, windows,
      // statistics), on small inputs only: it is a thousand times slower than the reader.
      guard data.count <= 2048 else { return }
      FuzzScratch.write(data, "fuzz.csv")
      var drift = DriftOptions()
      drift.csv = options
      drift.parallelism = 1
      _ = try? DriftEngine.compare(
        reference: FuzzScratch.root + "/fuzz.csv", current: FuzzScratch.root + "/fuzz.csv",
        options: drift)
    },
    FuzzTarget(name: "histogram") { data in
      FuzzScratch.write(data, "histograms.csv")
      var options = DriftOptions()
      options.parallelism = 1
      _ = try? HistogramDrift.analyse(
        path: FuzzScratch.root + "/histograms.csv", display: "histograms.csv",
        source: MonitoringSource(name: "fuzz", histograms: "histograms.csv"),
        thresholds: .defaults, options: options)
    },
    FuzzTarget(name: "theme") { data in
      _ = try? Theme.parse(text(data), name: "fuzz", file: "fuzz.theme")
    },
    FuzzTarget(name: "keymap") { data in
      _ = Keymap.standard.applying(overrides: text(data), file: "keys.conf")
    },
    FuzzTarget(name: "run-filter") { data in
      guard let filter = try? RunFilter.parse(text(data)) else { return }
      _ = filter.matches(sampleRun)
    },
    FuzzTarget(name: "run-cache") { data in
      // A run cache payload, decoded after the sample run's (so that its maps are compared with
      // that run's key blocks) and then again (so that they match its own); a payload that
      // decodes is read whole: one metric, then every map.
      var templates = RunCacheCodec.Templates()
      let sample = RunCacheCodec.encode(sampleRun, diagnostics: [])
      _ = sample.withUnsafeBytes { RunCacheCodec.decode($0, reusing: &templates) }
      for _ in 0..<2 {
        guard let (run, _) = data.withUnsafeBytes({ RunCacheCodec.decode($0, reusing: &templates) })
        else { return }
        _ = run.metric("auc")
        _ = (run.params, run.tags, run.metrics)
        _ = RunCacheCodec.encode(run, diagnostics: [])
      }
    },
  ]
}
