import Foundation
import Testing

@testable import MLDebt

/// Run and experiment ids of the fixtures MLflow wrote (Fixtures/mlflow-filestore/ids.txt).
enum MLflowFixtureIDs {
  static let churn = "305230887268484891"
  static let fraud = "515851807349489153"
  static let scratch = "929860033021269956"
  static let baseline = "b039ee16964647188f3d9a4de6cf02bb"
  static let noGitTag = "94a2de50ff544939a9d6bd800bc49874"
  static let sweep = "167dd41a347a4e478e5ac63a43514e2e"
  static let sweepChildA = "a30354ef398b4edfa3263c49440a9a11"
  static let sweepChildB = "67c8765c57814ce898f01733d942b204"
  static let crashed = "a37f115c6a4443cc8df2d1aff1067dbd"
  static let deleted = "a22fa1f725604b2f8a7ce6e5f89c8d33"
  static let gbm1 = "5043796d406148239b39320448410fe3"
  static let gbm2 = "1098d6a904944815858718296e887807"
  static let scratchRun = "9b19cdec60c94347ba38b767352e4941"
}

@Suite("MLflow file store")
struct MLflowFileStoreTests {
  typealias IDs = MLflowFixtureIDs

  static func read(
    _ fixture: String, store: String = "mlruns", options: LoadOptions = LoadOptions()
  ) -> SourceContribution {
    let context = LoadContext(root: Fixtures.path(fixture), manifest: nil, options: options)
    return MLflowFileStoreReader(path: store).read(context)
  }

  static func run(_ id: String, in contribution: SourceContribution) throws -> Run {
    try #require(contribution.runs.first { $0.id == id }, "run \(id) not loaded")
  }

  @Test func readsExperimentsAndRunsIncludingDeleted() throws {
    let store = Self.read("mlflow-filestore")
    #expect(store.diagnostics.isEmpty, "\(store.diagnostics)")
    #expect(!store.failed)
    #expect(
      Set(store.experiments.map(\.name))
        == ["Default", "churn-model", "fraud-detection", "scratch-deleted"])
    let scratch = try #require(store.experiments.first { $0.id == IDs.scratch })
    #expect(scratch.deleted)
    #expect(scratch.tags["owner"] == "fixture-bot")
    let churn = try #require(store.experiments.first { $0.id == IDs.churn })
    #expect(!churn.deleted)
    #expect(churn.tags == ["owner": "fixture-bot"])
    #expect(store.runs.count == 10)
    #expect(Set(store.runs.filter(\.deleted).map(\.id)) == [IDs.deleted, IDs.scratchRun])
    #expect(store.counts["experiments"] == 4)
    #expect(store.counts["runs"] == 10)
    #expect(store.counts["deleted_runs"] == 2)
    #expect(store.counts["registered_models"] == 1)
    #expect(store.counts["model_versions"] == 2)
    #expect(store.summary.status == .loaded)
  }

  @Test func readsParamsTagsMetricsAndInputsOfARun() throws {
    let run = try Self.run(IDs.baseline, in: Self.read("mlflow-filestore"))
    #expect(run.experimentID == IDs.churn)
    #expect(run.name == "baseline-logreg")
    #expect(run.status == .finished)
    #expect(run.user == "fixture-bot")
    #expect(!run.deleted)
    #expect(run.startTime == 1_795_424_333_294)
    #expect(run.endTime == 1_795_424_340_412)
    #expect(run.artifactURI?.hasSuffix("/\(IDs.baseline)/artifacts") == true)
    #expect(run.params == ["C": "1.0", "penalty": "l2", "max_iter": "200"])
    #expect(run.gitCommit == "3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39")
    #expect(run.tags["team"] == "growth")
    #expect(run.tags["mlflow.source.name"] == "train.py")
    #expect(Set(run.metrics.keys) == ["auc", "train_loss", "val_accuracy"])
    #expect(run.metrics["auc"] == 0.81)
    // MLflow's latest value is the one at the largest step (9), not the file's last line.
    #expect(run.metrics["train_loss"] == 0.297728)
    #expect(run.metrics["val_accuracy"] == 0.876864)
    let history = try #require(run.metricHistory["train_loss"])
    #expect(history.count == 11)
    #expect(history.first == MetricPoint(timestamp: 1_795_424_333_324, value: 0.89365, step: 0))
    #expect(history.map(\.step).max() == 9)
    #expect(run.provenance == Provenance(.mlflowFileStore, "mlruns/\(IDs.churn)/\(IDs.baseline)"))

    let inputs = run.inputs.sorted { $0.name < $1.name }
    #expect(
      inputs == [
        RunInput(
          name: "churn-eval", digest: "12c1ef35", source: "data/churn_eval.csv",
          context: "evaluation"),
        RunInput(
          name: "churn-train", digest: "06109ab6", source: "data/churn_train.csv",
          context: "training"),
      ])
  }

  @Test func readsParentChildFailedAndRunsWithoutGitCommit() throws {
    let store = Self.read("mlflow-filestore")
    let childA = try Self.run(IDs.sweepChildA, in: store)
    let childB = try Self.run(IDs.sweepChildB, in: store)
    #expect(childA.parentRunID == IDs.sweep)
    #expect(childB.parentRunID == IDs.sweep)
    #expect(childA.name == "sweep-C=0.1")
    #expect(childA.metricHistory["train_loss"]?.count == 5)
    #expect(try Self.run(IDs.sweep, in: store).parentRunID == nil)
    let crashed = try Self.run(IDs.crashed, in: store)
    #expect(crashed.status == .failed)
    #expect(crashed.tags["error"] == "CUDA out of memory")
    #expect(crashed.params == ["batch_size": "4096"])
    #expect(try Self.run(IDs.noGitTag, in: store).gitCommit == nil)
    let scratchRun = try Self.run(IDs.scratchRun, in: store)
    #expect(scratchRun.experimentID == IDs.scratch)
    #expect(scratchRun.provenance.path == "mlruns/.trash/\(IDs.scratch)/\(IDs.scratchRun)")
  }

  @Test func readsTheModelRegistryWithAliases() throws {
    let store = Self.read("mlflow-filestore")
    let model = try #require(store.registeredModels.first)
    #expect(store.registeredModels.count == 1)
    #expect(model.name == "churn-classifier")
    #expect(model.versions.map(\.version) == ["1", "2"])
    #expect(model.versions.map(\.runID) == [IDs.baseline, IDs.noGitTag])
    let production = try #require(model.versions.first { $0.isProduction })
    #expect(production.aliases == ["champion"])
    #expect(production.runID == IDs.baseline)
    #expect(production.stage == nil)
    #expect(model.provenance == Provenance(.mlflowFileStore, "mlruns/models/churn-classifier"))
  }

  @Test func withoutHistoriesKeepsOnlyLatestValues() throws {
    var options = LoadOptions()
    options.metricHistories = false
    let run = try Self.run(IDs.baseline, in: Self.read("mlflow-filestore", options: options))
    #expect(run.metricHistory.isEmpty)
    #expect(run.metrics["train_loss"] == 0.297728)
  }

  // MARK: - Broken fixtures (Fixtures/broken/defects.json)

  @Test func truncatedMetricLineIsReportedAndTheGoodPointsKept() throws {
    let store = Self.read("broken/mlflow-truncated-metric")
    let diagnostic = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(diagnostic.severity == .warning)
    #expect(
      diagnostic.location.file
        == "mlruns/\(IDs.fraud)/\(IDs.gbm1)/metrics/train_loss")
    #expect(diagnostic.location.line == 8)
    #expect(diagnostic.message.contains("metric `train_loss` of run \(IDs.gbm1)"))
    #expect(diagnostic.message.contains("line 8 has 2 fields"))
    #expect(diagnostic.message.contains("other 7 points are kept"))
    let run = try Self.run(IDs.gbm1, in: store)
    #expect(run.metricHistory["train_loss"]?.count == 7)
    #expect(run.metricHistory["val_accuracy"]?.count == 8)
    #expect(try Self.run(IDs.gbm2, in: store).metrics["precision_at_1pct"] == 0.47)
  }

  @Test func nonNumericMetricValueIsReportedAndTheOtherPointsKept() throws {
    let store = Self.read("broken/mlflow-nonnumeric-metric")
    let diagnostic = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(diagnostic.severity == .warning)
    #expect(
      diagnostic.location.file == "mlruns/\(IDs.fraud)/\(IDs.gbm1)/metrics/val_accuracy")
    #expect(diagnostic.location.line == 3)
    #expect(diagnostic.message.contains("the value `high` is not a number"))
    #expect(diagnostic.expected?.contains("nan, inf and -inf") == true)
    let run = try Self.run(IDs.gbm1, in: store)
    #expect(run.metricHistory["val_accuracy"]?.count == 7)
    #expect(run.metricHistory["val_accuracy"]?.map(\.step) == [0, 1, 3, 4, 5, 6, 7])
    #expect(run.metrics["val_accuracy"] == 0.881164)
  }

  @Test func runWithoutMetaIsSkippedWithAWarning() throws {
    let store = Self.read("broken/mlflow-missing-meta")
    let diagnostic = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(diagnostic.severity == .warning)
    #expect(diagnostic.location.file == "mlruns/\(IDs.fraud)/\(IDs.gbm2)")
    #expect(
      diagnostic.message.contains(
        "run folder \(IDs.gbm2) in experiment \(IDs.fraud) has no meta.yaml"))
    #expect(store.runs.map(\.id) == [IDs.gbm1])
    #expect(store.runs.first?.name == "gbm-v1")
    #expect(store.summary.status == .loaded)
    #expect(store.summary.warningCount == 1)
  }

  @Test func metaThatIsNotAMappingSkipsTheRunWithAWarning() throws {
    let store = Self.read("broken/mlflow-meta-not-mapping")
    let diagnostic = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(diagnostic.severity == .warning)
    #expect(diagnostic.location.file == "mlruns/\(IDs.fraud)/\(IDs.gbm1)/meta.yaml")
    #expect(diagnostic.location.line == 1)
    #expect(diagnostic.message.contains("the top level is a list, not a mapping"))
    #expect(store.runs.map(\.name) == ["gbm-v2"])
  }

  // MARK: - Through Project.load

  @Test func loadsThroughTheProjectLoader() throws {
    let project = try Project.load(at: Fixtures.path("mlflow-filestore"))
    #expect(project.runs.count == 10)
    #expect(project.experiments.count == 4)
    #expect(project.registeredModels.map(\.name) == ["churn-classifier"])
    let summary = try #require(project.sources.first { $0.kind == .mlflowFileStore })
    #expect(summary.path == "mlruns")
    #expect(summary.status == .loaded)
    #expect(summary.counts["experiments"] == 4)
    #expect(summary.counts["runs"] == 10)
    #expect(summary.counts["registered_models"] == 1)
    #expect(project.sources.filter { $0.kind == .mlflowSQLite || $0.kind == .mlflowServer }.isEmpty)
  }

  @Test func brokenStoreStillLoadsThroughTheProjectLoader() throws {
    let project = try Project.load(at: Fixtures.path("broken/mlflow-missing-meta"))
    #expect(project.runs.map(\.id) == [IDs.gbm1])
    let summary = try #require(project.sources.first { $0.kind == .mlflowFileStore })
    #expect(summary.warningCount == 1)
    #expect(summary.counts["runs"] == 1)
    #expect(project.diagnostics.contains { $0.location.file == "mlruns/\(IDs.fraud)/\(IDs.gbm2)" })
  }

  @Test func loadingWritesNothing() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.copyItem(
      atPath: Fixtures.path("mlflow-filestore/mlruns"), toPath: directory.path + "/mlruns")
    let before = try MLflowTestSupport.snapshot(directory.path)
    _ = try Project.load(at: directory.path)
    #expect(try MLflowTestSupport.snapshot(directory.path) == before)
  }

  // MARK: - Odd stores

  @Test func oddFilesBecomeDiagnosticsAndTheRestLoads() throws {
    let directory = TemporaryDirectory()
    let run = "mlruns/1/0123456789abcdef0123456789abcdef"
    directory.write(
      "mlruns/1/meta.yaml", "experiment_id: '1'\nname: odd\nlifecycle_stage: active\n")
    directory.write(
      "\(run)/meta.yaml",
      "run_id: 0123456789abcdef0123456789abcdef\nexperiment_id: '1'\nstatus: 9\nstart_time: 5\n")
    directory.write("\(run)/params/nested/key", "value")
    directory.write("\(run)/params/latin1", Data([0x63, 0x61, 0x66, 0xE9]))
    directory.write("\(run)/metrics/loss", "1 0.5 0\n2 nan 1\n3 inf 2 train abc123\n")
    directory.write("\(run)/metrics/empty", "")
    // Files of 8 KiB and more are read past the small-file path (one read into 8 KiB).
    let long = (0..<1_000).map { "\($0) 0.\($0) \($0)\n" }.joined()
    directory.write("\(run)/metrics/long", long)
    let exactly8K = String(repeating: "x", count: 8 << 10)
    directory.write("\(run)/params/exactly-8k", exactly8K)
    directory.write("\(run)/params/one-less", String(exactly8K.dropLast()))
    try FileManager.default.createSymbolicLink(
      atPath: directory.path + "/\(run)/params/linked",
      withDestinationPath: directory.path + "/\(run)/params/nested/key")
    try FileManager.default.createDirectory(
      atPath: directory.path + "/\(run)/tags", withIntermediateDirectories: true)
    #expect(mkfifo(directory.path + "/\(run)/tags/fifo", 0o644) == 0)
    directory.write("mlruns/2/ffffffffffffffffffffffffffffffff/meta.yaml", "run_id: x\n")
    directory.write("mlruns/1/fedcba9876543210fedcba9876543210/meta.yaml", "run_id: [\n")

    let context = LoadContext(root: directory.path, manifest: nil, options: LoadOptions())
    let store = MLflowFileStoreReader(path: "mlruns").read(context)
    let loaded = try #require(store.runs.first)
    #expect(store.runs.count == 1)
    #expect(loaded.status == .running)
    #expect(
      loaded.params == [
        "nested/key": "value", "linked": "value", "exactly-8k": exactly8K,
        "one-less": String(exactly8K.dropLast()),
      ])
    #expect(long.utf8.count > 8 << 10)
    #expect(loaded.metricHistory["long"]?.count == 1_000)
    #expect(loaded.metrics["long"] == 0.999)
    #expect(loaded.metricHistory["loss"]?.count == 3)
    #expect(loaded.metrics["loss"] == .infinity)
    #expect(loaded.metricHistory["loss"]?[1].value.isNaN == true)
    #expect(loaded.metricHistory["loss"]?[2].step == 2)

    func diagnostic(_ file: String) -> Diagnostic? {
      store.diagnostics.first { $0.location.file == file }
    }
    let status = try #require(diagnostic("\(run)/meta.yaml"))
    #expect(status.message.contains("`9` is not a run status"))
    #expect(status.location.line == 3)
    let latin1 = try #require(diagnostic("\(run)/params/latin1"))
    #expect(latin1.message.contains("not UTF-8"))
    let fifo = try #require(diagnostic("\(run)/tags/fifo"))
    #expect(fifo.message.contains("FIFO"))
    #expect(diagnostic("\(run)/metrics/empty")?.message.contains("no points") == true)
    #expect(diagnostic("mlruns/2")?.message.contains("has no meta.yaml") == true)
    let badYAML = try #require(
      diagnostic("mlruns/1/fedcba9876543210fedcba9876543210/meta.yaml"))
    #expect(badYAML.severity == .error)
    #expect(badYAML.location.line != nil)
    #expect(store.summary.status == .partial)
  }

  @Test func runWhoseIDDisagreesWithItsFolderIsSkipped() throws {
    let directory = TemporaryDirectory()
    directory.write("mlruns/0/meta.yaml", "experiment_id: '0'\nname: Default\n")
    directory.write("mlruns/0/aaaa/meta.yaml", "run_id: bbbb\nexperiment_id: '0'\nstatus: 3\n")
    directory.write("mlruns/0/cccc/meta.yaml", "run_uuid: cccc\nexperiment_id: 0\nstatus: 4\n")
    let context = LoadContext(root: directory.path, manifest: nil, options: LoadOptions())
    let store = MLflowFileStoreReader(path: "mlruns").read(context)
    #expect(store.runs.map(\.id) == ["cccc"])
    #expect(store.runs.first?.status == .failed)
    let diagnostic = try #require(store.diagnostics.first)
    #expect(diagnostic.location.keyPath == "run_id")
    #expect(diagnostic.message.contains("the folder is aaaa"))
  }

  @Test func flatMetaParserAgreesWithTheYAMLParser() throws {
    let root = Fixtures.path("mlflow-filestore/mlruns")
    let metas = try #require(FileManager.default.subpaths(atPath: root)).filter {
      $0.hasSuffix("meta.yaml")
    }
    var flat = 0
    for meta in metas {
      let text = try String(contentsOfFile: root + "/" + meta, encoding: .utf8)
      guard let entries = MLflowMetaFile.flatEntries(text) else { continue }
      flat += 1
      var sink = DiagnosticSink(source: .mlflowFileStore, file: meta)
      let node = try #require(YAMLParsing.parse(text, sink: &sink))
      let expected = try #require(YAMLCursor(root: node).mapping(&sink))
      #expect(entries.map(\.key) == expected.map(\.key), "\(meta)")
      for ((_, value), (_, cursor)) in zip(entries, expected) {
        let reference = MLflowMetaValue(cursor: cursor)
        #expect(value.scalar == reference.scalar, "\(meta) \(value.keyPath)")
        #expect(value.isNull == reference.isNull, "\(meta) \(value.keyPath)")
        #expect(value.line == reference.line, "\(meta) \(value.keyPath)")
      }
    }
    // Runs, experiments without tags and model versions are flat; datasets are not.
    #expect(flat >= 15)
    #expect(MLflowMetaFile.flatEntries("schema: '{\"a\":\n  1}'\n") == nil)
    #expect(MLflowMetaFile.flatEntries("- a: 1\n") == nil)
    #expect(MLflowMetaFile.flatEntries("a: 1\na: 2\n") == nil)
    #expect(MLflowMetaFile.flatEntries("name: 'it''s'\n")?.first?.value.scalar == "it's")
  }

  @Test func metricLinesInEveryFormatMLflowWrites() {
    let text = "10 0.5 3\n11 0.25\n12 -inf 3 train-set d1g35t\n9 7.5 4\n13 1e-05 4\n"
    let parsed = MLflowMetricFile.parse(Array(text.utf8), keepHistory: true)
    #expect(parsed.problems.isEmpty)
    #expect(parsed.history.map(\.step) == [3, 0, 3, 4, 4])
    #expect(parsed.history[2].value == -.infinity)
    // Largest step (4), then latest timestamp (13): 1e-05, though 7.5 is larger.
    #expect(parsed.latest == MetricPoint(timestamp: 13, value: 1e-05, step: 4))
    let bad = MLflowMetricFile.parse(Array("1 2 3 4\nx 1 0\n1 1 y\n".utf8), keepHistory: false)
    #expect(bad.problems.map(\.line) == [1, 2, 3])
    #expect(bad.pointCount == 0)
    #expect(bad.history.isEmpty)
  }

  @Test func latestIsMLflowsMaxOfStepTimestampValueNotTheLastLine() {
    // The last line has the latest timestamp but a smaller step; at step 5 the timestamp 100
    // ties and the larger value wins; a NaN at the same step and timestamp replaces nothing.
    let text = "100 0.1 5\n99 0.3 5\n100 0.2 5\n100 nan 5\n101 0.9 2\n"
    let parsed = MLflowMetricFile.parse(Array(text.utf8), keepHistory: false)
    #expect(parsed.problems.isEmpty)
    #expect(parsed.pointCount == 5)
    #expect(parsed.latest == MetricPoint(timestamp: 100, value: 0.2, step: 5))
    // Python's max keeps the first of two keys neither of which is greater: with a NaN first,
    // the NaN stays (MLflow reports nan); with the number first, the number stays.
    let nanFirst = MLflowMetricFile.parse(Array("5 nan 1\n5 0.7 1\n".utf8), keepHistory: false)
    #expect(nanFirst.latest?.value.isNaN == true)
    let numberFirst = MLflowMetricFile.parse(Array("5 0.7 1\n5 NaN 1\n".utf8), keepHistory: false)
    #expect(numberFirst.latest?.value == 0.7)
    // Values are read in place: long, signed, exponent and special forms.
    let forms = "1 0.50034812847102637 0\n2 -1.5e-07 0\n3 +inf 0\n4 -Infinity 0\n5 -nan 0\n"
    let read = MLflowMetricFile.parse(Array(forms.utf8), keepHistory: true).history.map(\.value)
    #expect(read.count == 5)
    #expect(read[0] == 0.50034812847102637)
    #expect(read[1] == -1.5e-07)
    #expect(read[2] == .infinity)
    #expect(read[3] == -.infinity)
    #expect(read[4].isNaN)
  }

  @Test func missingStoreFails() {
    let directory = TemporaryDirectory()
    let context = LoadContext(root: directory.path, manifest: nil, options: LoadOptions())
    let store = MLflowFileStoreReader(path: "nowhere").read(context)
    #expect(store.failed)
    #expect(store.diagnostics.first?.message.contains("does not exist") == true)
  }
}

/// Helpers shared by the MLflow tests.
enum MLflowTestSupport {
  /// Every path under a folder with its size and modification time, to prove nothing changed.
  static func snapshot(_ root: String) throws -> [String: String] {
    var result: [String: String] = [:]
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: root) else { return result }
    while let relative = enumerator.nextObject() as? String {
      let attributes = try manager.attributesOfItem(atPath: root + "/" + relative)
      let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      result[relative] = "\(size) \(modified)"
    }
    return result
  }
}
