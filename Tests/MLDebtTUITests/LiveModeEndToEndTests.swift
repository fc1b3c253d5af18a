import Foundation
import Testing

/// Live mode through the real binary in tmux: runs and metric points appended to a copy of the
/// example's MLflow file store appear while the workbench is open, the selection stays on its
/// run, and a change that breaks a source keeps the last good data on screen.
@Suite(
  "Live mode in tmux", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct LiveModeEndToEndTests {
  /// The experiment holding the runs the test touches, and two of its runs.
  static let experiment = "mlruns/234801501003664253"
  static let selectedRun = "3cec53b513c34033bbc180a68c02918b"  // sgd-logreg-50ep
  static let templateRun = "661ea09c550b4eb7bb6f5d2ec39955f6"  // lr-hotfix-march
  static let newRun = "feedfacefeedfacefeedfacefeedface"

  /// A copy of the whole example project in a fresh temporary directory.
  static func copyExample() throws -> String {
    let target = NSTemporaryDirectory() + "mldebt-live-\(getpid())-\(UUID().uuidString.prefix(8))"
    try FileManager.default.copyItem(
      atPath: EndToEndTests.packageRoot.appendingPathComponent("examples/car-loans").path,
      toPath: target)
    return target
  }

  /// Adds a running run, written the way MLflow does: in a scratch folder, then moved in.
  static func addRun(to project: String) throws {
    let experiment = project + "/" + experiment
    let scratch = experiment + "/.scratch-" + newRun
    try FileManager.default.copyItem(atPath: experiment + "/" + templateRun, toPath: scratch)
    var meta = try String(contentsOfFile: scratch + "/meta.yaml", encoding: .utf8)
    meta = meta.replacingOccurrences(of: templateRun, with: newRun)
      .replacingOccurrences(of: "run_name: lr-hotfix-march", with: "run_name: live-run-new")
      .replacingOccurrences(of: "status: 3", with: "status: 1")
    meta = meta.split(separator: "\n").map {
      $0.hasPrefix("start_time:") ? "start_time: 1790000000000" : String($0)
    }.joined(separator: "\n")
    try meta.write(toFile: scratch + "/meta.yaml", atomically: true, encoding: .utf8)
    try "live-run-new".write(
      toFile: scratch + "/tags/mlflow.runName", atomically: true, encoding: .utf8)
    try FileManager.default.moveItem(atPath: scratch, toPath: experiment + "/" + newRun)
  }

  /// The table row with the selection marker, if any.
  static func selectedRow(in capture: String) -> String? {
    capture.split(separator: "\n").first { $0.contains("▶") }.map(String.init)
  }

  /// Appends metric points to the selected run's training loss, as a running run logs them.
  static func appendPoints(to project: String) throws {
    let file = project + "/" + experiment + "/" + selectedRun + "/metrics/train_log_loss"
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    defer { try? handle.close() }
    try handle.seekToEnd()
    for step in 0..<3 {
      try handle.write(contentsOf: Data("1800000000\(step)00 0.0123 \(1000 + step)\n".utf8))
    }
  }

  func start(_ project: String, polling: Bool) throws -> TmuxSession {
    let binary = try #require(EndToEndTests.binary, "no mldebt binary: build it")
    let command =
      "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= XDG_CONFIG_HOME=\(project)/config "
      + "MLDEBT_WATCH_POLL=\(polling ? "1" : "0") '\(binary)' open '\(project)' --view runs "
      + "--select \(Self.selectedRun) --watch-interval 0.2; echo EXITED-$?; sleep 30"
    return try TmuxSession(command: command, width: 160, height: 48)
  }

  @Test(arguments: [false, true])
  func newRunsAndPointsAppearWithTheSelectionKept(polling: Bool) throws {
    let project = try Self.copyExample()
    defer { try? FileManager.default.removeItem(atPath: project) }
    let tmux = try start(project, polling: polling)
    #expect(try tmux.waitFor("Runs (42)", timeout: 30), "\(tmux.lastCapture)")
    // The project loads in the background: wait for the selection and the status line (which
    // may still show the analysis running in the first frames).
    #expect(
      try tmux.waitUntil {
        Self.selectedRow(in: $0)?.contains("sgd-logreg-50ep") == true
          && $0.contains("│ Runs │ 2/42 ")
      }, "\(tmux.lastCapture)")
    #expect(!tmux.lastCapture.contains("0.0123"))

    try Self.addRun(to: project)
    try Self.appendPoints(to: project)
    #expect(
      try tmux.waitUntil(timeout: 60) {
        $0.contains("Runs (43)") && $0.contains("live-run-new") && $0.contains("0.0123")
      }, "\(tmux.lastCapture)")
    // The new run sorts above the selected one; the selection follows its run.
    #expect(
      Self.selectedRow(in: tmux.lastCapture)?.contains("sgd-logreg-50ep") == true,
      "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("│ Runs │ 3/43 "), "\(tmux.lastCapture)")
    // The appended metric points are in the selected run's details below the table.
    #expect(tmux.lastCapture.contains("Run sgd-logreg-50ep"), "\(tmux.lastCapture)")

    // A half-written manifest breaks a source: the last good data stays, with a diagnostic.
    try "datasets: [\n".write(
      toFile: project + "/mldebt.yaml", atomically: true, encoding: .utf8)
    #expect(
      try tmux.waitFor("showing the last good data", timeout: 60), "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("Runs (43)") && tmux.lastCapture.contains("live-run-new"))
    #expect(Self.selectedRow(in: tmux.lastCapture)?.contains("sgd-logreg-50ep") == true)

    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
