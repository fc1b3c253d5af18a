import MLDebtTUI

/// The editing state of the REPL's input line, with no terminal in it: keys in, text and cursor
/// out. `TerminalLineReader` feeds it keys read from a terminal and draws the result.
///
/// Keys follow readline's defaults: ←/→ (Ctrl-B/Ctrl-F) move, Home/End (Ctrl-A/Ctrl-E) jump,
/// ↑/↓ (Ctrl-P/Ctrl-N) walk the history, Backspace and Delete erase, Ctrl-K and Ctrl-U cut to
/// the end or the start, Ctrl-W cuts the word before the cursor, Ctrl-C drops the line, and
/// Ctrl-D on an empty line ends the input.
struct LineEditor {
  /// One key press, decoded from the terminal's bytes.
  enum Key: Equatable {
    case character(Character)
    case enter, backspace, delete, left, right, home, end, up, down
    case cutToEnd, cutToStart, cutWord, interrupt, endOfInput
  }

  /// What a key press leaves the caller to do.
  enum Outcome: Equatable {
    /// Keep reading keys (redraw the line).
    case editing
    /// The user pressed Enter on this text.
    case submit(String)
    /// Ctrl-C: the line (and any unfinished statement) is dropped.
    case interrupt
    /// Ctrl-D on an empty line: no more input.
    case endOfInput
  }

  /// The line and its cursor; the TUI's own one-line input does the editing.
  private var input = TextInput()
  /// The line's characters.
  var text: [Character] { Array(input.text) }
  /// The cursor, as an index into `text` (0…text.count).
  var cursor: Int { input.cursor }
  /// Lines entered before, oldest first (no blanks, no immediate repeats).
  private(set) var history: [String] = []
  /// Which history entry is shown; `history.count` is the line being typed.
  private var historyIndex = 0
  /// The line being typed while the user looks through the history.
  private var draft = ""
  /// The most lines kept in the history.
  let historyLimit: Int

  init(historyLimit: Int = 1000) { self.historyLimit = historyLimit }

  /// The current line as a string.
  var line: String { input.text }

  /// Starts a new, empty line (the history stays).
  mutating func reset() {
    input = TextInput()
    historyIndex = history.count
    draft = ""
  }

  /// Applies one key.
  mutating func apply(_ key: Key) -> Outcome {
    switch key {
    case .enter:
      let entered = line
      remember(entered)
      reset()
      return .submit(entered)
    case .up: showHistory(historyIndex - 1)
    case .down: showHistory(historyIndex + 1)
    case .interrupt:
      reset()
      return .interrupt
    case .endOfInput:
      if input.text.isEmpty { return .endOfInput }
      _ = input.handle(.delete)
    case .character(let character): _ = input.handle(.character(character))
    case .backspace: _ = input.handle(.backspace)
    case .delete: _ = input.handle(.delete)
    case .left: _ = input.handle(.left)
    case .right: _ = input.handle(.right)
    case .home: _ = input.handle(.home)
    case .end: _ = input.handle(.end)
    case .cutToEnd: _ = input.handle(.control("k"))
    case .cutToStart: _ = input.handle(.control("u"))
    case .cutWord: _ = input.handle(.control("w"))
    }
    return .editing
  }

  private mutating func remember(_ entered: String) {
    guard !entered.allSatisfy(\.isWhitespace), history.last != entered else { return }
    history.append(entered)
    if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
  }

  private mutating func showHistory(_ index: Int) {
    guard index >= 0, index <= history.count, index != historyIndex else { return }
    if historyIndex == history.count { draft = input.text }
    historyIndex = index
    input = TextInput(index == history.count ? draft : history[index])
  }
}

extension LineEditor.Key {
  /// Decodes the next key from the front of `bytes` and removes its bytes. Returns `nil` when
  /// the bytes end inside a key (an escape sequence or a UTF-8 character cut short: read more),
  /// and `.some(nil)` for bytes that are no key the editor knows (they are dropped).
  static func decode(_ bytes: inout [UInt8]) -> LineEditor.Key?? {
    guard let first = bytes.first else { return nil }
    switch first {
    case 0x1B: return decodeEscape(&bytes)
    case 0x0D, 0x0A: return consume(&bytes, 1, .enter)
    case 0x7F, 0x08: return consume(&bytes, 1, .backspace)
    case 0x01: return consume(&bytes, 1, .home)
    case 0x02: return consume(&bytes, 1, .left)
    case 0x03: return consume(&bytes, 1, .interrupt)
    case 0x04: return consume(&bytes, 1, .endOfInput)
    case 0x05: return consume(&bytes, 1, .end)
    case 0x06: return consume(&bytes, 1, .right)
    case 0x0B: return consume(&bytes, 1, .cutToEnd)
    case 0x0E: return consume(&bytes, 1, .down)
    case 0x10: return consume(&bytes, 1, .up)
    case 0x15: return consume(&bytes, 1, .cutToStart)
    case 0x17: return consume(&bytes, 1, .cutWord)
    case 0x09: return consume(&bytes, 1, .character(" "))
    case ..<0x20: return consume(&bytes, 1, nil)
    default: return decodeCharacter(&bytes)
    }
  }

  private static func consume(_ bytes: inout [UInt8], _ count: Int, _ key: LineEditor.Key?)
    -> LineEditor.Key??
  {
    bytes.removeFirst(count)
    return .some(key)
  }

  /// ESC [ X, ESC O X and ESC [ N ~ sequences; a lone ESC followed by anything else is dropped.
  private static func decodeEscape(_ bytes: inout [UInt8]) -> LineEditor.Key?? {
    guard bytes.count >= 2 else { return nil }
    guard bytes[1] == 0x5B || bytes[1] == 0x4F else { return consume(&bytes, 1, nil) }
    var end = 2
    while end < bytes.count && (bytes[end] < 0x40 || bytes[end] > 0x7E) { end += 1 }
    guard end < bytes.count else { return bytes.count > 16 ? consume(&bytes, 1, nil) : nil }
    let final = bytes[end]
    let parameter = String(decoding: bytes[2..<end], as: UTF8.self)
    let key: LineEditor.Key?
    switch (final, parameter) {
    case (0x41, _): key = .up
    case (0x42, _): key = .down
    case (0x43, _): key = .right
    case (0x44, _): key = .left
    case (0x48, _): key = .home
    case (0x46, _): key = .end
    case (0x7E, "1"), (0x7E, "7"): key = .home
    case (0x7E, "4"), (0x7E, "8"): key = .end
    case (0x7E, "3"): key = .delete
    default: key = nil
    }
    return consume(&bytes, end + 1, key)
  }

  /// One UTF-8 character; invalid bytes are dropped one at a time.
  private static func decodeCharacter(_ bytes: inout [UInt8]) -> LineEditor.Key?? {
    let first = bytes[0]
    let length: Int
    switch first {
    case 0x20..<0x80: length = 1
    case 0xC2..<0xE0: length = 2
    case 0xE0..<0xF0: length = 3
    case 0xF0..<0xF5: length = 4
    default: return consume(&bytes, 1, nil)
    }
    guard bytes.count >= length else { return nil }
    guard let text = String(validating: bytes[0..<length], as: UTF8.self),
      let scalar = text.unicodeScalars.first,
      !scalar.properties.generalCategory.isControlOrFormat
    else { return consume(&bytes, 1, nil) }
    return consume(&bytes, length, .character(Character(text)))
  }
}

extension Unicode.GeneralCategory {
  /// Control, format, surrogate and private-use characters, which never go into the line.
  fileprivate var isControlOrFormat: Bool {
    switch self {
    case .control, .format, .surrogate, .privateUse, .lineSeparator, .paragraphSeparator:
      return true
    default: return false
    }
  }
}
