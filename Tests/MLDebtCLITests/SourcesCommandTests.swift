import Foundation
import Testing

@Suite("mldebt sources and the CLI conventions")
struct SourcesCommandTests {
  @Test func listsEverySourceOfTheExampleAsJSON() throws {
    let result = try CLIRunner.run(["sources", "examples/car-loans", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let sources = try #require(json["sources"] as? [[String: Any]])
    let kinds = Set(sources.compactMap { $0["kind"] as? String })
    #expect(kinds.isSuperset(of: ["manifest", "attestations", "dvc", "openlineage"]))
    #expect(sources.allSatisfy { $0["status"] as? String == "loaded" })
    let project = try #require(json["project"] as? [String: Any])
    #expect(project["manifest"] as? String == "mldebt.yaml")
    let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
    #expect(!diagnostics.contains { $0["severity"] as? String == "error" })
    // Every diagnostic has the same fields, null where unknown.
    for diagnostic in diagnostics {
      #expect(
        Set(diagnostic.keys) == [
          "severity", "source", "file", "line", "column", "keyPath", "message", "expected", "hint",
        ])
    }
  }

  @Test func missingPathExitsTwoWithAMessageOnStderrOnly() throws {
    let result = try CLIRunner.run(["sources", "/no/such/project"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("/no/such/project does not exist"))
  }

  @Test func brokenManifestExitsTwoAndStillReportsWhere() throws {
    let directory = NSTemporaryDirectory() + "mldebt-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "project:\n  name: [unclosed\n".write(
      toFile: directory + "/mldebt.yaml", atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["sources", directory])
    #expect(result.status == 2)
    #expect(result.stdout.contains("manifest"))
    #expect(result.stderr.contains("mldebt.yaml:3:"))
    #expect(result.stderr.contains("not valid YAML"))
  }

  @Test func markdownIsATableWithAHeading() throws {
    let result = try CLIRunner.run(["sources", "examples/car-loans", "--format", "markdown"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("# Sources of car-loans"))
    #expect(result.stdout.contains("| SOURCE | PATH | STATUS |"))
  }

  @Test func usageErrorsExitTwo() throws {
    let result = try CLIRunner.run(["sources", "examples/car-loans", "--format", "yaml"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("format"))
  }

  @Test func theTUIRefusesToDrawWithoutATerminal() throws {
    let result = try CLIRunner.run(["examples/car-loans"], environment: ["TERM": "xterm-256color"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("mldebt sources examples/car-loans"))
  }

  @Test func hostileNamesAreSanitizedInTables() throws {
    let directory = NSTemporaryDirectory() + "mldebt-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "project:\n  name: \"evil\\e]0;pwned\\a\"\n".write(
      toFile: directory + "/mldebt.yaml", atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["sources", directory])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1b}"))
    #expect(result.stdout.contains("evil\\x1b]0;pwned\\x07"))
  }
}
