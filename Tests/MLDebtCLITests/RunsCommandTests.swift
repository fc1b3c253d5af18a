import Foundation
import Testing

@Suite("mldebt runs")
struct RunsCommandTests {
  // --no-cache: the tests must not write a .mldebt/ folder into the fixtures.
  let store = ["Tests/MLDebtTests/Fixtures/mlflow-filestore", "--no-cache"]
  let sqlite = ["Tests/MLDebtTests/Fixtures/mlflow-sqlite", "--no-cache"]

  private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func listsFiltersSortsAndLimits() throws {
    let all = try CLIRunner.run(["runs"] + store)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("8 runs"))
    #expect(all.stdout.contains("  sweep-C=0.1"))  // nested under hparam-sweep
    #expect(all.stdout.contains("1✗ prod"))  // baseline: the production run, lacking a seed

    let filtered = try CLIRunner.run(
      ["runs"] + store + [
        "--filter", "params.C IN ('0.1', '10.0') OR metrics.auc > 0.8", "--sort",
        "metrics.val_accuracy DESC", "--format", "json",
      ])
    #expect(filtered.status == 0, "\(filtered.stderr)")
    let document = try json(filtered.stdout)
    let runs = try #require(document["runs"] as? [[String: Any]])
    #expect(document["count"] as? Int == 3)
    #expect(
      Set(runs.compactMap { $0["name"] as? String }) == [
        "sweep-C=0.1", "sweep-C=10.0", "baseline-logreg",
      ])
    let accuracies = runs.compactMap {
      ($0["metrics"] as? [String: Any])?["val_accuracy"] as? Double
    }
    #expect(accuracies == accuracies.sorted(by: >))
    #expect(runs.allSatisfy { $0["reproducible"] as? Bool == false })
    #expect(
      (runs.first { $0["name"] as? String == "baseline-logreg" }?["gaps"] as? [String]) == ["seed"])

    let limited = try CLIRunner.run(
      ["runs"] + sqlite + ["--experiment", "fraud-detection", "--limit", "1", "--format", "json"])
    #expect(try json(limited.stdout)["count"] as? Int == 1)
  }

  @Test func invalidFilterPointsAtTheColumnAndExitsTwo() throws {
    let result = try CLIRunner.run(["runs"] + store + ["--filter", "metrics.auc > 'high'"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--filter: column 15:"))
    #expect(result.stderr.contains("metrics.auc > 'high'\n              ^"))
    let experiment = try CLIRunner.run(["runs"] + store + ["--experiment", "nope"])
    #expect(experiment.status == 2)
    #expect(experiment.stderr.contains("no experiment has the id or name `nope`"))
    let sort = try CLIRunner.run(["runs"] + store + ["--sort", "bogus.x"])
    #expect(sort.status == 2)
    #expect(sort.stderr.contains("is not a kind of name"))
  }

  @Test func diffShowsWhatChanged() throws {
    let result = try CLIRunner.run(["runs"] + store + ["--diff", "baseline-logreg", "no-git-tag"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.hasPrefix("params") && $0.contains("C") && $0.contains("1.0") && $0.contains("0.3")
      })
    #expect(!lines.contains { $0.contains("penalty") })
    #expect(result.stdout.contains("equal rows hidden"))
    let all = try CLIRunner.run(
      ["runs"] + store + [
        "--diff", "baseline-logreg", "no-git-tag", "--show-equal", "--format", "json",
      ])
    let rows = try #require(try json(all.stdout)["rows"] as? [[String: Any]])
    #expect(rows.contains { $0["key"] as? String == "penalty" && $0["isEqual"] as? Bool == true })
    let unknown = try CLIRunner.run(["runs"] + store + ["--diff", "baseline-logreg", "nope"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("no single run is `nope`"))
  }

  @Test func auditListsGapsAndSharesPerExperiment() throws {
    let result = try CLIRunner.run(["runs"] + store + ["--audit"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("churn-model"))
    #expect(result.stdout.contains("0%"))
    #expect(result.stdout.contains("no-git-tag: git commit: no mlflow.source.git.commit tag"))
    let markdown = try CLIRunner.run(["runs"] + store + ["--audit", "--format", "markdown"])
    #expect(markdown.stdout.hasPrefix("# Reproducibility audit"))
    let document = try json(
      try CLIRunner.run(["runs"] + store + ["--audit", "--format", "json"]).stdout)
    #expect((document["audits"] as? [Any])?.count == 8)
    #expect((document["experiments"] as? [[String: Any]])?.first?["reproducibleRuns"] as? Int == 0)
  }

  @Test func keepsItsRunCacheInDotMLDebt() throws {
    let root = NSTemporaryDirectory() + "mldebt-runs-cli-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: CLIRunner.packageRoot + "/Tests/MLDebtTests/Fixtures/mlflow-filestore/mlruns",
      toPath: root + "/mlruns")
    let cold = try CLIRunner.run(["runs", root, "--format", "json"])
    #expect(FileManager.default.fileExists(atPath: root + "/.mldebt/runs-cache.sqlite"))
    let warm = try CLIRunner.run(["runs", root, "--format", "json"])
    #expect(cold.status == 0 && warm.status == 0)
    #expect(warm.stdout == cold.stdout)
  }
}
