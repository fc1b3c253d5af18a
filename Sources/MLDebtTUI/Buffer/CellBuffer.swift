/// A grid of cells that views render into; the backend copies it to the terminal.
///
/// All text enters through ``put(_:x:y:style:maxWidth:)`` (or ``put(spans:x:y:maxWidth:)``),
/// which sanitizes it, so nothing a project file contains can reach the terminal as a control
/// sequence. Wide characters take two cells: the left holds the grapheme, the right is a
/// continuation cell.
public struct CellBuffer: Sendable {
  /// Columns.
  public let width: Int
  /// Rows.
  public let height: Int
  /// The cells, row by row.
  public private(set) var cells: [Cell]
  /// Regions that react to mouse clicks, topmost last.
  public var hitRegions: [HitRegion] = []
  /// Where the terminal cursor should be shown (for a text input), or `nil` to hide it.
  public var cursor: (x: Int, y: Int)?

  /// Creates a buffer of blank cells.
  public init(size: Size, fill: Cell = .blank) {
    width = max(0, size.width)
    height = max(0, size.height)
    cells = Array(repeating: fill, count: width * height)
  }

  /// The buffer's size.
  public var size: Size { Size(width: width, height: height) }
  /// The whole buffer as a rectangle.
  public var bounds: Rect { Rect(size) }

  /// The cell at a column and row (a blank cell outside the buffer).
  public subscript(x: Int, y: Int) -> Cell {
    guard x >= 0, x < width, y >= 0, y < height else { return .blank }
    return cells[y * width + x]
  }

  /// Sets one cell, keeping wide characters whole: overwriting either half of a wide character
  /// blanks the other half.
  mutating func set(x: Int, y: Int, _ cell: Cell) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    let index = y * width + x
    let old = cells[index]
    if old.width == 2, x + 1 < width { cells[index + 1] = Cell(text: " ", style: old.style) }
    if old.width == 0, x > 0 { cells[index - 1] = Cell(text: " ", style: cells[index - 1].style) }
    cells[index] = cell
  }

  /// Fills a rectangle with spaces in a style.
  public mutating func fill(_ rect: Rect, style: Style = .plain, character: Character = " ") {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    let text = ScreenText.sanitize(String(character))
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX { set(x: x, y: y, Cell(text: text, style: style)) }
    }
  }

  /// Changes the style of every cell in a rectangle (keeping the text), for example to lay a
  /// selection background under a row.
  public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.y..<area.maxY {
      for x in area.x..<area.maxX { change(&cells[y * width + x].style) }
    }
  }

  /// Writes `text` from (`x`, `y`) rightwards, sanitized, clipped to `maxWidth` columns and to the
  /// buffer; returns the columns used. A wide character that does not fit is left out.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int = .max
  ) -> Int {
    put(spans: [Span(text, style)], x: x, y: y, maxWidth: maxWidth)
  }

  /// Writes styled spans one after another; returns the columns used.
  @discardableResult
  public mutating func put(spans: [Span], x: Int, y: Int, maxWidth: Int = .max) -> Int {
    guard y >= 0, y < height else { return 0 }
    let limit = min(width, x + max(0, min(maxWidth, width)))
    var column = x
    for span in spans {
      for character in ScreenText.sanitize(span.text) {
        let w = ScreenText.width(of: character)
        if w == 0 {
          // A stray combining character: attach it to the previous cell.
          if column > x, column - 1 < width, column - 1 >= 0 {
            let index = y * width + column - 1
            if cells[index].width == 0, column - 2 >= 0 {
              cells[index - 1].text.append(character)
            } else {
              cells[index].text.append(character)
            }
          }
          continue
        }
        if column + w > limit { return column - x }
        if column >= 0 {
          set(x: column, y: y, Cell(text: String(character), width: w, style: span.style))
          if w == 2 { set(x: column + 1, y: y, Cell(text: "", width: 0, style: span.style)) }
        }
        column += w
      }
    }
    return column - x
  }

  /// Copies another buffer into this one with its top-left corner at (`x`, `y`).
  public mutating func blit(_ other: CellBuffer, x: Int, y: Int) {
    for row in 0..<other.height {
      for col in 0..<other.width {
        let cell = other[col, row]
        set(x: x + col, y: y + row, cell)
      }
    }
    for region in other.hitRegions {
      var moved = region
      moved.rect.x += x
      moved.rect.y += y
      hitRegions.append(moved)
    }
  }

  /// Records a region that reacts to clicks.
  public mutating func addHit(_ rect: Rect, _ target: HitTarget) {
    hitRegions.append(HitRegion(rect: rect.intersection(bounds), target: target))
  }

  /// The topmost hit target at a cell, if any.
  public func hit(x: Int, y: Int) -> HitTarget? {
    hitRegions.last { $0.rect.contains(x: x, y: y) }?.target
  }

  /// The text of each row, trailing spaces removed, joined by newlines: what golden files hold.
  public func plainText() -> String {
    var lines: [String] = []
    for y in 0..<height {
      var line = ""
      for x in 0..<width where !cells[y * width + x].isContinuation {
        line += cells[y * width + x].text
      }
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// A run of text in one style.
public struct Span: Sendable, Hashable {
  /// The text (sanitized when it is put into a buffer).
  public var text: String
  /// Its style.
  public var style: Style

  /// Creates a span.
  public init(_ text: String, _ style: Style = .plain) {
    self.text = text
    self.style = style
  }
}
