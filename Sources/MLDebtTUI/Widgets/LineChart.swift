/// A line chart with labelled axes. In braille mode each cell holds 2×4 dots; in blocks mode one
/// mark per column with eighth-cell height; in ASCII mode a `*` per column.
public struct LineChart: Sendable {
  /// One series of evenly spaced values.
  public struct Series: Sendable {
    /// The values (NaN and infinite values are skipped).
    public var values: [Double]
    /// The series' style.
    public var style: Style

    /// Creates a series.
    public init(_ values: [Double], style: Style = Style(.series1)) {
      self.values = values
      self.style = style
    }
  }

  /// A horizontal line across the plot at a value (a threshold), labelled on the y axis.
  public struct Rule: Sendable {
    /// The value.
    public var value: Double
    /// The line's style.
    public var style: Style

    /// Creates a rule.
    public init(_ value: Double, style: Style = Style(.warn)) {
      self.value = value
      self.style = style
    }
  }

  /// The series, drawn in order (later ones on top).
  public var series: [Series]
  /// The label under the left end of the x axis.
  public var xStart: String
  /// The label under the right end of the x axis.
  public var xEnd: String
  /// Horizontal lines drawn under the series; the y range always includes them.
  public var rules: [Rule]
  /// A point of the x axis (an index into the values) marked with a tick and a label.
  public var mark: (index: Int, label: String)?

  /// Creates a chart.
  public init(
    series: [Series], xStart: String = "", xEnd: String = "", rules: [Rule] = [],
    mark: (index: Int, label: String)? = nil
  ) {
    self.series = series
    self.xStart = xStart
    self.xEnd = xEnd
    self.rules = rules
    self.mark = mark
  }

  /// The dot bits of a braille cell, by column (0–1) and row (0–3).
  static let brailleBits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

  /// Draws axes, labels and lines into `rect`.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) {
    let finite = series.flatMap(\.values).filter(\.isFinite)
    let values = finite.isEmpty ? [] : finite + rules.map(\.value).filter(\.isFinite)
    guard let low = values.min(), let high = values.max(), rect.height >= 3, rect.width >= 10
    else {
      buffer.put("(no data)", x: rect.x, y: rect.y, style: Style(.muted), maxWidth: rect.width)
      return
    }
    let topLabel = Format.number(high)
    let bottomLabel = Format.number(low)
    let ruleLabels = rules.map { Format.number($0.value) }
    let labelWidth = ([topLabel, bottomLabel] + ruleLabels).map { ScreenText.width(of: $0) }.max()!
    let plot = Rect(
      x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1,
      height: rect.height - 2)
    guard plot.width >= 2, plot.height >= 1 else { return }
    let span = high - low
    func fraction(_ value: Double) -> Double { span == 0 ? 0.5 : (value - low) / span }
    // Rules first, so the series draw over them.
    let dash = glyphs.chartMode == .ascii ? "-" : "┄"
    var labelled: Set<Int> = []
    for (rule, label) in zip(rules, ruleLabels) where rule.value.isFinite {
      let y = plot.maxY - 1 - Int((fraction(rule.value) * Double(plot.height - 1)).rounded())
      buffer.put(
        String(repeating: dash, count: plot.width), x: plot.x, y: y, style: rule.style)
      buffer.put(
        ScreenText.pad(label, to: labelWidth, alignRight: true), x: rect.x, y: y,
        style: rule.style)
      labelled.insert(y)
    }
    // Axes.
    if !labelled.contains(plot.y) {
      buffer.put(
        ScreenText.pad(topLabel, to: labelWidth, alignRight: true), x: rect.x, y: plot.y,
        style: Style(.muted))
    }
    if !labelled.contains(plot.maxY - 1) {
      buffer.put(
        ScreenText.pad(bottomLabel, to: labelWidth, alignRight: true), x: rect.x,
        y: plot.maxY - 1, style: Style(.muted))
    }
    for y in plot.y..<plot.maxY {
      buffer.put(glyphs.vertical, x: plot.x - 1, y: y, style: Style(.border))
    }
    buffer.put(
      glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: plot.width), x: plot.x - 1,
      y: plot.maxY, style: Style(.border))
    buffer.put(xStart, x: plot.x, y: plot.maxY + 1, style: Style(.muted), maxWidth: plot.width)
    let startWidth = ScreenText.width(of: ScreenText.sanitize(xStart))
    let endWidth = ScreenText.width(of: ScreenText.sanitize(xEnd))
    if endWidth + startWidth + 1 < plot.width {
      buffer.put(xEnd, x: plot.maxX - endWidth, y: plot.maxY + 1, style: Style(.muted))
    }
    let endShown = endWidth + startWidth + 1 < plot.width
    if let mark, let count = series.map(\.values.count).max(), count > 0 {
      let index = max(0, min(mark.index, count - 1))
      let column = count == 1 ? 0 : index * (plot.width - 1) / (count - 1)
      let tick = glyphs.chartMode == .ascii ? "^" : "┴"
      buffer.put(tick, x: plot.x + column, y: plot.maxY, style: Style(.accent, [.bold]))
      let label = ScreenText.sanitize(mark.label)
      let width = ScreenText.width(of: label)
      let x = max(plot.x, min(plot.x + column - width / 2, plot.maxX - width))
      let freeFrom = plot.x + (startWidth > 0 ? startWidth + 1 : 0)
      let freeTo = endShown && endWidth > 0 ? plot.maxX - endWidth - 1 : plot.maxX
      if index == 0, startWidth > 0 {
        buffer.restyle(Rect(x: plot.x, y: plot.maxY + 1, width: startWidth, height: 1)) {
          $0 = Style(.accent)
        }
      } else if index == count - 1, endShown, endWidth > 0 {
        buffer.restyle(Rect(x: plot.maxX - endWidth, y: plot.maxY + 1, width: endWidth, height: 1))
        { $0 = Style(.accent) }
      } else if x >= freeFrom, x + width <= freeTo {
        buffer.put(label, x: x, y: plot.maxY + 1, style: Style(.accent))
      }
    }
    switch glyphs.chartMode {
    case .braille: drawBraille(into: &buffer, plot, fraction)
    case .blocks, .ascii: drawColumns(into: &buffer, plot, glyphs: glyphs, fraction)
    }
  }

  private func drawBraille(
    into buffer: inout CellBuffer, _ plot: Rect, _ fraction: (Double) -> Double
  ) {
    let dotsWide = plot.width * 2
    let dotsHigh = plot.height * 4
    var bits = [UInt32](repeating: 0, count: plot.width * plot.height)
    var owner = [Int](repeating: -1, count: plot.width * plot.height)
    func plotDot(_ dx: Int, _ dy: Int, _ series: Int) {
      guard dx >= 0, dx < dotsWide, dy >= 0, dy < dotsHigh else { return }
      let cell = (dy / 4) * plot.width + dx / 2
      bits[cell] |= Self.brailleBits[dx % 2][dy % 4]
      owner[cell] = series
    }
    for (index, line) in series.enumerated() {
      let points = line.values.enumerated().compactMap { i, v -> (Int, Int)? in
        guard v.isFinite else { return nil }
        let x = line.values.count == 1 ? 0 : i * (dotsWide - 1) / (line.values.count - 1)
        let y = dotsHigh - 1 - Int((fraction(v) * Double(dotsHigh - 1)).rounded())
        return (x, y)
      }
      var previous: (Int, Int)?
      for point in points {
        if let (x0, y0) = previous {
          let steps = max(abs(point.0 - x0), abs(point.1 - y0), 1)
          for step in 0...steps {
            let x = x0 + (point.0 - x0) * step / steps
            let y = y0 + (point.1 - y0) * step / steps
            plotDot(x, y, index)
          }
        } else {
          plotDot(point.0, point.1, index)
        }
        previous = point
      }
    }
    for row in 0..<plot.height {
      for col in 0..<plot.width where bits[row * plot.width + col] != 0 {
        let scalar = Unicode.Scalar(0x2800 + bits[row * plot.width + col])!
        buffer.put(
          String(Character(scalar)), x: plot.x + col, y: plot.y + row,
          style: series[owner[row * plot.width + col]].style)
      }
    }
  }

  private func drawColumns(
    into buffer: inout CellBuffer, _ plot: Rect, glyphs: Glyphs, _ fraction: (Double) -> Double
  ) {
    for line in series {
      guard !line.values.isEmpty else { continue }
      for col in 0..<plot.width {
        let i = line.values.count == 1 ? 0 : col * (line.values.count - 1) / max(1, plot.width - 1)
        let value = line.values[min(i, line.values.count - 1)]
        guard value.isFinite else { continue }
        let units = Int((fraction(value) * Double(plot.height * 8 - 1)).rounded())
        let row = plot.height - 1 - units / 8
        let mark = glyphs.chartMode == .ascii ? "*" : glyphs.levels[units % 8]
        buffer.put(mark, x: plot.x + col, y: plot.y + row, style: line.style)
      }
    }
  }
}
