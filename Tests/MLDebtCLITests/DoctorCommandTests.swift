import Foundation
import Testing

@testable import mldebt

@Suite("mldebt doctor")
struct DoctorCommandTests {
  static let healthy = [
    "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "120",
    "LINES": "40", "NO_COLOR": "",
  ]

  func checks(_ stdout: String) throws -> [[String: Any]] {
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    return json["checks"] as? [[String: Any]] ?? []
  }

  @Test func aHealthySetUpPasses() throws {
    let result = try CLIRunner.run(
      ["doctor", "examples/car-loans", "--format", "json"], environment: Self.healthy)
    #expect(result.status == 0, "\(result.stdout)")
    let checks = try checks(result.stdout)
    #expect(checks.allSatisfy { $0["status"] as? String == "ok" }, "\(checks)")
    let names = Set(checks.compactMap { $0["name"] as? String })
    for name in ["TERM", "colors", "mouse", "UTF-8", "size", "ncurses", "Lua"] {
      #expect(names.contains(name))
    }
    // One check per source of the example.
    #expect(checks.filter { $0["area"] as? String == "source" }.count == 6)
  }

  @Test func aBrokenSetUpFailsWithAFixForEachProblem() throws {
    let broken = CLIRunner.packageRoot + "/Tests/MLDebtTests/Fixtures/broken/feast-truncated"
    let environment = ["TERM": "dumb", "LANG": "C", "LC_ALL": "C", "COLUMNS": "40", "LINES": "10"]
    let result = try CLIRunner.run(["doctor", broken], environment: environment)
    #expect(result.status == 1)
    #expect(result.stdout.contains("broken   terminal   TERM"))
    #expect(result.stdout.contains("TERM: run mldebt in a terminal emulator"))
    #expect(result.stdout.contains("UTF-8: set a UTF-8 locale"))
    #expect(result.stdout.contains("size: enlarge the window to at least 60×16"))
    #expect(result.stdout.contains("feast registry.json: registry.json: the registry dump"))
    #expect(result.stdout.contains("2 broken, 2 warnings"))
  }

  @Test func anUnknownTerminalIsBroken() throws {
    var environment = Self.healthy
    environment["TERM"] = "no-such-terminal-type"
    let result = try CLIRunner.run(
      ["doctor", "examples/car-loans", "--format", "json"], environment: environment)
    #expect(result.status == 1)
    let term = try checks(result.stdout).first { $0["name"] as? String == "TERM" }
    #expect(term?["status"] as? String == "broken")
    #expect((term?["fix"] as? String)?.contains("terminfo") == true)
    // Nothing on stderr: under `make sanitize` a leak report lands there (ncurses' newterm lost
    // a screen for an unknown TERM; TerminalProbeTests).
    #expect(result.stderr.isEmpty, "\(result.stderr)")
  }

  @Test func noProjectIsBroken() throws {
    let folder = NSTemporaryDirectory() + "mldebt-doctor-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try CLIRunner.run(["doctor", folder], environment: Self.healthy)
    #expect(result.status == 1)
    #expect(result.stdout.contains("mldebt init"))
  }

  @Test func libraryVersionsAreJudged() {
    let current = Doctor.libraries(
      ncurses: "ncurses 6.4.20221231", lua: "Lua 5.4", curlProblem: nil)
    #expect(current.map(\.name) == ["ncurses", "Lua", "libcurl"])
    #expect(current.allSatisfy { $0.status == .ok && $0.fix == nil })
    let old = Doctor.libraries(
      ncurses: "ncurses 5.9.20140118", lua: "Lua 5.3",
      curlProblem: "libcurl could not be loaded (libcurl.so.4: cannot open shared object file)")
    // Without libcurl only a tracking server cannot be read: a warning, not a broken install.
    #expect(old.map(\.status) == [.warning, .broken, .warning])
    #expect(old.allSatisfy { $0.fix != nil })
    #expect(old[2].detail.contains("cannot open shared object file"))
    #expect(old[2].fix?.contains("apt install libcurl4") == true)
  }
}
