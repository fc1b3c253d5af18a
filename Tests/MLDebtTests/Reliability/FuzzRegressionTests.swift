import Foundation
import Testing

@testable import MLDebt

/// Inputs the fuzzers (Fuzz/run) found problems with, kept in Fixtures/regressions and run in the
/// normal suite. A leak shows only under `make sanitize` (LeakSanitizer); here each input must
/// also give its expected answer. docs/reliability.md lists the findings.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  static func regression(_ name: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("regressions/" + name)))
  }

  @Test("csv: a small CSV file is read without leaking Foundation's mapped buffer")
  func csvSmallFileLeak() throws {
    let path = Fixtures.path("regressions/csv-small-file-leak.csv")
    let table = try CSVTable.read(path)
    #expect(
      table.header == ["window", "column", "bin_type", "lower", "upper", "category", "count"])
    #expect(table.rowCount > 50)
    #expect(table.diagnostics.isEmpty)
    // The same bytes parsed from memory give the same table.
    let inMemory = CSVTable(bytes: try Self.regression("csv-small-file-leak.csv"), path: path)
    #expect(inMemory.rowCount == table.rowCount)
  }

  /// A tracking-server read whose every endpoint answers with `answer`.
  static func serverRead(_ answer: Data) -> SourceContribution {
    let client = MLflowHTTPClient(base: "http://fuzz") { _ in (status: 200, body: answer) }
    var session = MLflowServerSession(client: client, shown: "http://fuzz", metricHistories: true)
    var contribution = SourceContribution(kind: .mlflowServer, path: "http://fuzz")
    session.read(into: &contribution)
    return contribution
  }

  @Test(
    "mlflow-rest: a broken answer served without a network session is refused, and leaks nothing")
  func mlflowRestSessionLeak() throws {
    let contribution = Self.serverRead(try Self.regression("mlflow-rest-session-leak.json"))
    #expect(contribution.failed)
    #expect(contribution.diagnostics.count == 1)
    #expect(contribution.diagnostics.first?.message.contains("is not a JSON object") == true)
  }

  @Test("mlflow-rest: the seed answer reads experiments, runs, histories and the registry")
  func mlflowRestSeedAnswer() throws {
    let contribution = Self.serverRead(try Self.regression("mlflow-rest-all-endpoints.json"))
    #expect(!contribution.failed)
    #expect(contribution.experiments.map(\.id).sorted() == ["0", "1"])
    #expect(contribution.runs.map(\.id) == ["a1b2"])
    #expect(contribution.runs.first?.metricHistory["auc"]?.count == 2)
    #expect(contribution.registeredModels.first?.versions.map(\.version) == ["1", "2"])
  }
}
