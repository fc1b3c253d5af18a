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

    // The terminal may be captured while a frame is half written (a sanitized binary under
    // load draws slowly), so each wait is for everything the step checks, not its first line.
    try tmux.send("3")
    #expect(
      try tmux.waitUntil(timeout: 30) { $0.contains("Runs (42)") && $0.contains("Start▼") },
      "\(tmux.lastCapture)")
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
    #expect(
      try tmux.waitUntil(timeout: 30) {
        $0.contains("where params.model") && !$0.contains("lr-retrain-2026-10")
      }, "\(tmux.lastCapture)")

    try tmux.send("Space")
    try tmux.send("Space")
    #expect(try tmux.waitFor("2 marked"), "\(tmux.lastCapture)")
    try tmux.send("d")
    #expect(
      try tmux.waitUntil(timeout: 30) {
        $0.contains("Diff of 2 runs") && $0.contains("params") && $0.contains("metrics")
      }, "\(tmux.lastCapture)")
    try tmux.send("Escape")
    try tmux.send("c")
    // The chart's title and its legend (a "── " per run).
    #expect(
      try tmux.waitUntil(timeout: 30) { $0.contains("←/→ metric") && $0.contains("── ") },
      "\(tmux.lastCapture)")
    try tmux.send("Escape")
    #expect(try tmux.waitUntil { !$0.contains("←/→ metric") }, "\(tmux.lastCapture)")

    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
