/// A bordered panel with an optional title.
public struct Box: Sendable {
  /// The title drawn in the top border.
  public var title: String?
  /// Whether the panel has focus (its border and title are emphasised).
  public var focused: Bool

  /// Creates a box.
  public init(title: String? = nil, focused: Bool = false) {
    self.title = title
    self.focused = focused
  }

  /// Draws the border in `rect` and returns the inner rectangle.
  @discardableResult
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) -> Rect {
    guard rect.width >= 2, rect.height >= 2 else {
      return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }
    let style = Style(focused ? .accent : .border)
    let inner = rect.width - 2
    let line = String(repeating: glyphs.horizontal, count: inner)
    buffer.put(glyphs.topLeft + line + glyphs.topRight, x: rect.x, y: rect.y, style: style)
    buffer.put(
      glyphs.bottomLeft + line + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, style: style)
    for row in rect.y + 1..<rect.maxY - 1 {
      buffer.put(glyphs.vertical, x: rect.x, y: row, style: style)
      buffer.put(glyphs.vertical, x: rect.maxX - 1, y: row, style: style)
    }
    if let title, inner > 4 {
      let text = ScreenText.truncate(" \(title) ", to: inner - 2, ellipsis: glyphs.ellipsis)
      buffer.put(text, x: rect.x + 2, y: rect.y, style: Style(focused ? .accent : .title, [.bold]))
    }
    return rect.inset(dx: 1, dy: 1)
  }
}
