import MLDebt

/// The review's charts, drawn by the same widgets the TUI views use (bars, sparklines, line
/// charts), into a cell buffer whose plain text goes into the document.
enum ReviewCharts {
  /// A score bar, `width` cells, padded.
  static func bar(_ score: Double, width: Int, glyphs: Glyphs) -> String {
    let text = HorizontalBar(value: score, maximum: 100).text(width: width, glyphs: glyphs)
    return ScreenText.pad(text, to: width)
  }

  /// A trend sparkline (the last `width` values), or a note when there is no history.
  static func trend(_ values: [Double], width: Int, glyphs: Glyphs) -> String {
    guard values.count > 1 else { return "" }
    return Sparkline(values).text(width: width, glyphs: glyphs)
  }

  /// A line chart of a column's drift score per window with its threshold as a second line,
  /// `width` by `height` cells, as text lines without trailing spaces.
  static func driftChart(
    scores: [Double?], threshold: Double?, windows: [String], width: Int, height: Int,
    glyphs: Glyphs
  ) -> String {
    var series = [LineChart.Series(scores.map { $0 ?? .nan })]
    if let threshold {
      series.insert(LineChart.Series(scores.map { _ in threshold }, style: Style(.series2)), at: 0)
    }
    let chart = LineChart(
      series: series, xStart: windows.first ?? "", xEnd: windows.last ?? "")
    var buffer = CellBuffer(size: Size(width: width, height: height))
    chart.render(into: &buffer, buffer.bounds, glyphs: glyphs)
    return buffer.plainText()
  }
}
