/// A bordered overlay in the middle of the screen, with a title, scrollable lines and a footer.
public struct Modal: Sendable {
  /// The title in the top border.
  public var title: String
  /// The body lines.
  public var lines: [[Span]]
  /// The first body line shown.
  public var scroll: Int
  /// A hint under the body (for example `Esc closes`).
  public var footer: String?
  /// The widest the overlay may be.
  public var maxWidth: Int

  /// Creates a modal.
  public init(
    title: String, lines: [[Span]], scroll: Int = 0, footer: String? = nil, maxWidth: Int = 100
  ) {
    self.title = title
    self.lines = lines
    self.scroll = scroll
    self.footer = footer
    self.maxWidth = maxWidth
  }

  /// The frame the overlay takes inside `area`.
  public func frame(in area: Rect) -> Rect {
    let contentWidth =
      lines.map { $0.reduce(0) { $0 + ScreenText.width(of: ScreenText.sanitize($1.text)) } }.max()
      ?? 0
    let width = min(
      maxWidth, area.width - 4, max(contentWidth + 4, ScreenText.width(of: title) + 8, 30))
    let height = min(area.height - 2, lines.count + 2 + (footer == nil ? 0 : 1))
    return area.centered(width: width, height: max(3, height))
  }

  /// Clears the frame and draws the overlay; returns the frame.
  @discardableResult
  public func render(into buffer: inout CellBuffer, _ area: Rect, glyphs: Glyphs) -> Rect {
    let frame = frame(in: area)
    buffer.fill(frame)
    // Clicks on the overlay go nowhere underneath.
    buffer.hitRegions.removeAll { !$0.rect.intersection(frame).isEmpty }
    let inner = Box(title: title, focused: true).render(into: &buffer, frame, glyphs: glyphs)
    var body = inner.inset(dx: 1, dy: 0)
    if let footer, body.height > 1 {
      buffer.put(footer, x: body.x, y: body.maxY - 1, style: Style(.muted), maxWidth: body.width)
      body = body.dropBottom(1)
    }
    let first = max(0, min(scroll, lines.count - body.height))
    for row in 0..<min(body.height, max(0, lines.count - first)) {
      buffer.put(spans: lines[first + row], x: body.x, y: body.y + row, maxWidth: body.width)
    }
    if lines.count > body.height, body.height > 0 {
      let text = "\(first + 1)-\(min(lines.count, first + body.height))/\(lines.count)"
      buffer.put(
        text, x: frame.maxX - ScreenText.width(of: text) - 2, y: frame.maxY - 1,
        style: Style(.muted))
    }
    return frame
  }
}
