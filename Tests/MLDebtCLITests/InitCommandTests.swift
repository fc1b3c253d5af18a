import Foundation
import Testing

@Suite("mldebt init")
struct InitCommandTests {
  static let fixtures = CLIRunner.packageRoot + "/Tests/MLDebtTests/Fixtures"

  func copy(_ fixture: String?) throws -> String {
    let target = NSTemporaryDirectory() + "mldebt-init-" + UUID().uuidString
    if let fixture {
      try FileManager.default.copyItem(atPath: Self.fixtures + "/" + fixture, toPath: target)
    } else {
      try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
    }
    return target
  }

  @Test(arguments: [
    "dvc", "openlineage", "feast", "mlflow-filestore", "mlflow-sqlite", "monitoring", nil,
  ])
  func draftsAManifestThatLoadsCleanly(fixture: String?) throws {
    let directory = try copy(fixture)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try CLIRunner.run(["init", directory])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("Next, fill in:\n  1. "))
    let text = try String(contentsOfFile: directory + "/mldebt.yaml", encoding: .utf8)
    #expect(text.contains("TODO"))
    let sources = try CLIRunner.run(["sources", directory, "--format", "json"])
    #expect(sources.status == 0, "\(sources.stdout)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(sources.stdout.utf8)) as? [String: Any])
    let problems = (json["diagnostics"] as? [[String: Any]] ?? []).filter {
      $0["source"] as? String == "manifest"
    }
    #expect(problems.filter { $0["severity"] as? String != "info" }.isEmpty, "\(problems)")
  }

  @Test func namesWhatItFound() throws {
    let directory = try copy("mlflow-filestore")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let result = try CLIRunner.run(["init", directory, "--print"])
    #expect(result.stdout.contains("mlflow: mlruns"))
    #expect(result.stdout.contains("registered_model: churn-classifier"))
    #expect(FileManager.default.fileExists(atPath: directory + "/mldebt.yaml") == false)
  }

  @Test func neverOverwritesAManifest() throws {
    let directory = try copy(nil)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "project: {name: mine}\n".write(
      toFile: directory + "/mldebt.yaml", atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["init", directory])
    #expect(result.status == 2)
    #expect(result.stderr.contains("never overwrites"))
    #expect(
      try String(contentsOfFile: directory + "/mldebt.yaml", encoding: .utf8)
        == "project: {name: mine}\n")
  }
}
