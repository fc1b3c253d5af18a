import Foundation
import Testing

@Suite("mldebt config")
struct ConfigCommandTests {
  /// A user config home and a project with settings, both temporary.
  func setUp(user: String, project: String?) throws -> (home: String, project: String) {
    let base = NSTemporaryDirectory() + "mldebt-config-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: base + "/xdg/mldebt", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: CLIRunner.packageRoot + "/Tests/MLDebtTests/Fixtures/dvc", toPath: base + "/project")
    try user.write(toFile: base + "/xdg/mldebt/tui.conf", atomically: true, encoding: .utf8)
    if let project {
      try FileManager.default.createDirectory(
        atPath: base + "/project/.mldebt", withIntermediateDirectories: true)
      try project.write(
        toFile: base + "/project/.mldebt/tui.conf", atomically: true, encoding: .utf8)
    }
    return (base + "/xdg", base + "/project")
  }

  @Test func pathNamesTheUserAndProjectFiles() throws {
    let (home, project) = try setUp(user: "theme = light\n", project: nil)
    defer {
      try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent)
    }
    let result = try CLIRunner.run(
      ["config", "path", project], environment: ["XDG_CONFIG_HOME": home])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map {
      $0.split(separator: " ").map(String.init)
    }
    #expect(lines.contains(["user", home + "/mldebt/tui.conf", "exists"]))
    #expect(lines.contains(["user", home + "/mldebt/keys.conf", "missing"]))
    #expect(lines.contains(["project", project + "/.mldebt/tui.conf", "missing"]))
  }

  @Test func showSaysWhereEachSettingCameFrom() throws {
    let (home, project) = try setUp(
      user: "theme = light\nformat = markdown\n", project: "watch-interval = 1\n")
    defer {
      try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent)
    }
    let result = try CLIRunner.run(
      ["config", "show", project, "--format", "json"],
      environment: ["XDG_CONFIG_HOME": home, "MLDEBT_MOUSE": "off", "MLDEBT_FORMAT": ""])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let rows = json["settings"] as? [[String: String]] ?? []
    func row(_ name: String) -> [String: String]? { rows.first { $0["name"] == name } }
    #expect(row("theme")?["value"] == "light")
    #expect(row("theme")?["from"] == "user \(home)/mldebt/tui.conf:1")
    #expect(row("format")?["layer"] == "user")
    #expect(row("mouse")?["value"] == "off")
    #expect(row("mouse")?["from"] == "environment MLDEBT_MOUSE")
    #expect(row("watch-interval")?["from"] == "project \(project)/.mldebt/tui.conf:1")
    #expect(row("watch")?["from"] == "default")
  }

  @Test func theConfiguredFormatIsTheDefaultAndAFlagBeatsIt() throws {
    let (home, project) = try setUp(user: "format = json\n", project: nil)
    defer {
      try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent)
    }
    let environment = ["XDG_CONFIG_HOME": home, "MLDEBT_FORMAT": ""]
    let configured = try CLIRunner.run(["sources", project], environment: environment)
    #expect(configured.stdout.hasPrefix("{"), "\(configured.stdout)")
    let flagged = try CLIRunner.run(
      ["sources", project, "--format", "table"], environment: environment)
    #expect(flagged.stdout.hasPrefix("project "))
    let fromEnvironment = try CLIRunner.run(
      ["sources", project], environment: ["XDG_CONFIG_HOME": home, "MLDEBT_FORMAT": "markdown"])
    #expect(!fromEnvironment.stdout.hasPrefix("{"))
  }

  @Test func lineageAndCheckFollowTheConfiguredFormatToo() throws {
    let (home, project) = try setUp(user: "format = json\n", project: nil)
    defer {
      try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent)
    }
    let environment = ["XDG_CONFIG_HOME": home, "MLDEBT_FORMAT": ""]
    let lineage = try CLIRunner.run(["lineage", project], environment: environment)
    #expect(lineage.stdout.hasPrefix("{"), "\(lineage.stdout)")
    let check = try CLIRunner.run(["check", project], environment: environment)
    #expect(check.stdout.hasPrefix("{"), "\(check.stdout)")
    let flagged = try CLIRunner.run(
      ["lineage", project, "--format", "mermaid"], environment: environment)
    #expect(!flagged.stdout.hasPrefix("{"))
  }

  @Test func problemsAreReportedWithFileAndLine() throws {
    let (home, project) = try setUp(user: "format = yaml\n", project: nil)
    defer {
      try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent)
    }
    let result = try CLIRunner.run(
      ["config", "show", project], environment: ["XDG_CONFIG_HOME": home])
    #expect(result.stderr.contains("\(home)/mldebt/tui.conf:1: format is table, json or markdown"))
  }
}
