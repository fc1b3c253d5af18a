import Testing

@testable import mldebt

/// The REPL's line editor without a terminal: bytes decode to keys, keys edit the line.
@Suite("REPL line editor")
struct LineEditorTests {
  /// Decodes every key in `bytes`, dropping unknown ones.
  func keys(_ bytes: [UInt8]) -> [LineEditor.Key] {
    var rest = bytes
    var out: [LineEditor.Key] = []
    while let decoded = LineEditor.Key.decode(&rest) {
      if let key = decoded { out.append(key) }
    }
    return out
  }

  /// Types `bytes` into a fresh editor and returns it with the outcomes.
  func type(_ bytes: [UInt8], into editor: inout LineEditor) -> [LineEditor.Outcome] {
    keys(bytes).map { editor.apply($0) }.filter { $0 != .editing }
  }

  @Test func decodesCursorKeysControlKeysAndUTF8() {
    let bytes: [UInt8] =
      Array("a\u{e9}".utf8) + [0x1B, 0x5B, 0x44, 0x1B, 0x4F, 0x48, 0x1B, 0x5B, 0x33, 0x7E]
      + [0x01, 0x05, 0x7F, 0x0B, 0x15, 0x17, 0x03, 0x04, 0x0D] + Array("\u{1F600}".utf8)
    #expect(
      keys(bytes) == [
        .character("a"), .character("\u{e9}"), .left, .home, .delete, .home, .end, .backspace,
        .cutToEnd, .cutToStart, .cutWord, .interrupt, .endOfInput, .enter, .character("\u{1F600}"),
      ])
  }

  @Test func waitsForTheRestOfACutSequenceAndDropsUnknownBytes() {
    var partial: [UInt8] = [0x1B, 0x5B]
    #expect(LineEditor.Key.decode(&partial) == nil)
    #expect(partial == [0x1B, 0x5B])
    var halfCharacter: [UInt8] = [0xE2, 0x82]
    #expect(LineEditor.Key.decode(&halfCharacter) == nil)
    // Unknown sequences, stray control bytes, bidi controls and invalid UTF-8 never reach the line.
    #expect(keys([0x1B, 0x5B, 0x32, 0x30, 0x30, 0x7E, 0x07, 0xFF, 0x61]) == [.character("a")])
    #expect(keys(Array("\u{202E}b".utf8)) == [.character("b")])
  }

  @Test func editsInTheMiddleOfTheLine() {
    var editor = LineEditor()
    // "prnt(1)", then ← ×5 puts the cursor after "pr"; insert "i"; End; Enter.
    let outcomes = type(
      Array("prnt(1)".utf8) + Array(repeating: [0x1B, 0x5B, 0x44], count: 5).flatMap { $0 }
        + Array("i".utf8) + [0x05, 0x0D], into: &editor)
    #expect(outcomes == [.submit("print(1)")])
  }

  @Test func cutsWordsAndToEitherEnd() {
    var editor = LineEditor()
    _ = type(Array("local answer = 42".utf8), into: &editor)
    _ = editor.apply(.cutWord)
    #expect(editor.line == "local answer = ")
    _ = editor.apply(.home)
    _ = editor.apply(.right)
    _ = editor.apply(.cutToEnd)
    #expect(editor.line == "l")
    _ = editor.apply(.end)
    _ = editor.apply(.cutToStart)
    #expect(editor.line.isEmpty && editor.cursor == 0)
  }

  @Test func walksTheHistoryAndKeepsTheDraft() {
    var editor = LineEditor()
    _ = type(Array("a = 1\r".utf8) + Array("b = 2\r".utf8) + Array("b = 2\r".utf8), into: &editor)
    #expect(editor.history == ["a = 1", "b = 2"])
    _ = type(Array("dra".utf8), into: &editor)
    _ = editor.apply(.up)
    #expect(editor.line == "b = 2")
    _ = editor.apply(.up)
    _ = editor.apply(.up)
    #expect(editor.line == "a = 1")
    _ = editor.apply(.down)
    _ = editor.apply(.down)
    #expect(editor.line == "dra" && editor.cursor == 3)
    // An edited history line is submitted as edited; blank lines are not remembered.
    _ = editor.apply(.up)
    #expect(editor.apply(.backspace) == .editing)
    #expect(editor.apply(.enter) == .submit("b = "))
    #expect(editor.apply(.enter) == .submit(""))
    #expect(editor.history == ["a = 1", "b = 2", "b = "])
  }

  @Test func controlDEndsOnlyAnEmptyLineAndControlCDropsTheLine() {
    var editor = LineEditor()
    _ = type(Array("ab".utf8), into: &editor)
    _ = editor.apply(.home)
    #expect(editor.apply(.endOfInput) == .editing)
    #expect(editor.line == "b")
    #expect(editor.apply(.interrupt) == .interrupt)
    #expect(editor.line.isEmpty)
    #expect(editor.apply(.endOfInput) == .endOfInput)
  }
}
