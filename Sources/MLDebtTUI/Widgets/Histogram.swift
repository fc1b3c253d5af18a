/// A vertical histogram of two overlaid series over the same bins (for example a reference and a
/// current window).
///
/// Where only the first series reaches, cells are full blocks in ``ThemeRole/series1``; where
/// only the second reaches, light shade in ``ThemeRole/series2``; where both reach, full blocks
/// in the first series' colour on the second's background. The top cell of the first series has
/// eighth-cell precision.
public struct Histogram: Sendable {
  /// The first series' bin heights.
  public var first: [Double]
  /// The second series' bin heights (may be empty).
  public var second: [Double]

  /// Creates a histogram.
  public init(first: [Double], second: [Double] = []) {
    self.first = first
    self.second = second
  }

  /// Draws the bars into `rect`, each bin as wide as the space allows (at least one column).
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    let bins = max(first.count, second.count)
    guard bins > 0, !rect.isEmpty else { return }
    let top = (first + second).filter(\.isFinite).max() ?? 0
    guard top > 0 else { return }
    let binWidth = max(1, rect.width / bins)
    let ascii = glyphs.chartMode == .ascii
    for bin in 0..<bins {
      let x0 = rect.x + bin * binWidth
      guard x0 < rect.maxX else { break }
      let a = bin < first.count && first[bin].isFinite ? max(0, first[bin]) / top : 0
      let b = bin < second.count && second[bin].isFinite ? max(0, second[bin]) / top : 0
      let aUnits = Int((a * Double(rect.height * 8)).rounded())
      let bCells = Int((b * Double(rect.height)).rounded())
      for row in 0..<rect.height {
        let y = rect.maxY - 1 - row
        let aFill = min(8, max(0, aUnits - row * 8))
        let inB = row < bCells
        var mark = " "
        var style = Style.plain
        if aFill > 0 {
          mark = ascii ? "#" : (aFill == 8 ? "█" : glyphs.levels[aFill - 1])
          style = Style(.series1, background: inB ? .series2 : nil)
        } else if inB {
          mark = ascii ? ":" : "░"
          style = Style(.series2)
        }
        if mark != " " {
          let width = max(1, min(binWidth - (binWidth > 2 ? 1 : 0), rect.maxX - x0))
          buffer.put(String(repeating: mark, count: width), x: x0, y: y, style: style)
        }
      }
    }
  }
}
