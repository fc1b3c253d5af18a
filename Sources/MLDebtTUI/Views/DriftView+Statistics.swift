import MLDebt

extension DriftView {
  /// A method's name as the view writes it.
  static func methodTitle(_ method: DriftMethod) -> String {
    switch method {
    case .ks: "KS p-value"
    case .wasserstein: "Wasserstein/sd"
    case .psi: "PSI"
    case .jensenShannon: "Jensen-Shannon"
    case .chiSquare: "chi-square p"
    case .z: "Z-test p"
    }
  }

  /// `≥ 0.1` for a distance, `< 0.05` for a p-value: when the score means drift.
  static func rule(_ method: DriftMethod, _ threshold: Double, _ glyphs: Glyphs) -> String {
    (method.isTest ? "< " : glyphs.chartMode == .ascii ? ">= " : "≥ ") + Format.number(threshold)
  }

  /// The method line and why it is used: `wasserstein 0.142 ≥ 0.1 drifted` and the reason.
  static func methodLines(_ column: DriftColumn, glyphs: Glyphs) -> [[Span]] {
    guard let method = column.method else {
      let note = column.result?.note ?? "not compared in this window"
      return [[Span("no method: ", Style(.muted)), Span(ScreenText.sanitize(note), Style(.warn))]]
    }
    var first = [Span(methodTitle(method), Style(.accent, [.bold]))]
    if let score = column.score {
      first.append(Span(" " + Format.number(score)))
    }
    if let threshold = column.threshold {
      first.append(Span(" " + rule(method, threshold, glyphs), Style(.muted)))
    }
    first.append(Span(" " + column.verdict.text, Style(column.verdict.role, [.bold])))
    let reason: String
    if column.chosen {
      reason = "chosen with m; the report uses \(column.reportedMethod?.rawValue ?? "none")"
    } else {
      reason = column.result?.methodReason ?? ""
    }
    return [first, [Span(ScreenText.sanitize(reason), Style(.muted))]]
  }

  /// The statistics of the selected window: one row per statistic computed (the method in use
  /// marked), with each method's threshold and verdict, then counts, missing rates, unseen
  /// categories and any note. `nameWidth` is the first column's width.
  static func statisticsLines(
    _ column: DriftColumn, thresholds: Thresholds, glyphs: Glyphs, width: Int
  ) -> [[Span]] {
    let ruleWidth = width >= 46 ? 11 : 8
    let nameWidth = max(8, min(16, width - 2 - 8 - ruleWidth - 7))
    guard let result = column.result else {
      return [[Span("The column is not in this window.", Style(.muted))]]
    }
    let s = result.statistics
    var lines: [[Span]] = [
      [
        Span("  " + ScreenText.pad("statistic", to: nameWidth), Style(.title, [.bold])),
        Span(ScreenText.pad("value", to: 8, alignRight: true), Style(.title, [.bold])),
        Span(
          " " + ScreenText.pad(ruleWidth >= 10 ? "threshold" : "limit", to: ruleWidth - 1),
          Style(.title, [.bold])),
        Span("verdict", Style(.title, [.bold])),
      ]
    ]
    func line(_ name: String, _ value: Double?, method: DriftMethod? = nil, note: String? = nil) {
      guard let value else { return }
      let active = method != nil && method == column.method
      var spans = [
        Span(active ? glyphs.pointer + " " : "  ", Style(.accent)),
        Span(
          ScreenText.pad(name, to: nameWidth, ellipsis: glyphs.ellipsis),
          active ? Style(.accent, [.bold]) : Style(.text)),
        Span(ScreenText.pad(Format.number(value), to: 8, alignRight: true)),
      ]
      if let method {
        let threshold = DriftEngine.threshold(for: method, column: column.name, in: thresholds)
        let drifted =
          value.isNaN ? nil : DriftEngine.drifted(method, score: value, threshold: threshold)
        spans.append(
          Span(
            " " + ScreenText.pad(rule(method, threshold, glyphs), to: ruleWidth - 1),
            Style(.muted)))
        let verdict: DriftColumn.Verdict = drifted.map { $0 ? .drifted : .ok } ?? .notApplicable
        spans.append(Span(verdict.text, Style(verdict.role)))
      } else if let note {
        spans.append(Span(" " + note, Style(.muted)))
      }
      lines.append(spans)
    }
    line("KS p-value", s.ksPValue, method: .ks)
    line("KS D", s.ksStatistic, note: s.ksMethod)
    line("Wasserstein/sd", s.wassersteinNormed, method: .wasserstein)
    line("Wasserstein", s.wasserstein, note: "in the column's units")
    line("PSI", s.psi, method: .psi)
    line("Jensen-Shannon", s.jensenShannon, method: .jensenShannon)
    line("chi-square p", s.chiSquarePValue, method: .chiSquare)
    line("chi-square", s.chiSquare, note: s.chiSquareDegreesOfFreedom.map { "df \($0)" })
    line("Z-test p", s.zPValue, method: .z)
    line("Z", s.zStatistic)
    if lines.count == 1 { lines.append([Span("  no statistic computed", Style(.muted))]) }

    func field(_ name: String, _ spans: [Span]) {
      lines.append([Span("  " + ScreenText.pad(name, to: 9), Style(.muted))] + spans)
    }
    field(
      "counts",
      [
        Span(
          "ref \(result.referenceCount), cur \(result.currentCount), "
            + "\(result.distinctValues) distinct")
      ])
    let missing = result.missing
    var missingSpans = [
      Span("ref \(percent(missing.referenceShare)), cur \(percent(missing.currentShare))")
    ]
    if let p = missing.pValue {
      missingSpans.append(Span(", p " + Format.number(p), Style(.muted)))
    }
    missingSpans.append(
      Span(missing.drifted ? " drifted" : " ok", Style(missing.drifted ? .bad : .ok)))
    field("missing", missingSpans)
    if !result.unseenCategories.isEmpty {
      let names = result.unseenCategories.map { "`" + ScreenText.sanitize($0) + "`" }
      field("unseen", [Span(names.joined(separator: ", "), Style(.warn))])
    }
    if let note = result.note {
      field("note", [Span(ScreenText.sanitize(note), Style(.warn))])
    }
    return lines
  }

  /// Everything about the selected column, for the `i` overlay: method, statistics,
  /// distribution counts, and score, verdict, bias and quality in every window.
  static func detailLines(_ state: AppState) -> [[Span]] {
    guard let column = state.selectedDriftColumn, let report = state.driftSource?.report else {
      return [[Span("No column is selected.", Style(.muted))]]
    }
    let thresholds = state.analysis?.project.thresholds ?? state.project.thresholds
    let window = report.windows[column.window]
    var lines: [[Span]] = [
      [
        Span(
          "\(column.result?.type.rawValue ?? "-"), window \(ScreenText.sanitize(window.label))",
          Style(.muted))
      ]
    ]
    lines += methodLines(column, glyphs: state.glyphs)
    lines.append([])
    lines += statisticsLines(column, thresholds: thresholds, glyphs: state.glyphs, width: 60)
    if let histogram = column.result?.histogram {
      lines.append([])
      lines.append([Span("Distribution (counts: reference, current)", Style(.title, [.bold]))])
      let labels = binLabels(histogram)
      let width = min(24, labels.map { ScreenText.width(of: $0) }.max() ?? 0)
      for (index, label) in labels.enumerated() {
        let r = index < histogram.reference.count ? histogram.reference[index] : 0
        let c = index < histogram.current.count ? histogram.current[index] : 0
        lines.append([
          Span("  " + ScreenText.pad(label, to: width, ellipsis: state.glyphs.ellipsis)),
          Span(ScreenText.pad(Format.number(r), to: 9, alignRight: true), Style(.series1)),
          Span(ScreenText.pad(Format.number(c), to: 9, alignRight: true), Style(.series2)),
        ])
      }
    }
    lines.append([])
    lines.append([Span("By window", Style(.title, [.bold]))])
    let labelWidth = max(6, report.windows.map { ScreenText.width(of: $0.label) }.max() ?? 6)
    lines.append([
      Span(
        "  " + ScreenText.pad("window", to: labelWidth)
          + ScreenText.pad("score", to: 9, alignRight: true) + " verdict "
          + ScreenText.pad("bias", to: 8, alignRight: true) + "  quality", Style(.title, [.bold]))
    ])
    for (index, entry) in report.windows.enumerated() {
      let verdict = column.verdicts[index]
      let score = column.scores[index].map(Format.number) ?? "-"
      let quality = entry.quality
      lines.append([
        Span(index == column.window ? state.glyphs.pointer + " " : "  ", Style(.accent)),
        Span(ScreenText.pad(ScreenText.sanitize(entry.label), to: labelWidth)),
        Span(ScreenText.pad(score, to: 9, alignRight: true)),
        Span(" " + ScreenText.pad(verdict.text, to: 8), Style(verdict.role)),
        Span(ScreenText.pad(quality?.bias.map(signed) ?? "-", to: 8, alignRight: true)),
        Span("  " + (qualitySummary(quality) ?? "no labels"), Style(.muted)),
      ])
    }
    return lines
  }

  /// The labels of a histogram's bins: categories, or `[low, high)` from the edges.
  static func binLabels(_ histogram: DriftHistogram) -> [String] {
    if let categories = histogram.categories { return categories.map(ScreenText.sanitize) }
    guard let edges = histogram.edges, edges.count >= 2 else { return [] }
    return (0..<edges.count - 1).map { index in
      "[\(Format.number(edges[index])), \(Format.number(edges[index + 1]))"
        + (index == edges.count - 2 ? "]" : ")")
    }
  }

  /// A number with its sign: `+0.031`, `-0.2`.
  static func signed(_ value: Double) -> String {
    (value > 0 ? "+" : "") + Format.number(value)
  }

  /// `AUC 0.81 acc 0.74` for classification, `MAE 1.2 RMSE 2.3` for regression; `nil` without
  /// labelled rows.
  static func qualitySummary(_ quality: PredictionQuality?) -> String? {
    guard let quality, quality.labelled > 0 else { return nil }
    if quality.task == "classification" {
      var parts: [String] = []
      if let auc = quality.rocAUC { parts.append("AUC " + Format.number(auc)) }
      if let accuracy = quality.accuracy { parts.append("acc " + Format.number(accuracy)) }
      return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
    var parts: [String] = []
    if let mae = quality.mae { parts.append("MAE " + Format.number(mae)) }
    if let rmse = quality.rmse { parts.append("RMSE " + Format.number(rmse)) }
    return parts.isEmpty ? nil : parts.joined(separator: " ")
  }
}
