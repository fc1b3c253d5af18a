/// A horizontal bar showing a value against a maximum, with eighth-cell precision in Unicode.
public struct HorizontalBar: Sendable {
  /// The value.
  public var value: Double
  /// The value that fills the whole bar.
  public var maximum: Double
  /// The bar's style.
  public var style: Style

  /// Creates a bar.
  public init(value: Double, maximum: Double, style: Style = Style(.series1)) {
    self.value = value
    self.maximum = maximum
    self.style = style
  }

  private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// The bar's marks for `width` columns.
  public func text(width: Int, glyphs: Glyphs) -> String {
    guard width > 0, maximum > 0, value.isFinite, value > 0 else { return "" }
    let fraction = min(1, value / maximum)
    if glyphs.chartMode == .ascii {
      let cells = max(1, Int((fraction * Double(width)).rounded()))
      return String(repeating: "#", count: cells)
    }
    let units = Int((fraction * Double(width * 8)).rounded())
    let full = units / 8
    let rest = units % 8
    let text = String(repeating: "█", count: full) + Self.eighths[rest]
    return text.isEmpty ? "▏" : text
  }

  /// Draws the bar on `rect`'s first row.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    guard !rect.isEmpty else { return }
    buffer.put(text(width: rect.width, glyphs: glyphs), x: rect.x, y: rect.y, style: style)
  }
}
