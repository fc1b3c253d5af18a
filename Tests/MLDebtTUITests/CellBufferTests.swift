import Testing

@testable import MLDebtTUI

@Suite("Cell buffer and screen text")
struct CellBufferTests {
  @Test func sanitizeShowsControlsVisibly() {
    #expect(ScreenText.sanitize("a\u{1b}[31mb") == "a\\x1b[31mb")
    #expect(ScreenText.sanitize("bell\u{07}") == "bell\\x07")
    #expect(ScreenText.sanitize("tab\there") == "tab\\x09here")
    #expect(ScreenText.sanitize("del\u{7f}") == "del\\x7f")
    #expect(ScreenText.sanitize("csi\u{9b}2J") == "csi\\u009b2J")
    #expect(ScreenText.sanitize("rtl\u{202e}txt") == "rtl\\u202etxt")
    #expect(ScreenText.sanitize("plain é 漢") == "plain é 漢")
  }

  @Test func sanitizeIsIdempotent() {
    let once = ScreenText.sanitize("\u{1b}]0;x\u{07}\u{85}")
    #expect(ScreenText.sanitize(once) == once)
  }

  @Test func widths() {
    #expect(ScreenText.width(of: "abc") == 3)
    #expect(ScreenText.width(of: "漢字") == 4)
    #expect(ScreenText.width(of: "🙂") == 2)
    #expect(ScreenText.width(of: "e\u{301}") == 1)
    #expect(ScreenText.width(of: "🇫🇷") == 2)
  }

  @Test func truncateAndPadRespectWidth() {
    #expect(ScreenText.truncate("abcdef", to: 4) == "abc…")
    #expect(ScreenText.truncate("漢字漢字", to: 5) == "漢字…")
    #expect(ScreenText.pad("ab", to: 4) == "ab  ")
    #expect(ScreenText.pad("ab", to: 4, alignRight: true) == "  ab")
    #expect(ScreenText.wrap("one two three four", width: 9) == ["one two", "three", "four"])
  }

  @Test func putWritesWideCharactersAsTwoCells() {
    var buffer = CellBuffer(size: Size(width: 6, height: 1))
    let used = buffer.put("a漢b", x: 0, y: 0)
    #expect(used == 4)
    #expect(buffer[1, 0].text == "漢")
    #expect(buffer[1, 0].width == 2)
    #expect(buffer[2, 0].isContinuation)
    #expect(buffer.plainText() == "a漢b\n")
  }

  @Test func wideCharacterThatDoesNotFitIsLeftOut() {
    var buffer = CellBuffer(size: Size(width: 3, height: 1))
    #expect(buffer.put("ab漢", x: 0, y: 0) == 2)
    #expect(buffer.plainText() == "ab\n")
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var buffer = CellBuffer(size: Size(width: 4, height: 1))
    buffer.put("漢", x: 1, y: 0)
    buffer.put("x", x: 2, y: 0)
    #expect(buffer[1, 0].text == " ")
    #expect(buffer[2, 0].text == "x")
    #expect(buffer.plainText() == "  x\n")
  }

  @Test func putClipsToBufferAndMaxWidth() {
    var buffer = CellBuffer(size: Size(width: 5, height: 2))
    #expect(buffer.put("abcdefgh", x: 2, y: 0) == 3)
    #expect(buffer.put("abcdefgh", x: 0, y: 1, maxWidth: 2) == 2)
    #expect(buffer.put("zzz", x: 0, y: 7) == 0)
    #expect(buffer.plainText() == "  abc\nab\n")
  }

  @Test func putSanitizesEscapes() {
    var buffer = CellBuffer(size: Size(width: 20, height: 1))
    buffer.put("x\u{1b}[2Jy", x: 0, y: 0)
    #expect(buffer.plainText() == "x\\x1b[2Jy\n")
    #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value == 0x1b } })
  }

  @Test func hitRegionsFindTheTopmostTarget() {
    var buffer = CellBuffer(size: Size(width: 10, height: 3))
    buffer.addHit(Rect(x: 0, y: 0, width: 10, height: 3), .row(1))
    buffer.addHit(Rect(x: 2, y: 1, width: 2, height: 1), .row(7))
    #expect(buffer.hit(x: 2, y: 1) == .row(7))
    #expect(buffer.hit(x: 0, y: 0) == .row(1))
    #expect(buffer.hit(x: 11, y: 0) == nil)
  }

  @Test func fuzzyMatchFindsSubsequencesAndRanksWordStarts() {
    let match = FuzzyMatch.match("fag", in: "feature:age")
    #expect(match?.positions == [0, 8, 9])
    #expect(FuzzyMatch.match("xyz", in: "feature:age") == nil)
    let start = FuzzyMatch.match("age", in: "feature:age")!.score
    let middle = FuzzyMatch.match("age", in: "dataset:mileage")!.score
    #expect(start > middle)
  }
}
