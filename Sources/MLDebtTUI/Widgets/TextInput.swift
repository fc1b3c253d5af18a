/// A one-line text input: its text and cursor, edited by keys.
public struct TextInput: Sendable, Hashable {
  /// The text typed so far.
  public var text: String
  /// The cursor's position, in characters from the start.
  public var cursor: Int

  /// Creates an input holding `text` with the cursor at its end.
  public init(_ text: String = "") {
    self.text = text
    cursor = text.count
  }

  /// What a key did to the input.
  public enum Outcome: Sendable, Hashable {
    /// The text or cursor changed (or the key was an editing key that had nothing to do).
    case edited
    /// The key is not an editing key.
    case ignored
  }

  /// Applies an editing key: characters insert; Backspace, Delete, Left, Right, Home, End,
  /// Ctrl-a, Ctrl-e, Ctrl-u (clear to start), Ctrl-k (clear to end) and Ctrl-w (delete word)
  /// edit.
  public mutating func handle(_ key: Key) -> Outcome {
    var characters = Array(text)
    cursor = max(0, min(cursor, characters.count))
    switch key {
    case .character(let character):
      characters.insert(character, at: cursor)
      cursor += 1
    case .backspace:
      if cursor > 0 {
        characters.remove(at: cursor - 1)
        cursor -= 1
      }
    case .delete:
      if cursor < characters.count { characters.remove(at: cursor) }
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(characters.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = characters.count
    case .control("u"):
      characters.removeFirst(cursor)
      cursor = 0
    case .control("k"):
      characters.removeSubrange(cursor...)
    case .control("w"):
      var start = cursor
      while start > 0, characters[start - 1] == " " { start -= 1 }
      while start > 0, characters[start - 1] != " " { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
    default:
      return .ignored
    }
    text = String(characters)
    return .edited
  }

  /// Draws `prompt` and the text on `rect`'s first row and places the terminal cursor. When the
  /// text is too long, the part around the cursor is shown.
  public func render(
    into buffer: inout CellBuffer, _ rect: Rect, prompt: String, style: Style = .plain
  ) {
    guard !rect.isEmpty else { return }
    buffer.fill(rect.top(1), style: style)
    let promptWidth = buffer.put(prompt, x: rect.x, y: rect.y, style: style.with([.bold]))
    let room = rect.width - promptWidth - 1
    guard room > 0 else { return }
    let characters = Array(ScreenText.sanitize(String(text.prefix(cursor))))
    let rest = ScreenText.sanitize(String(text.dropFirst(cursor)))
    var before = ""
    var used = 0
    for character in characters.reversed() {
      let w = ScreenText.width(of: character)
      if used + w > room { break }
      before.insert(character, at: before.startIndex)
      used += w
    }
    let x = rect.x + promptWidth
    buffer.put(before, x: x, y: rect.y, style: style)
    buffer.put(rest, x: x + used, y: rect.y, style: style, maxWidth: room - used)
    buffer.cursor = (x + used, rect.y)
  }
}
