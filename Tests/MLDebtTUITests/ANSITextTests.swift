import Testing

@testable import MLDebtTUI

/// The cell buffer as ANSI text: only SGR codes built from the theme, the same characters as
/// the plain text.
@Suite("ANSI text")
struct ANSITextTests {
  /// Removes `ESC [ digits;… m` sequences.
  func strip(_ text: String) -> String {
    text.replacing(/\x{1b}\[[0-9;]*m/, with: "")
  }

  @Test func sameCharactersAsPlainTextWithOnlySGR() {
    var buffer = CellBuffer(size: Size(width: 20, height: 3))
    buffer.put("ok", x: 0, y: 0, style: Style(.ok, [.bold]))
    buffer.put("bad\u{1b}]0;pwned\u{7}", x: 0, y: 1, style: Style(.bad))
    buffer.put("宽", x: 3, y: 2, style: Style(.accent).on(.selection))
    let ansi = buffer.ansiText(theme: .dark)
    #expect(strip(ansi) == buffer.plainText())
    // Every escape is a complete SGR sequence; the one in the data was made visible.
    let escapes = ansi.split(separator: "\u{1b}", omittingEmptySubsequences: false).dropFirst()
    #expect(escapes.allSatisfy { $0.wholeMatch(of: /\[[0-9;]*m[^\x{1b}]*/) != nil })
    #expect(ansi.contains("\\x1b]0;pwned"))
    #expect(ansi.contains("\u{1b}[0;1"))
  }

  @Test func coloursFollowTheTheme() {
    let theme = Theme(
      name: "t",
      roles: [
        .text: RoleStyle(foreground: .indexed(7)), .bad: RoleStyle(foreground: .indexed(9)),
        .selection: RoleStyle(background: .indexed(236)),
      ])
    var buffer = CellBuffer(size: Size(width: 4, height: 1))
    buffer.put("x", x: 0, y: 0, style: Style(.bad))
    buffer.put("y", x: 1, y: 0, style: Style(.text).on(.selection))
    #expect(buffer.ansiText(theme: theme) == "\u{1b}[0;91mx\u{1b}[0;37;48;5;236my\u{1b}[0m\n")
    #expect(buffer.ansiText(theme: theme, colors: 8).contains("\u{1b}[0;31mx"))
  }
}
