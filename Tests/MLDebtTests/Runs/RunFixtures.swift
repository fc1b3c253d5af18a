import Foundation

@testable import MLDebt

/// The MLflow fixture stores loaded as projects, and the answers MLflow's own client gave for
/// filters over them (Fixtures/runs/expected.json, written by compute_expected.py).
enum RunFixtures {
  /// A fixture store.
  enum Store: String, CaseIterable, Sendable {
    case filestore, sqlite
  }

  /// The store's runs, experiments and registry as a project.
  static func project(_ store: Store) -> Project {
    let contribution: SourceContribution
    let root: String
    switch store {
    case .filestore:
      root = Fixtures.path("mlflow-filestore")
      contribution = MLflowFileStoreReader(path: "mlruns").read(
        LoadContext(root: root, manifest: nil, options: LoadOptions()))
    case .sqlite:
      root = Fixtures.path("mlflow-sqlite")
      contribution = MLflowSQLiteReader(path: "mlflow.db").read(
        LoadContext(root: root, manifest: nil, options: LoadOptions()))
    }
    return Project(
      root: root, name: store.rawValue, experiments: contribution.experiments,
      runs: contribution.runs, registeredModels: contribution.registeredModels,
      diagnostics: contribution.diagnostics)
  }

  /// Run ids by run name (live runs only; names are unique among them in the fixtures).
  static func ids(_ project: Project) -> [String: String] {
    Dictionary(
      project.runs.filter { !$0.deleted }.compactMap { run in run.name.map { ($0, run.id) } }
    ) { first, _ in first }
  }

  struct Expected: Decodable {
    struct Case: Decodable {
      var filter: String
      var ids: [String]
      var ordered: Bool
    }
    struct Ordering: Decodable {
      var sort: [String]
      var ids: [String]
    }
    struct StoreAnswers: Decodable {
      var experiments: [String]
      var all: [String]
      var cases: [Case]
      var orderings: [Ordering]
    }
    var mlflow: String
    var filestore: StoreAnswers
    var sqlite: StoreAnswers

    func answers(_ store: Store) -> StoreAnswers {
      store == .filestore ? filestore : sqlite
    }
  }

  static let expected: Expected = {
    let url = URL(fileURLWithPath: Fixtures.path("runs/expected.json"))
    // The file is committed; failing to read it is a broken checkout, not a test outcome.
    return try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
  }()
}
