/// A table with a sticky header, sortable columns (shown by a marker), a selected row and
/// horizontal scrolling. The first column stays in place when scrolling sideways.
public struct TableWidget {
  /// One column.
  public struct Column: Sendable, Hashable {
    /// The header text.
    public var title: String
    /// Its width in columns.
    public var width: Int
    /// Whether values are right-aligned (numbers).
    public var alignRight: Bool

    /// Creates a column.
    public init(_ title: String, width: Int, alignRight: Bool = false) {
      self.title = title
      self.width = width
      self.alignRight = alignRight
    }
  }

  /// The columns.
  public var columns: [Column]
  /// The rows, one string per column (sanitized when drawn).
  public var rows: [[String]]
  /// A style for a cell (row, column); ordinary text when `nil`.
  public var cellStyle: ((Int, Int) -> Style)?
  /// The selected row.
  public var selected: Int?
  /// The column the rows are sorted by, and whether ascending.
  public var sort: (column: Int, ascending: Bool)?
  /// The first scrolled column (columns from 1 up to this one are hidden).
  public var firstColumn: Int
  /// What a click on row `i` means, if rows are clickable.
  public var hitTarget: ((Int) -> HitTarget)?

  /// Creates a table.
  public init(
    columns: [Column], rows: [[String]], selected: Int? = nil,
    sort: (column: Int, ascending: Bool)? = nil, firstColumn: Int = 1,
    cellStyle: ((Int, Int) -> Style)? = nil, hitTarget: ((Int) -> HitTarget)? = nil
  ) {
    self.columns = columns
    self.rows = rows
    self.selected = selected
    self.sort = sort
    self.firstColumn = firstColumn
    self.cellStyle = cellStyle
    self.hitTarget = hitTarget
  }

  /// The columns shown, given the horizontal scroll: the first column, then from `firstColumn`.
  func visibleColumns() -> [Int] {
    guard !columns.isEmpty else { return [] }
    let start = max(1, min(firstColumn, columns.count - 1))
    return [0] + Array(start..<max(start, columns.count))
  }

  /// Draws the header and the visible rows into `rect`.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    guard rect.height >= 1, rect.width >= 2 else { return }
    let shown = visibleColumns()
    var x = rect.x + 1
    var spans: [(column: Int, x: Int, width: Int)] = []
    for column in shown {
      let room = rect.maxX - x
      guard room > 0 else { break }
      let w = min(columns[column].width, room)
      spans.append((column, x, w))
      x += w + 1
    }
    let hiddenLeft = shown.count > 1 && shown[1] > 1
    let hiddenRight =
      (spans.last?.column ?? 0) < columns.count - 1
      || (spans.last.map { $0.width < columns[$0.column].width } ?? false)
    // Header.
    for (column, x, w) in spans {
      var title = columns[column].title
      if let sort, sort.column == column {
        title += sort.ascending ? glyphs.sortAscending : glyphs.sortDescending
      }
      let text = ScreenText.pad(
        title, to: w, alignRight: columns[column].alignRight, ellipsis: glyphs.ellipsis)
      buffer.put(text, x: x, y: rect.y, style: Style(.title, [.bold]))
    }
    if hiddenLeft {
      buffer.put(glyphs.arrowLeft, x: rect.x, y: rect.y, style: Style(.muted), maxWidth: 1)
    }
    if hiddenRight {
      buffer.put(glyphs.arrowRight, x: rect.maxX - 1, y: rect.y, style: Style(.muted), maxWidth: 1)
    }
    let body = rect.dropTop(1)
    guard !body.isEmpty else { return }
    if rows.isEmpty {
      buffer.put(
        "(no rows)", x: body.x + 1, y: body.y, style: Style(.muted), maxWidth: body.width - 1)
      return
    }
    let first = ListWidget.offset(selected: selected, count: rows.count, height: body.height)
    for line in 0..<min(body.height, rows.count - first) {
      let index = first + line
      let y = body.y + line
      if index == selected {
        buffer.put(glyphs.pointer, x: body.x, y: y, style: Style(.accent), maxWidth: 1)
      }
      for (column, x, w) in spans {
        let value = column < rows[index].count ? rows[index][column] : ""
        let text = ScreenText.pad(
          ScreenText.sanitize(value), to: w, alignRight: columns[column].alignRight,
          ellipsis: glyphs.ellipsis)
        buffer.put(text, x: x, y: y, style: cellStyle?(index, column) ?? .plain)
      }
      if index == selected {
        buffer.restyle(Rect(x: body.x, y: y, width: body.width, height: 1)) {
          $0.background = .selection
        }
      }
      if let hitTarget {
        buffer.addHit(Rect(x: body.x, y: y, width: body.width, height: 1), hitTarget(index))
      }
    }
  }
}
