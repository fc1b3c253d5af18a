/// The one-line bar at the bottom of the screen: fields on the left, hints on the right.
///
/// When both do not fit, the hints give way first.
public struct StatusBar: Sendable {
  /// Fields shown on the left, separated by the glyph separator.
  public var fields: [Span]
  /// Text shown on the right (key hints).
  public var hints: [Span]

  /// Creates a status bar.
  public init(fields: [Span], hints: [Span] = []) {
    self.fields = fields
    self.hints = hints
  }

  /// Draws the bar across `rect`'s first row.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    let row = rect.top(1)
    buffer.fill(row, style: Style(.statusBar))
    var spans: [Span] = []
    for (index, field) in fields.enumerated() {
      if index > 0 { spans.append(Span(" \(glyphs.separator) ", Style(.statusBar))) }
      spans.append(field)
    }
    let used = buffer.put(
      spans: [Span(" ", Style(.statusBar))] + spans, x: row.x, y: row.y, maxWidth: row.width)
    let hintWidth = hints.reduce(0) { $0 + ScreenText.width(of: ScreenText.sanitize($1.text)) }
    if hintWidth > 0, used + hintWidth + 3 <= row.width {
      buffer.put(spans: hints, x: row.maxX - hintWidth - 1, y: row.y)
    }
  }
}
