import Foundation
import Testing

/// Drives the real binary in tmux on a temporary copy of the example: open the Checklist,
/// drill down to a practice item's evidence, attest it with `a`, and check that only the
/// attestations file changed.
@Suite(
  "Checklist end to end in tmux", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct ChecklistEndToEndTests {
  func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test func attestFromTheChecklistWritesOnlyTheAttestationsFile() throws {
    let binary = try #require(
      EndToEndTests.binary, "no mldebt binary: build it, or set MLDEBT_BINARY")
    let project = try ExampleProject.copy()
    defer { try? FileManager.default.removeItem(atPath: project) }
    let manifest = try read(project + "/mldebt.yaml")
    let attestationsPath = project + "/mldebt.attestations.yaml"
    let before = try String(contentsOfFile: attestationsPath, encoding: .utf8)
    let command =
      "env LANG=C.UTF-8 TERM=xterm-256color NO_COLOR= USER=e2e-tester XDG_CONFIG_HOME=\(project)/config '\(binary)' '\(project)'; echo EXITED-$?; sleep 30"
    let tmux = try TmuxSession(command: command, width: 160, height: 48)
    #expect(try tmux.waitFor("Top diagnostics"), "\(tmux.lastCapture)")
    try tmux.send("5")
    // The analysis (Lua checks included) arrives in the background: the areas get scores.
    #expect(try tmux.waitFor("Areas · ", timeout: 180), "\(tmux.lastCapture)")
    try tmux.send("G", "Enter")
    #expect(try tmux.waitFor("External Changes · "), "\(tmux.lastCapture)")
    try tmux.send("/")
    try tmux.type("canary")
    try tmux.send("Enter", "Enter")
    #expect(try tmux.waitFor("Are new models released through a canary"), "\(tmux.lastCapture)")
    try tmux.send("a")
    #expect(try tmux.waitFor("Attest infra.canary"), "\(tmux.lastCapture)")
    try tmux.send("a", "Tab", "C-u")
    try tmux.type("argo rollouts, 5% for an hour")
    // A slow binary (a sanitizer's, on a loaded machine) may take a while to echo every key;
    // press Enter once the whole note is in the form, and give the save time to report.
    #expect(try tmux.waitFor("argo rollouts, 5% for an hour", timeout: 60), "\(tmux.lastCapture)")
    try tmux.send("Enter")
    #expect(
      try tmux.waitFor("saved infra.canary: automated in mldebt.attestations.yaml", timeout: 60),
      "\(tmux.lastCapture)")
    // Re-scored in the background: the practice now counts as automated, with its points.
    #expect(
      try tmux.waitFor("scores recomputed with the new answer", timeout: 180),
      "\(tmux.lastCapture)")
    #expect(tmux.lastCapture.contains("automated · +6.3 of +6.3 points"), "\(tmux.lastCapture)")

    let after = try String(contentsOfFile: attestationsPath, encoding: .utf8)
    #expect(after != before)
    #expect(after.contains("- item: infra.canary\n    status: automated\n    by: e2e-tester"))
    #expect(after.contains("note: \"argo rollouts, 5% for an hour\""))
    #expect(try read(project + "/mldebt.yaml") == manifest)
    try tmux.send("q")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
