import Foundation
import Testing

/// Drives the real `mldebt` binary in tmux: open a project, switch views, filter, use the
/// palette, resize, quit, and check the terminal is restored.
@Suite(
  "End to end in tmux", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct EndToEndTests {
  /// The package root: the first parent of this file holding Package.swift.
  static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url = url.deletingLastPathComponent()
    }
    return url
  }()

  /// `MLDEBT_BINARY`, else the debug build under `.build-tui` or `.build`.
  static var binary: String? {
    if let path = ProcessInfo.processInfo.environment["MLDEBT_BINARY"] { return path }
    return [".build-tui/debug/mldebt", ".build/debug/mldebt"]
      .map { packageRoot.appendingPathComponent($0).path }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// A tiny project in a fresh temporary directory, with one hostile feature name.
  static func makeProject() throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let manifest = """
      version: 1
      project:
        name: e2e-loans
        description: A tiny project for the workbench's end-to-end tests.
      datasets:
        - id: loans_raw
          owner: data-eng
      features:
        - id: age
          owner: risk-team
          derived_from: [loans_raw]
        - id: income
          derived_from: [loans_raw]
        - id: "\\e]0;pwned\\a"
          derived_from: [loans_raw]
      models:
        - id: default_risk
          owner: risk-team
          inputs: [age, income]
          training_data: [loans_raw]
      consumers:
        - id: approvals
          owner: credit-ops
          reads: [default_risk]
      """
    try manifest.write(
      to: directory.appendingPathComponent("mldebt.yaml"), atomically: true, encoding: .utf8)
    return directory.path
  }

  func start(width: Int = 100, height: Int = 30) throws -> (TmuxSession, String) {
    let binary = try #require(Self.binary, "no mldebt binary: build it, or set MLDEBT_BINARY")
    let project = try Self.makeProject()
    let command =
      "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= XDG_CONFIG_HOME=\(project)/config '\(binary)' '\(project)'; echo EXITED-$?; sleep 30"
    let session = try TmuxSession(command: command, width: width, height: height)
    return (session, project)
  }

  @Test func openSwitchFilterPaletteResizeQuit() throws {
    let (tmux, project) = try start()
    defer { try? FileManager.default.removeItem(atPath: project) }
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("e2e-loans"))
    #expect(try tmux.display("#{alternate_on}") == "1")

    try tmux.send("2")
    #expect(try tmux.waitFor("All nodes 6"), "\(tmux.lastCapture)")
    try tmux.send("/")
    try tmux.type("inc")
    #expect(try tmux.waitFor("Matches 1/6"), "\(tmux.lastCapture)")
    try tmux.send("Escape")
    #expect(try tmux.waitFor("All nodes 6"), "\(tmux.lastCapture)")

    try tmux.send(":")
    try tmux.type("view ru")
    try tmux.send("Tab", "Enter")
    #expect(try tmux.waitFor("Runs (0)"), "\(tmux.lastCapture)")
    try tmux.send("Tab")
    #expect(try tmux.waitFor("No monitoring declared."), "\(tmux.lastCapture)")

    try tmux.resize(width: 50, height: 12)
    #expect(try tmux.waitFor("terminal too small: 50×12, need 60×16"), "\(tmux.lastCapture)")
    try tmux.resize(width: 120, height: 32)
    #expect(try tmux.waitFor("No monitoring declared."), "\(tmux.lastCapture)")

    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
    #expect(try tmux.display("#{alternate_on}") == "0")
  }

  @Test func driftViewOnTheExampleStepsAWindow() throws {
    let binary = try #require(Self.binary, "no mldebt binary: build it, or set MLDEBT_BINARY")
    let example = Self.packageRoot.appendingPathComponent("examples/car-loans").path
    let config = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-e2e-config-\(getpid())-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: config) }
    let command =
      "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= XDG_CONFIG_HOME=\(config.path) '\(binary)' '\(example)'; echo EXITED-$?; sleep 30"
    let tmux = try TmuxSession(command: command, width: 120, height: 36)
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")
    try tmux.send("4")
    #expect(try tmux.waitFor("Columns (7) by score", timeout: 60), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("window 2019-08-19 (42/42 latest)"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("car_value (numeric)"), "\(tmux.lastCapture)")
    try tmux.send("W")
    #expect(try tmux.waitFor("window 2019-08-12 (41/42)"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("Distribution 2019-08-12"), "\(tmux.lastCapture)")
    try tmux.send("m")
    #expect(try tmux.waitFor("chosen with m"), "\(tmux.lastCapture)")
    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }

  @Test func hostileNamesAreShownEscapedAndDoNotReachTheTerminal() throws {
    let (tmux, project) = try start()
    defer { try? FileManager.default.removeItem(atPath: project) }
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")
    try tmux.send("2")
    #expect(try tmux.waitFor("F \\x1b]0;pwned\\x07"), "\(tmux.lastCapture)")
    #expect(try tmux.display("#{pane_title}") != "pwned")
    try tmux.send("C-c")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }

  /// The Lineage view on a copy of the example: focus a feature with `:open`, walk upstream
  /// three steps, open impact mode, and come back with Backspace.
  @Test func lineageWalkUpstreamImpactAndBack() throws {
    let binary = try #require(Self.binary, "no mldebt binary: build it, or set MLDEBT_BINARY")
    let copy = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-e2e-example-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.copyItem(
      at: Self.packageRoot.appendingPathComponent("examples/car-loans"), to: copy)
    defer { try? FileManager.default.removeItem(at: copy) }
    let tmux = try TmuxSession(
      command:
        "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= XDG_CONFIG_HOME=\(copy.path)/config '\(binary)' '\(copy.path)'; echo EXITED-$?; sleep 30",
      width: 120, height: 36)
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")

    try tmux.send("2")
    #expect(try tmux.waitFor("All nodes"), "\(tmux.lastCapture)")
    try tmux.send(":")
    try tmux.type("open feature:fraud_score")
    try tmux.send("Enter")
    // Each step waits for every expected text at once: a capture can catch a frame half drawn.
    func expectScreen(_ texts: String..., sourceLocation: SourceLocation = #_sourceLocation) throws
    {
      let shown = try tmux.waitUntil { screen in texts.allSatisfy { screen.contains($0) } }
      #expect(shown, "\(tmux.lastCapture)", sourceLocation: sourceLocation)
    }
    try expectScreen("─ feature:fraud_score ─", "Focus", "▶D fraud_scores")

    try tmux.send("h")
    try expectScreen("Upstream of fraud_score ", "─ dataset:fraud_scores ─")
    try tmux.send("h")
    try expectScreen("Upstream of fraud_scores ", "─ model:fraud_model ─")
    try tmux.send("h")
    try expectScreen(
      "Upstream of fraud_model ", "─ dataset:loan_applications ─", "nothing upstream")

    try tmux.send("i")
    try expectScreen("Impact of dataset:loan_applications", "nodes downstream")
    try tmux.send("BSpace")
    let closed = try tmux.waitUntil {
      !$0.contains("Impact of") && $0.contains("─ dataset:loan_applications ─")
    }
    #expect(closed, "\(tmux.lastCapture)")
    try tmux.send("BSpace")
    try expectScreen("─ model:fraud_model ─", "Upstream of fraud_scores ")

    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }

  @Test func sigtermRestoresTheTerminal() throws {
    let (tmux, project) = try start()
    defer { try? FileManager.default.removeItem(atPath: project) }
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")
    let shell = try #require(Int32(try tmux.display("#{pane_pid}")))
    let pid = try #require(
      TmuxSession.descendants(of: shell).first, "no child process of the pane's shell")
    kill(pid, SIGTERM)
    #expect(try tmux.waitFor("EXITED-143"), "\(tmux.lastCapture)")
    #expect(try tmux.display("#{alternate_on}") == "0")
  }

  @Test func asciiDrawingWithoutUTF8Locale() throws {
    let binary = try #require(Self.binary, "no mldebt binary")
    let project = try Self.makeProject()
    defer { try? FileManager.default.removeItem(atPath: project) }
    let tmux = try TmuxSession(
      command:
        "env -u LC_ALL -u LC_CTYPE LANG=C TERM=xterm '\(binary)' '\(project)'; echo EXITED-$?; sleep 30",
      width: 100, height: 30)
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("+-"))
    #expect(!tmux.lastCapture.contains("─"))
    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
