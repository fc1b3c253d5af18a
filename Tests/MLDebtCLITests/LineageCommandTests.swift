import Foundation
import Testing

@Suite("mldebt lineage")
struct LineageCommandTests {
  static let example = "examples/car-loans"

  func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func upstreamClosureAsJSON() throws {
    let result = try CLIRunner.run(
      ["lineage", Self.example, "model:default_risk", "--up", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try json(result.stdout)
    #expect(object["node"] as? String == "model:default_risk")
    #expect(object["direction"] as? String == "upstream")
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    let ids = nodes.compactMap { $0["id"] as? String }
    #expect(ids.contains("feature:fraud_score"))
    #expect(ids.contains("model:fraud_model"))
    #expect(ids.contains("dataset:repayment_labels"))
    #expect(nodes.allSatisfy { Set($0.keys) == ["id", "kind", "owner", "depth", "via", "edge"] })
  }

  @Test func depthLimitsTheClosure() throws {
    let result = try CLIRunner.run(
      ["lineage", Self.example, "model:default_risk", "--up", "--depth", "1", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let nodes = try #require(try json(result.stdout)["nodes"] as? [[String: Any]])
    #expect(nodes.allSatisfy { $0["depth"] as? Int == 1 })
    #expect(!nodes.isEmpty)
  }

  @Test func impactGroupsOwnersInATable() throws {
    let result = try CLIRunner.run([
      "lineage", Self.example, "dataset:loan_applications", "--impact",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("owners to tell:"))
    #expect(result.stdout.contains("KIND"))
    #expect(result.stdout.contains("model:default_risk"))
    #expect(result.stdout.contains("lending-platform"))
  }

  @Test func bareNodeWithoutPathInTheProjectDirectory() throws {
    let result = try CLIRunner.run(
      ["lineage", "default_risk"], in: CLIRunner.packageRoot + "/" + Self.example)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("model:default_risk"))
    #expect(result.stdout.contains("credit-risk-ml"))
  }

  @Test func unknownNodeExitsTwoWithSuggestions() throws {
    let result = try CLIRunner.run(["lineage", Self.example, "defualt_risk"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no node defualt_risk"))
    #expect(result.stderr.contains("did you mean: model:default_risk"))
  }

  @Test func ambiguousNodeExitsTwoListingCandidates() throws {
    let result = try CLIRunner.run(["lineage", Self.example, "loan_approval_service"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("consumer:loan_approval_service"))
    #expect(result.stderr.contains("job:loan_approval_service"))
  }

  @Test func pathBetweenTwoNodes() throws {
    let result = try CLIRunner.run(
      [
        "lineage", Self.example, "--path", "model:default_risk", "dataset:repayment_labels",
        "--format", "json",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try json(result.stdout)
    #expect(object["connection"] as? String == "directed")
    let steps = try #require(object["steps"] as? [[String: Any]])
    #expect(steps.first?["id"] as? String == "model:default_risk")
    #expect(steps.last?["id"] as? String == "dataset:repayment_labels")
    let reversed = try CLIRunner.run(
      ["lineage", Self.example, "--path", "dataset:loan_decisions", "model:fraud_model"])
    #expect(reversed.status == 0)
    #expect(!reversed.stdout.hasPrefix("A directed path"))
  }

  @Test func cyclesFindTheFeedbackLoop() throws {
    let result = try CLIRunner.run(["lineage", Self.example, "--cycles", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let cycles = try #require(try json(result.stdout)["cycles"] as? [[String: Any]])
    #expect(cycles.count == 1)
    #expect(cycles.first?["models"] as? [String] == ["model:default_risk"])
    let through = try CLIRunner.run(["lineage", Self.example, "model:fraud_model", "--cycles"])
    #expect(through.status == 0)
    #expect(through.stdout.contains("is on no cycle"))
  }

  @Test func signalsAsJSONAndTheFailOnGate() throws {
    let result = try CLIRunner.run(["lineage", Self.example, "--signals", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let findings = try #require(try json(result.stdout)["findings"] as? [[String: Any]])
    let rules = Set(findings.compactMap { $0["rule"] as? String })
    #expect(
      rules.isSuperset(of: [
        "lineage.feedback-loop", "lineage.correction-cascade", "lineage.unused-feature",
        "lineage.undeclared-consumer", "lineage.unpinned-training-input",
      ]))
    let gate = try CLIRunner.run(["lineage", Self.example, "--signals", "--fail-on", "high"])
    #expect(gate.status == 1)
    let markdown = try CLIRunner.run(
      ["lineage", Self.example, "--signals", "--format", "markdown"])
    #expect(markdown.stdout.contains("| SEVERITY | RULE | FINDING |"))
    #expect(markdown.stdout.contains("### Hidden feedback loop"))
  }

  @Test func diagramsInDotAndMermaid() throws {
    let dot = try CLIRunner.run(
      ["lineage", Self.example, "model:default_risk", "--down", "--format", "dot"])
    #expect(dot.status == 0, "\(dot.stderr)")
    #expect(dot.stdout.hasPrefix("digraph \"model:default_risk\" {"))
    #expect(dot.stdout.contains("label=\"serves\""))
    let mermaid = try CLIRunner.run(
      [
        "lineage", Self.example, "--path", "dataset:loan_applications", "consumer:risk_dashboard",
        "--format", "mermaid",
      ])
    #expect(mermaid.status == 0, "\(mermaid.stderr)")
    #expect(mermaid.stdout.hasPrefix("flowchart LR\n"))
    #expect(mermaid.stdout.contains("-->|"))
  }

  @Test func summaryWithoutANode() throws {
    let result = try CLIRunner.run(["lineage", Self.example, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try json(result.stdout)
    #expect(object["project"] as? String == "car-loans")
    #expect((object["nodes"] as? [String: Int])?["model"] == 2)
  }

  @Test(arguments: [
    ["lineage", "examples/car-loans", "x", "--up", "--down"],
    ["lineage", "examples/car-loans", "--path", "a"],
    ["lineage", "examples/car-loans", "--cycles", "--signals"],
    ["lineage", "examples/car-loans", "--depth", "2"],
    ["lineage", "examples/car-loans", "--format", "svg"],
  ])
  func usageErrorsExitTwo(arguments: [String]) throws {
    let result = try CLIRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
  }

  @Test func hostileNamesAreSanitizedAndEscaped() throws {
    let directory = NSTemporaryDirectory() + "mldebt-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let manifest = """
      project: {name: hostile}
      datasets:
        - id: "raw\\e]0;pwned\\a"
      features:
        - id: "quote\\"d<b>#1|x"
          derived_from: ["dataset:raw\\e]0;pwned\\a"]
      """
    try manifest.write(toFile: directory + "/mldebt.yaml", atomically: true, encoding: .utf8)
    let table = try CLIRunner.run(["lineage", directory, "--signals"])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(!table.stdout.contains("\u{1b}"))
    let dot = try CLIRunner.run(["lineage", directory, "--signals", "--format", "dot"])
    #expect(!dot.stdout.contains("\u{1b}"))
    #expect(dot.stdout.contains("quote\\\"d<b>#1|x"))
    let mermaid = try CLIRunner.run(["lineage", directory, "--signals", "--format", "mermaid"])
    #expect(!mermaid.stdout.contains("\u{1b}"))
    #expect(mermaid.stdout.contains("quote#34;d#60;b#62;#35;1#124;x"))
  }
}
