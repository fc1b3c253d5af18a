import MLDebt

extension DriftView {
  /// The right pane: the selected column's method and verdict, its score over time, the
  /// distributions in the selected window, its statistics, and the model's bias and quality.
  /// Wide panes put the charts on the left and the tables on the right; narrow ones stack them
  /// and point to `i` for what does not fit.
  static func columnDetail(
    _ state: AppState, _ report: DriftReport, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let glyphs = state.glyphs
    guard let column = state.selectedDriftColumn else {
      let inner = Box(title: "Column").render(into: &buffer, rect, glyphs: glyphs)
      buffer.put(
        "No column selected.", x: inner.x + 1, y: inner.y, style: Style(.muted),
        maxWidth: inner.width - 1)
      return
    }
    let type = column.result?.type.rawValue ?? "not in this window"
    let inner = Box(title: "\(ScreenText.sanitize(column.name)) (\(type))").render(
      into: &buffer, rect, glyphs: glyphs)
    guard inner.height >= 3, inner.width >= 10 else { return }
    var y = inner.y
    for line in methodLines(column, glyphs: glyphs).prefix(inner.height) {
      buffer.put(spans: line, x: inner.x + 1, y: y, maxWidth: inner.width - 1)
      y += 1
    }
    let area = Rect(x: inner.x + 1, y: y, width: inner.width - 1, height: inner.maxY - y)
    guard area.height >= 4 else { return }
    let thresholds = state.analysis?.project.thresholds ?? state.project.thresholds
    let hasQuality = report.windows.contains { $0.quality != nil }
    if area.width >= 90 {
      let (charts, tables) = SplitPane(.horizontal, ratio: 0.5).layout(area)
      let statistics = statisticsLines(
        column, thresholds: thresholds, glyphs: glyphs, width: tables.width)
      let chartHeight = max(5, charts.height / 2)
      scoreSection(state, column, report, into: &buffer, charts.top(chartHeight))
      distributionSection(state, column, report, into: &buffer, charts.dropTop(chartHeight + 1))
      let statisticsHeight = min(statistics.count + 1, tables.height)
      section("Statistics", statistics, into: &buffer, tables.top(statisticsHeight))
      if hasQuality {
        qualitySection(
          state, report, window: column.window, into: &buffer,
          tables.dropTop(statisticsHeight + 1))
      }
      return
    }
    let statistics = statisticsLines(
      column, thresholds: thresholds, glyphs: glyphs, width: area.width)
    // Stacked: the statistics first get what they need (leaving two small charts), then bias
    // and quality if two charts of six rows fit beside the score and distribution charts.
    let minimum = area.height < 24 ? 5 : 6
    var statisticsHeight = min(statistics.count + 1, max(0, area.height - 2 * minimum))
    let rest = area.height - statisticsHeight
    let showsQuality = hasQuality && rest >= 2 * minimum + 2 * minimum
    let hidden = statisticsHeight < statistics.count + 1 || (hasQuality && !showsQuality)
    let scoreHeight: Int
    let distributionHeight: Int
    if showsQuality {
      scoreHeight = max(minimum, rest * 3 / 10)
      distributionHeight = max(minimum, rest * 3 / 10)
    } else {
      scoreHeight = max(minimum, min(14, rest / 2))
      distributionHeight = max(minimum, min(14, rest - scoreHeight))
    }
    y = area.y
    scoreSection(
      state, column, report, into: &buffer,
      Rect(x: area.x, y: y, width: area.width, height: scoreHeight))
    y += scoreHeight
    distributionSection(
      state, column, report, into: &buffer,
      Rect(x: area.x, y: y, width: area.width, height: distributionHeight))
    y += distributionHeight
    if hidden, y + statisticsHeight >= area.maxY { statisticsHeight -= 1 }
    section(
      "Statistics", statistics, into: &buffer,
      Rect(x: area.x, y: y, width: area.width, height: max(0, statisticsHeight)))
    y += statisticsHeight
    if showsQuality {
      let qualityHeight = area.maxY - y - (hidden ? 1 : 0)
      qualitySection(
        state, report, window: column.window, into: &buffer,
        Rect(x: area.x, y: y, width: area.width, height: qualityHeight))
    }
    if hidden {
      buffer.put(
        "i: every statistic, bias and quality", x: area.x, y: area.maxY - 1, style: Style(.muted),
        maxWidth: area.width)
    }
  }

  /// A titled block of lines.
  static func section(
    _ title: String, _ lines: [[Span]], into buffer: inout CellBuffer, _ rect: Rect
  ) {
    guard rect.height >= 1 else { return }
    buffer.put(title, x: rect.x, y: rect.y, style: Style(.title, [.bold]), maxWidth: rect.width)
    for (row, line) in lines.prefix(rect.height - 1).enumerated() {
      buffer.put(spans: line, x: rect.x, y: rect.y + 1 + row, maxWidth: rect.width)
    }
  }

  /// A section's title: bold words, then a muted note.
  static func title(
    _ text: String, _ note: String, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    buffer.put(
      spans: [Span(text, Style(.title, [.bold])), Span(note, Style(.muted))], x: rect.x,
      y: rect.y, maxWidth: rect.width)
  }

  /// The score in every window as a line chart, with the threshold as a dashed rule and the
  /// selected window marked on the x axis.
  static func scoreSection(
    _ state: AppState, _ column: DriftColumn, _ report: DriftReport,
    into buffer: inout CellBuffer, _ rect: Rect
  ) {
    guard rect.height >= 2 else { return }
    guard let method = column.method else {
      title("Score", "  no method applies", into: &buffer, rect)
      return
    }
    // A short section spends its title row on the plot: the method line above names the
    // method, and the threshold is labelled on the y axis.
    let titled = rect.height >= 7
    if titled {
      let dash = state.glyphs.chartMode == .ascii ? "-" : "┄"
      let threshold = column.threshold.map { "  \(dash) threshold \(Format.number($0))" } ?? ""
      title("\(methodTitle(method)) by window", threshold, into: &buffer, rect)
    }
    let labels = report.windows.map(\.label)
    LineChart(
      series: [LineChart.Series(column.scores.map { $0 ?? .nan }, style: Style(.series1))],
      xStart: labels.first ?? "", xEnd: labels.last ?? "",
      rules: column.threshold.map { [LineChart.Rule($0, style: Style(.warn))] } ?? [],
      mark: (column.window, labels[column.window])
    ).render(into: &buffer, titled ? rect.dropTop(1) : rect, glyphs: state.glyphs)
  }

  /// The reference and current distributions in the selected window: an overlaid histogram of
  /// shares for binned numeric columns, pairs of bars for categories.
  static func distributionSection(
    _ state: AppState, _ column: DriftColumn, _ report: DriftReport,
    into buffer: inout CellBuffer, _ rect: Rect
  ) {
    guard rect.height >= 2 else { return }
    let label = ScreenText.sanitize(report.windows[column.window].label)
    guard let histogram = column.result?.histogram else {
      title("Distribution", "  none for this column in \(label)", into: &buffer, rect)
      return
    }
    let ascii = state.glyphs.chartMode == .ascii
    let body = rect.dropTop(1)
    if let edges = histogram.edges, histogram.categories == nil {
      let legend =
        rect.width >= 48
        ? (ascii ? "  # reference : current" : "  █ reference ░ current")
        : (ascii ? "  # ref : cur" : "  █ ref ░ cur")
      title("Distribution \(label)", legend, into: &buffer, rect)
      numericHistogram(histogram, edges: edges, glyphs: state.glyphs, into: &buffer, body)
    } else {
      let rows = histogram.reference.count * 2 <= body.height
      title(
        "Distribution \(label)",
        rows ? "  share of rows" : rect.width >= 48 ? "  reference | current" : "  ref | cur",
        into: &buffer, rect)
      barPairs(
        histogram, unseen: column.result?.unseenCategories ?? [], glyphs: state.glyphs,
        into: &buffer, body)
    }
  }

  /// Counts as shares of their total.
  static func shares(_ counts: [Double]) -> [Double] {
    let total = counts.reduce(0, +)
    return counts.map { total > 0 ? $0 / total : 0 }
  }

  /// An overlaid histogram of reference and current shares, bins merged to fit the width, with
  /// the first, middle and last edges under it.
  static func numericHistogram(
    _ histogram: DriftHistogram, edges: [Double], glyphs: Glyphs, into buffer: inout CellBuffer,
    _ rect: Rect
  ) {
    guard rect.height >= 2, rect.width >= 4, !histogram.reference.isEmpty else { return }
    let bins = histogram.reference.count
    let group = max(1, (bins + rect.width - 1) / rect.width)
    func merged(_ counts: [Double]) -> [Double] {
      stride(from: 0, to: counts.count, by: group).map { start in
        counts[start..<min(start + group, counts.count)].reduce(0, +)
      }
    }
    let reference = shares(merged(histogram.reference))
    let current = shares(merged(histogram.current))
    let width = reference.count * max(1, rect.width / reference.count)
    let plot = Rect(x: rect.x, y: rect.y, width: width, height: rect.height - 1)
    Histogram(first: reference, second: current).render(into: &buffer, plot, glyphs: glyphs)
    let y = rect.maxY - 1
    let low = Format.number(edges.first ?? 0)
    let high = Format.number(edges.last ?? 0)
    buffer.put(low, x: rect.x, y: y, style: Style(.muted))
    let highX = plot.maxX - ScreenText.width(of: high)
    if highX > rect.x + ScreenText.width(of: low) {
      buffer.put(high, x: highX, y: y, style: Style(.muted))
    }
    let middle = Format.number(edges[edges.count / 2])
    let middleWidth = ScreenText.width(of: middle)
    let middleX = rect.x + (edges.count / 2) * width / max(1, edges.count - 1) - middleWidth / 2
    if middleX > rect.x + ScreenText.width(of: low) + 1, middleX + middleWidth + 1 < highX {
      buffer.put(middle, x: middleX, y: y, style: Style(.muted))
    }
  }

  /// Bars of the reference and current shares per category, the largest categories first:
  /// two rows per category (`ref`, `cur`) when they all fit, else one row with both bars side
  /// by side. New categories (unseen in the reference) are marked.
  static func barPairs(
    _ histogram: DriftHistogram, unseen: [String], glyphs: Glyphs,
    into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let labels = binLabels(histogram)
    let reference = shares(histogram.reference)
    let current = shares(histogram.current)
    guard !labels.isEmpty, rect.height >= 1, rect.width >= 20 else { return }
    let order = labels.indices.sorted { a, b in
      let x = max(reference[a], current[a])
      let y = max(reference[b], current[b])
      return x != y ? x > y : a < b
    }
    let stacked = order.count * 2 <= rect.height
    let rows = stacked ? order.count : min(order.count, rect.height)
    let shown = rows < order.count ? rows - 1 : rows
    let unseenLabels = Set(unseen.map(ScreenText.sanitize))
    let labelWidth = min(
      max(4, rect.width / 4), labels.map { ScreenText.width(of: $0) + 1 }.max() ?? 4)
    let top = max(reference.max() ?? 0, current.max() ?? 0)
    let room = rect.width - labelWidth - 1
    let barWidth = max(1, stacked ? room - 4 - 7 : (room - 3) / 2 - 7)
    func bar(_ share: Double, current: Bool) -> String {
      let text = HorizontalBar(value: share, maximum: top).text(width: barWidth, glyphs: glyphs)
      let marks = glyphs.chartMode == .ascii && current ? String(text.map { _ in "=" }) : text
      return ScreenText.pad(marks, to: barWidth)
    }
    for (row, index) in order.prefix(shown).enumerated() {
      let y = rect.y + row * (stacked ? 2 : 1)
      let isNew = unseenLabels.contains(labels[index])
      let name = isNew ? labels[index] + "*" : labels[index]
      var x = rect.x
      x += buffer.put(
        ScreenText.pad(name, to: labelWidth, ellipsis: glyphs.ellipsis) + " ", x: x, y: y,
        style: Style(isNew ? .warn : .text))
      if stacked {
        for (offset, isCurrent) in [false, true].enumerated() {
          let share = isCurrent ? current[index] : reference[index]
          var barX = x
          barX += buffer.put(
            isCurrent ? "cur " : "ref ", x: barX, y: y + offset, style: Style(.muted))
          barX += buffer.put(
            bar(share, current: isCurrent), x: barX, y: y + offset,
            style: Style(isCurrent ? .series2 : .series1))
          buffer.put(" " + percent(share), x: barX, y: y + offset, style: Style(.muted))
        }
      } else {
        x += buffer.put(bar(reference[index], current: false), x: x, y: y, style: Style(.series1))
        x += buffer.put(
          ScreenText.pad(" " + percent(reference[index]), to: 7), x: x, y: y, style: Style(.muted))
        x += buffer.put(" | ", x: x, y: y, style: Style(.border))
        x += buffer.put(bar(current[index], current: true), x: x, y: y, style: Style(.series2))
        buffer.put(" " + percent(current[index]), x: x, y: y, style: Style(.muted))
      }
    }
    var notes: [String] = []
    if shown < order.count { notes.append("+\(order.count - shown) more (i)") }
    if !unseenLabels.isEmpty { notes.append("* new") }
    if !notes.isEmpty, rect.y + shown * (stacked ? 2 : 1) < rect.maxY {
      buffer.put(
        notes.joined(separator: ", "), x: rect.x, y: rect.y + shown * (stacked ? 2 : 1),
        style: Style(.muted), maxWidth: rect.width)
    }
  }

  /// The model's prediction bias and quality in every window, as two charts.
  static func qualitySection(
    _ state: AppState, _ report: DriftReport, window: Int, into buffer: inout CellBuffer,
    _ rect: Rect
  ) {
    guard rect.height >= 6 else { return }
    let labels = report.windows.map(\.label)
    let selected = report.windows[window].quality
    let label = ScreenText.sanitize(labels[window])
    let half = rect.height / 2
    let biasRect = rect.top(half)
    let qualityRect = rect.dropTop(half)
    let bias = report.windows.map { $0.quality?.bias ?? .nan }
    let biasNote =
      selected?.bias.map { "  \(label): \(signed($0))" } ?? "  \(label): no labels"
    title("Bias (prediction - label)", biasNote, into: &buffer, biasRect)
    LineChart(
      series: [LineChart.Series(bias, style: Style(.series3))],
      xStart: labels.first ?? "", xEnd: labels.last ?? "",
      rules: [LineChart.Rule(0, style: Style(.muted))], mark: (window, labels[window])
    ).render(into: &buffer, biasRect.dropTop(1), glyphs: state.glyphs)
    let classification = report.windows.contains { $0.quality?.task == "classification" }
    let values = report.windows.map { entry -> Double in
      guard let quality = entry.quality else { return .nan }
      return (classification ? quality.rocAUC : quality.rmse) ?? .nan
    }
    title(
      classification ? "Quality: ROC AUC" : "Quality: RMSE",
      "  \(label): \(qualitySummary(selected) ?? "no labels")", into: &buffer,
      qualityRect)
    LineChart(
      series: [LineChart.Series(values, style: Style(.series4))],
      xStart: labels.first ?? "", xEnd: labels.last ?? "", mark: (window, labels[window])
    ).render(into: &buffer, qualityRect.dropTop(1), glyphs: state.glyphs)
  }
}
