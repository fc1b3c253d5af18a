/// A scrolling list (or tree, with indented rows) with a selected row.
public struct ListWidget {
  /// One row.
  public struct Row: Sendable {
    /// The row's text, in styled spans.
    public var spans: [Span]
    /// Its indentation level, for trees.
    public var depth: Int

    /// Creates a row.
    public init(_ spans: [Span], depth: Int = 0) {
      self.spans = spans
      self.depth = depth
    }
  }

  /// The rows.
  public var rows: [Row]
  /// The selected row, if any.
  public var selected: Int?
  /// Whether the list has focus (the selected row is highlighted only then; otherwise marked).
  public var focused: Bool
  /// What a click on row `i` means, if rows are clickable.
  public var hitTarget: ((Int) -> HitTarget)?
  /// Shown when there are no rows.
  public var emptyText: String

  /// Creates a list.
  public init(
    rows: [Row], selected: Int?, focused: Bool = true, emptyText: String = "(nothing to show)",
    hitTarget: ((Int) -> HitTarget)? = nil
  ) {
    self.rows = rows
    self.selected = selected
    self.focused = focused
    self.emptyText = emptyText
    self.hitTarget = hitTarget
  }

  /// The first visible row, so that the selected row is on screen.
  public static func offset(selected: Int?, count: Int, height: Int) -> Int {
    guard height > 0, let selected, count > height else { return 0 }
    return max(0, min(selected - height + 1, count - height))
  }

  /// Draws the visible rows into `rect`.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    if rows.isEmpty {
      buffer.put(
        emptyText, x: rect.x + 1, y: rect.y, style: Style(.muted), maxWidth: rect.width - 1)
      return
    }
    let first = Self.offset(selected: selected, count: rows.count, height: rect.height)
    for line in 0..<min(rect.height, rows.count - first) {
      let index = first + line
      let y = rect.y + line
      let row = rows[index]
      let isSelected = index == selected
      let marker = isSelected ? glyphs.pointer : " "
      buffer.put(marker, x: rect.x, y: y, style: Style(.accent), maxWidth: 1)
      let indent = min(row.depth * 2, max(0, rect.width - 2))
      buffer.put(spans: row.spans, x: rect.x + 1 + indent, y: y, maxWidth: rect.width - 1 - indent)
      if isSelected, focused {
        buffer.restyle(Rect(x: rect.x, y: y, width: rect.width, height: 1)) {
          $0.background = .selection
        }
      }
      if let hitTarget {
        buffer.addHit(Rect(x: rect.x, y: y, width: rect.width, height: 1), hitTarget(index))
      }
    }
    if rows.count > rect.height {
      let text = "\(first + 1)-\(first + min(rect.height, rows.count - first))/\(rows.count)"
      let w = ScreenText.width(of: text)
      if rect.width > w + 4 {
        buffer.put(text, x: rect.maxX - w, y: rect.maxY - 1, style: Style(.muted))
      }
    }
  }
}
