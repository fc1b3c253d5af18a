import Foundation
import GRDB
import Testing

@testable import MLDebt

/// Run ids of the SQLite fixture MLflow wrote (Fixtures/mlflow-sqlite/ids.txt).
enum MLflowSQLiteFixtureIDs {
  static let baseline = "a5240b6020d0429c8cf197f45625871b"
  static let noGitTag = "79fdda8fd41f425b959ba1690ce64264"
  static let sweep = "a37f115c6a4443cc8df2d1aff1067dbd"
  static let sweepChild = "a22fa1f725604b2f8a7ce6e5f89c8d33"
  static let crashed = "1098d6a904944815858718296e887807"
  static let deleted = "9b19cdec60c94347ba38b767352e4941"
  static let scratchRun = "cfc2ffe4ed2241f1ad33ce50dcfe4bcc"
}

@Suite("MLflow SQLite store")
struct MLflowSQLiteTests {
  typealias IDs = MLflowSQLiteFixtureIDs

  static func read(
    _ fixture: String, file: String = "mlflow.db", options: LoadOptions = LoadOptions()
  ) -> SourceContribution {
    let context = LoadContext(root: Fixtures.path(fixture), manifest: nil, options: options)
    return MLflowSQLiteReader(path: file).read(context)
  }

  static func run(_ id: String, in contribution: SourceContribution) throws -> Run {
    try #require(contribution.runs.first { $0.id == id }, "run \(id) not loaded")
  }

  @Test func readsExperimentsAndRunsIncludingDeleted() throws {
    let store = Self.read("mlflow-sqlite")
    #expect(store.diagnostics.isEmpty, "\(store.diagnostics)")
    #expect(store.experiments.map(\.id) == ["0", "1", "2", "3"])
    #expect(
      store.experiments.map(\.name)
        == ["Default", "churn-model", "fraud-detection", "scratch-deleted"])
    #expect(store.experiments.map(\.deleted) == [false, false, false, true])
    #expect(store.experiments[1].tags == ["owner": "fixture-bot"])
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
    let run = try Self.run(IDs.baseline, in: Self.read("mlflow-sqlite"))
    #expect(run.experimentID == "1")
    #expect(run.name == "baseline-logreg")
    #expect(run.status == .finished)
    #expect(run.user == "fixture-bot")
    #expect(run.startTime == 1_795_424_367_344)
    #expect(run.params == ["C": "1.0", "penalty": "l2", "max_iter": "200"])
    #expect(run.gitCommit == "3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39")
    #expect(run.metrics == ["train_loss": 0.297728, "val_accuracy": 0.876864, "auc": 0.81])
    let history = try #require(run.metricHistory["train_loss"])
    #expect(history.count == 10)
    #expect(history.map(\.step) == Array(0...9))
    #expect(history.first?.value == 0.89365)
    #expect(run.provenance == Provenance(.mlflowSQLite, "mlflow.db"))
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

  @Test func readsParentChildAndStatuses() throws {
    let store = Self.read("mlflow-sqlite")
    #expect(try Self.run(IDs.sweepChild, in: store).parentRunID == IDs.sweep)
    #expect(try Self.run(IDs.sweepChild, in: store).name == "sweep-C=0.1")
    #expect(try Self.run(IDs.crashed, in: store).status == .failed)
    #expect(try Self.run(IDs.noGitTag, in: store).gitCommit == nil)
    #expect(store.runs.filter { $0.parentRunID == IDs.sweep }.count == 2)
  }

  @Test func readsTheModelRegistryWithAliases() throws {
    let store = Self.read("mlflow-sqlite")
    let model = try #require(store.registeredModels.first)
    #expect(store.registeredModels.count == 1)
    #expect(model.name == "churn-classifier")
    #expect(model.versions.map(\.version) == ["1", "2"])
    #expect(model.versions.map(\.runID) == [IDs.baseline, IDs.noGitTag])
    let production = try #require(model.versions.first { $0.isProduction })
    #expect(production.aliases == ["champion"])
    #expect(production.runID == IDs.baseline)
  }

  @Test func withoutHistoriesKeepsOnlyLatestValues() throws {
    var options = LoadOptions()
    options.metricHistories = false
    let run = try Self.run(IDs.baseline, in: Self.read("mlflow-sqlite", options: options))
    #expect(run.metricHistory.isEmpty)
    #expect(run.metrics["train_loss"] == 0.297728)
  }

  @Test func aSQLiteFileThatIsNotMLflowGivesOneClearDiagnostic() throws {
    let store = Self.read("broken/mlflow-sqlite-not-mlflow")
    #expect(store.failed)
    #expect(store.runs.isEmpty)
    let diagnostic = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.file == "mlflow.db")
    #expect(
      diagnostic.message.contains(
        "not an MLflow database: tables experiments and runs are missing"))
    #expect(diagnostic.message.contains("inventory"))
  }

  @Test func aFileThatIsNotSQLiteGivesOneClearDiagnostic() throws {
    let directory = TemporaryDirectory()
    directory.write("mlflow.db", "experiments: []\n")
    let context = LoadContext(root: directory.path, manifest: nil, options: LoadOptions())
    let store = MLflowSQLiteReader(path: "mlflow.db").read(context)
    #expect(store.failed)
    #expect(
      store.diagnostics.map(\.message) == [
        "mlflow.db is not a SQLite database (its first bytes are not `SQLite format 3`)"
      ])
  }

  @Test func loadsThroughTheProjectLoader() throws {
    let project = try Project.load(at: Fixtures.path("mlflow-sqlite"))
    #expect(project.runs.count == 10)
    #expect(project.experiments.count == 4)
    #expect(project.registeredModels.first?.versions.first?.aliases == ["champion"])
    let summary = try #require(project.sources.first { $0.kind == .mlflowSQLite })
    #expect(summary.path == "mlflow.db")
    #expect(summary.status == .loaded)
    #expect(summary.counts["experiments"] == 4)
    #expect(summary.counts["runs"] == 10)
    #expect(project.sources.first { $0.kind == .mlflowFileStore } == nil)
  }

  @Test func brokenDatabaseFailsThroughTheProjectLoader() throws {
    let project = try Project.load(at: Fixtures.path("broken/mlflow-sqlite-not-mlflow"))
    let summary = try #require(project.sources.first { $0.kind == .mlflowSQLite })
    #expect(summary.status == .failed)
    #expect(summary.errorCount == 1)
    #expect(project.runs.isEmpty)
  }

  @Test func loadingChangesNeitherTheFolderNorTheDatabase() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.copyItem(
      atPath: Fixtures.path("mlflow-sqlite/mlflow.db"), toPath: directory.path + "/mlflow.db")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/mlflow.db"))
    let before = try MLflowTestSupport.snapshot(directory.path)
    let project = try Project.load(at: directory.path)
    #expect(project.runs.count == 10)
    #expect(try MLflowTestSupport.snapshot(directory.path) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["mlflow.db"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/mlflow.db")) == bytes)
  }

  @Test func aWALModeDatabaseIsReadWithoutCreatingSideFiles() throws {
    let directory = TemporaryDirectory()
    let path = directory.path + "/mlflow.db"
    do {
      let writer = try DatabaseQueue(path: path)
      try writer.writeWithoutTransaction { db in
        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        try db.execute(
          sql: """
            CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE runs (run_uuid TEXT PRIMARY KEY, experiment_id INTEGER, status TEXT);
            INSERT INTO experiments VALUES (0, 'Default');
            INSERT INTO runs VALUES ('r1', 0, 'KILLED');
            INSERT INTO runs VALUES ('r2', 0, 'PAUSED');
            """)
      }
      try writer.close()
    }
    let before = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(before == ["mlflow.db"])
    // Bytes 18 and 19 of the header are 2 in WAL mode.
    let header = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(20)
    #expect(Array(header.suffix(2)) == [2, 2])
    let context = LoadContext(root: directory.path, manifest: nil, options: LoadOptions())
    let store = MLflowSQLiteReader(path: "mlflow.db").read(context)
    #expect(store.runs.map(\.status) == [.killed, .running])
    let warning = try #require(store.diagnostics.first)
    #expect(warning.location.keyPath == "runs[r2].status")
    #expect(warning.message.contains("`PAUSED`"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == before)
  }
}
