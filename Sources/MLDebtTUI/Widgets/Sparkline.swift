/// A one-row chart of a series, one cell per value (▁▂▃▄▅▆▇█; ASCII levels without Unicode).
///
/// When there are more values than columns, the most recent values are shown.
public struct Sparkline: Sendable {
  /// The values; NaN and infinite values are drawn as gaps.
  public var values: [Double]
  /// The style of the marks.
  public var style: Style

  /// Creates a sparkline.
  public init(_ values: [Double], style: Style = Style(.series1)) {
    self.values = values
    self.style = style
  }

  /// The marks for `width` columns, as text.
  public func text(width: Int, glyphs: Glyphs) -> String {
    let shown = values.suffix(max(0, width))
    let finite = shown.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else {
      return String(repeating: " ", count: shown.count)
    }
    let levels = glyphs.levels
    return shown.map { value -> String in
      guard value.isFinite else { return " " }
      if high == low { return levels[levels.count / 2] }
      let level = Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())
      return levels[max(0, min(levels.count - 1, level))]
    }.joined()
  }

  /// Draws the sparkline on `rect`'s first row.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.put(text(width: rect.width, glyphs: glyphs), x: rect.x, y: rect.y, style: style)
  }
}
