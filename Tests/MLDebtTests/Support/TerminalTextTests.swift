import Testing

@testable import MLDebt

@Suite("TerminalText: one sanitizer for the CLI and the TUI")
struct TerminalTextTests {
  @Test func escapesC0C1DelBidiAndSeparators() {
    #expect(TerminalText.sanitize("a\u{1b}]0;pwned\u{07}b") == "a\\x1b]0;pwned\\x07b")
    #expect(TerminalText.sanitize("del\u{7f}") == "del\\x7f")
    #expect(TerminalText.sanitize("csi\u{9b}2J") == "csi\\u009b2J")
    #expect(TerminalText.sanitize("rtl\u{202e}txt") == "rtl\\u202etxt")
    #expect(TerminalText.sanitize("line\u{2028}sep") == "line\\u2028sep")
    #expect(TerminalText.sanitize("plain ünïcode ✓") == "plain ünïcode ✓")
  }

  @Test func tabsAndNewlinesFollowTheOptions() {
    #expect(TerminalText.sanitize("a\tb\nc") == "a b\\x0ac")
    #expect(TerminalText.sanitize("a\tb\nc", keepNewlines: true) == "a b\nc")
    #expect(TerminalText.sanitize("a\tb", .init(tabAsSpace: false)) == "a\\x09b")
  }

  @Test func sanitizingTwiceChangesNothing() {
    let hostile = "x\u{1b}[31m\u{9b}\u{202e}\u{2029}\t\n\u{0}"
    let once = TerminalText.sanitize(hostile, .init(tabAsSpace: false))
    #expect(TerminalText.sanitize(once, .init(tabAsSpace: false)) == once)
    #expect(!once.unicodeScalars.contains(where: TerminalText.isControl))
  }
}
