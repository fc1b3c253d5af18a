import Foundation
import Testing

/// `mldebt script`'s REPL on a real terminal (tmux): the prompt, cursor keys, history, Ctrl-C
/// and Ctrl-D of its line editor.
@Suite(
  "The script REPL in tmux", .serialized,
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; end-to-end tests skipped"))
struct ScriptREPLEndToEndTests {
  @Test func editsRecallsAndEndsLines() throws {
    let binary = try #require(EndToEndTests.binary, "no mldebt binary: build it")
    let tmux = try TmuxSession(
      command: "env LANG=C.UTF-8 TERM=xterm '\(binary)' script; echo EXITED-$?; sleep 30",
      width: 80, height: 20)
    #expect(try tmux.waitFor("Try: p = mldebt.open()"), "\(tmux.lastCapture)")
    // tmux trims trailing spaces: an empty prompt line reads ">".
    #expect(try tmux.waitUntil { $0.split(separator: "\n").last == ">" }, "\(tmux.lastCapture)")

    try tmux.type("x = 4")
    try tmux.send("Enter")
    // Type a line, go Home and insert a minus, go End and erase: "-x * 10" is -40.
    try tmux.type("x * 10 + 1")
    try tmux.send("Home")
    try tmux.type("-")
    try tmux.send("End", "BSpace", "BSpace", "BSpace", "BSpace")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("-40"), "\(tmux.lastCapture)")

    // Up recalls the line; Left moves into it: "-x * 210".
    try tmux.send("Up")
    #expect(try tmux.waitFor("> -x * 10"), "\(tmux.lastCapture)")
    try tmux.send("Left", "Left")
    try tmux.type("2")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("-840"), "\(tmux.lastCapture)")

    // Ctrl-C drops an unfinished statement; the REPL goes on.
    try tmux.type("function f(")
    try tmux.send("Enter")
    #expect(try tmux.waitUntil { $0.split(separator: "\n").last == ">>" }, "\(tmux.lastCapture)")
    try tmux.send("C-c")
    #expect(try tmux.waitFor("^C"), "\(tmux.lastCapture)")
    try tmux.type("'still' .. ' here'")
    try tmux.send("Enter")
    #expect(try tmux.waitFor("still here"), "\(tmux.lastCapture)")

    try tmux.send("C-d")
    #expect(try tmux.waitFor("EXITED-0"), "\(tmux.lastCapture)")
  }
}
