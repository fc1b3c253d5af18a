import Foundation
import Testing

/// Drives the real binary in tmux through the Runs view of the bundled example: sort, filter
/// with an expression, mark two runs, diff them, chart them, quit.
@Suite(
  "Runs view end to end in tmux", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct RunsEndToEndTests {
  @Test func sortFilterDiffAndChart() throws {
    let binary = try #require(
      EndToEndTests.binary, "no mldebt binary: build it, or set MLDEBT_BINARY")
    let example = EndToEndTests.packageRoot.appendingPathComponent("examples/car-loans").path
    let config = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-runs-e2e-\(getpid())-\(UUID().uuidString.prefix(8))").path
    defer { try? FileManager.default.removeItem(atPath: config) }
    let command =
      "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= XDG_CONFIG_HOME=\(config) '\(binary)' '\(example)'; echo EXITED-$?; sleep 30"
    let tmux = try TmuxSession(command: command, width: 160, height: 48)

    try tmux.send("3")
    #expect(try tmux.waitFor("Runs (42)"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("Start▼"))
    try tmux.send("s")
    #expect(try tmux.waitFor("Duration▲"), "\(tmux.lastCapture)")

    try tmux.send("f")
    try tmux.type("params.model = 'gradient_boosting' AND metrics.val_auc > 'x'")
    // A loaded machine may take a while to echo every key; press Enter once all are in.
    #expect(try tmux.waitFor("val_auc > 'x'", timeout: 60), "\(tmux.lastCapture)")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("column 58", timeout: 30), "\(tmux.lastCapture)")
    for _ in 0..<3 { try tmux.send("BSpace") }
    try tmux.type("0.95")
    #expect(try tmux.waitFor("val_auc > 0.95", timeout: 30), "\(tmux.lastCapture)")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("where params.model", timeout: 30), "\(tmux.lastCapture)")
    #expect(!tmux.lastCapture.contains("lr-retrain-2026-10"))

    try tmux.send("Space")
    try tmux.send("Space")
    #expect(try tmux.waitFor("2 marked"), "\(tmux.lastCapture)")
    try tmux.send("d")
    #expect(try tmux.waitFor("Diff of 2 runs"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("params") && tmux.lastCapture.contains("metrics"))
    try tmux.send("Escape")
    try tmux.send("c")
    #expect(try tmux.waitFor("←/→ metric"), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("── "))
    try tmux.send("Escape")
    #expect(try tmux.waitUntil { !$0.contains("←/→ metric") }, "\(tmux.lastCapture)")

    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
