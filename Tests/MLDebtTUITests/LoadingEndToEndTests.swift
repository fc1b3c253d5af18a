import Foundation
import MLDebtTestSupport
import Testing

/// Background loading through the real binary in tmux, on a copy of the example with a large
/// generated MLflow experiment added: the loading screen is the first thing drawn, keys work
/// while it loads, Esc cancels, `r` loads again and the Overview fills in.
@Suite(
  "Background loading in tmux", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct LoadingEndToEndTests {
  /// Runs in the generated experiment, and metric points in each: enough that the debug build
  /// takes seconds to read them.
  static let runs = 3_000
  static let points = 1_000

  @Test func loadingScreenKeysCancelAndReload() throws {
    let binary = try #require(EndToEndTests.binary, "no mldebt binary: build it")
    let project = try LiveModeEndToEndTests.copyExample()
    defer { try? FileManager.default.removeItem(atPath: project) }
    try GeneratedMLflowStore.write(
      runs: Self.runs, points: Self.points, experimentID: "777", into: project)
    let command =
      "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= XDG_CONFIG_HOME=\(project)/config "
      + "'\(binary)' open '\(project)' --no-watch; echo EXITED-$?; sleep 30"
    let tmux = try TmuxSession(command: command, width: 100, height: 30)
    // The first frame is the loading screen, listing the sources as they are found.
    #expect(
      try tmux.waitUntil(timeout: 30) {
        $0.contains("Overview: loading") || $0.contains("Top diagnostics")
      }, "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("Overview: loading"), "\(tmux.lastCapture)")
    #expect(try tmux.waitFor("mlflow"), "\(tmux.lastCapture)")
    // Keys work while it loads: the help opens and closes, views switch.
    try tmux.send("?")
    #expect(try tmux.waitFor("Esc or ? closes"), "\(tmux.lastCapture)")
    try tmux.send("Escape")
    try tmux.send("2")
    #expect(try tmux.waitFor("Lineage: loading"), "\(tmux.lastCapture)")
    // Esc cancels the load.
    try tmux.send("Escape")
    #expect(try tmux.waitFor("Loading cancelled — press r to reload"), "\(tmux.lastCapture)")
    #expect(!tmux.lastCapture.contains("Top diagnostics"))
    // r loads again, and the views fill in without a restart.
    try tmux.send("1")
    try tmux.send("r")
    #expect(try tmux.waitFor("Overview: loading"), "\(tmux.lastCapture)")
    #expect(try tmux.waitFor("Top diagnostics", timeout: 180), "\(tmux.lastCapture)")
    #expect(!tmux.lastCapture.contains("Overview: loading"))
    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
