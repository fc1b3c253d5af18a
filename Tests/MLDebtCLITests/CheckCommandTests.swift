import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("mldebt score and mldebt check")
struct CheckCommandTests {
  let example = ["examples/car-loans", "--as-of", "2026-11-23"]

  @Test func gatePassesAndFailsOnScoreAndSeverity() throws {
    let pass = try CLIRunner.run(["check"] + example + ["--fail-under", "10"])
    #expect(pass.status == 0, "\(pass.stderr)")
    #expect(pass.stdout.contains("PASS"))
    let underScore = try CLIRunner.run(["check"] + example + ["--fail-under", "99"])
    #expect(underScore.status == 1)
    #expect(underScore.stdout.contains("FAIL: overall score"))
    let severe = try CLIRunner.run(["check"] + example + ["--fail-on", "high"])
    #expect(severe.status == 1)
    let badArgument = try CLIRunner.run(["check"] + example + ["--fail-on", "fatal"])
    #expect(badArgument.status == 2)
    let badScore = try CLIRunner.run(["check"] + example + ["--fail-under", "120"])
    #expect(badScore.status == 2)
  }

  @Test func junitIsWellFormedXMLWithOneSuitePerArea() throws {
    let result = try CLIRunner.run(
      ["check"] + example + ["--format", "junit", "--fail-on", "high"])
    #expect(result.status == 1)
    let document = try XMLDocument(data: Data(result.stdout.utf8))
    let suites = try document.nodes(forXPath: "/testsuites/testsuite")
    #expect(suites.count == 9)
    let failures = try document.nodes(forXPath: "//failure")
    #expect(!failures.isEmpty)
  }

  @Test func sarifHasRulesResultsAndFingerprints() throws {
    let result = try CLIRunner.run(["check"] + example + ["--format", "sarif"])
    #expect(result.status == 0)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["version"] as? String == "2.1.0")
    let run = try #require((json["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(!results.isEmpty)
    for item in results {
      #expect((item["partialFingerprints"] as? [String: String])?["mldebt/v1"]?.count == 16)
      #expect(["note", "warning", "error"].contains(item["level"] as? String ?? ""))
    }
  }

  @Test func scoreExplainsAnArea() throws {
    let result = try CLIRunner.run(["score"] + example + ["--explain", "configuration"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("Configuration: "))
    #expect(result.stdout.contains("practice"))
    let unknown = try CLIRunner.run(["score"] + example + ["--explain", "vibes"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("unknown area"))
  }

  @Test func scoreJSONHasNineAreasAndTheMLTestScore() throws {
    let result = try CLIRunner.run(["score"] + example + ["--format", "json"])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect((json["areas"] as? [Any])?.count == 9)
    let ml = try #require(json["mlTestScore"] as? [String: Any])
    #expect((ml["tests"] as? [Any])?.count == 28)
    #expect(json["overall"] as? Double != nil)
  }
}
