/// How charts draw their marks, from the finest to the most portable.
public enum ChartMode: String, Sendable, Hashable, CaseIterable {
  /// Braille dots: 2×4 points per cell.
  case braille
  /// Block elements: eighth blocks (▁…█) and half blocks.
  case blocks
  /// Plain ASCII characters.
  case ascii
}

/// The characters used for borders, markers and charts: Unicode under a UTF-8 locale, ASCII
/// otherwise.
public struct Glyphs: Sendable, Hashable {
  /// Horizontal line.
  public var horizontal: String
  /// Vertical line.
  public var vertical: String
  /// Top-left corner.
  public var topLeft: String
  /// Top-right corner.
  public var topRight: String
  /// Bottom-left corner.
  public var bottomLeft: String
  /// Bottom-right corner.
  public var bottomRight: String
  /// Ellipsis for cut text.
  public var ellipsis: String
  /// Marks the selected row.
  public var pointer: String
  /// Arrow for "upstream of".
  public var arrowLeft: String
  /// Arrow for "downstream of".
  public var arrowRight: String
  /// Ascending sort marker.
  public var sortAscending: String
  /// Descending sort marker.
  public var sortDescending: String
  /// Separator between status bar fields.
  public var separator: String
  /// Levels for sparklines and bars, lowest first (the last is a full cell).
  public var levels: [String]
  /// How charts draw.
  public var chartMode: ChartMode

  /// Unicode box drawing, block elements and braille.
  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
    bottomRight: "┘", ellipsis: "…", pointer: "▶", arrowLeft: "←", arrowRight: "→",
    sortAscending: "▲", sortDescending: "▼", separator: "│",
    levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], chartMode: .braille)

  /// Plain ASCII, for terminals and locales without UTF-8.
  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+", ellipsis: "~", pointer: ">", arrowLeft: "<-", arrowRight: "->",
    sortAscending: "^", sortDescending: "v", separator: "|",
    levels: [".", ":", "-", "=", "+", "*", "#", "@"], chartMode: .ascii)

  /// Unicode glyphs whose charts use a different mode (for fonts without braille).
  public func with(chartMode mode: ChartMode) -> Glyphs {
    var copy = self
    copy.chartMode = self == .ascii ? .ascii : mode
    return copy
  }
}
