import Foundation
import Testing

/// A TUI session never writes the project it shows: the example project is checksummed before
/// and after a session that visits every view, filters, opens help and quits.
@Suite(
  "The TUI never writes the project", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct ProjectUntouchedByTUITests {
  /// Every file under `root` with its bytes, except mldebt's own state (`.mldebt/` outside
  /// `checks/`: the run cache a session may write), as in `ProjectUntouchedTests`.
  static func contents(_ root: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      if relative.hasPrefix(".mldebt/") && !relative.hasPrefix(".mldebt/checks/") { continue }
      var isDirectory: ObjCBool = false
      let full = root + "/" + relative
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      result[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
    }
    return result
  }

  @Test func aSessionOverEveryViewChangesNoFile() throws {
    let binary = try #require(EndToEndTests.binary, "no mldebt binary: build it first")
    let project = NSTemporaryDirectory() + "mldebt-tui-untouched-" + UUID().uuidString
    try FileManager.default.copyItem(
      atPath: EndToEndTests.packageRoot.appendingPathComponent("examples/car-loans").path,
      toPath: project)
    defer { try? FileManager.default.removeItem(atPath: project) }
    let config = NSTemporaryDirectory() + "mldebt-tui-config-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: config) }
    let before = try Self.contents(project)

    let tmux = try TmuxSession(
      command:
        "env LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME=\(config) '\(binary)' '\(project)'; echo EXITED-$?; sleep 30",
      width: 120, height: 36)
    #expect(try tmux.waitFor("Top diagnostics", timeout: 30), "\(tmux.lastCapture)")
    for view in ["2", "3", "4", "5", "6", "1"] {
      try tmux.send(view)
      usleep(300_000)
    }
    try tmux.send("2", "/")
    try tmux.type("loan")
    try tmux.send("Escape", "?")
    usleep(300_000)
    try tmux.send("Escape", "q")
    #expect(try tmux.waitFor("EXITED-0", timeout: 15), "\(tmux.lastCapture)")
    tmux.close()

    let after = try Self.contents(project)
    #expect(before.keys.sorted() == after.keys.sorted())
    let changed = before.keys.filter { before[$0] != after[$0] }.sorted()
    #expect(changed.isEmpty, "the session changed \(changed)")
  }
}
