import MLDebt

extension ReviewWriter {
  func header(_ review: DebtReview) -> String {
    let counts = review.severityCounts.filter { $0.count > 0 }
      .map { "\($0.count) \($0.severity.rawValue)" }.joined(separator: ", ")
    let findings =
      "\(review.findingCount) finding\(review.findingCount == 1 ? "" : "s")"
      + (counts.isEmpty ? "" : " (\(counts))")
    let facts = [
      "As of \(review.asOf)",
      "overall \(Self.number(review.overall.score)) (\(review.overall.grade))",
      findings, "ML Test Score \(Self.points(review.mlTestScore.final))",
      "\(review.snapshotCount) snapshot\(review.snapshotCount == 1 ? "" : "s") in the history",
    ]
    return heading("Debt review: " + data(review.project), level: 1) + "\n"
      + paragraph(facts.joined(separator: " \(dot) "))
  }

  func scores(_ review: DebtReview) -> String {
    let rows =
      [("Overall", review.overall, nil as Int?)]
      + review.areas.map { ($0.area.title, $0.score, Optional($0.findingCount)) }
    let nameWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
    // name, score (5), grade (1), findings (11), bar, trend: the bar takes what is left.
    let trendWidth = min(16, max(0, review.overall.trend.count))
    let fixed = nameWidth + 2 + 5 + 2 + 1 + 2 + 11 + 2 + (trendWidth > 1 ? trendWidth + 2 : 0)
    let barWidth = max(10, min(40, width - fixed))
    var lines: [String] = []
    for (name, score, count) in rows {
      var line = ScreenText.pad(name, to: nameWidth) + "  "
      line += ScreenText.pad(Self.number(score.score), to: 5, alignRight: true) + "  "
      line += score.grade + "  "
      line += ReviewCharts.bar(score.score, width: barWidth, glyphs: glyphs) + "  "
      let countText = count.map { "\($0) finding\($0 == 1 ? "" : "s")" } ?? ""
      line += ScreenText.pad(countText, to: 11)
      if trendWidth > 1 {
        line += "  " + ReviewCharts.trend(score.trend, width: trendWidth, glyphs: glyphs)
      }
      lines.append(line)
    }
    let trendNote =
      review.overall.trend.count > 1
      ? "The trend shows the last \(trendWidth) of \(review.overall.trend.count) scores "
        + "(recorded snapshots, then now)."
      : "No trend yet: `mldebt snapshot` records scores over time."
    return heading("Scores", level: 2) + "\n" + block(lines.joined(separator: "\n")) + "\n"
      + paragraph(trendNote)
  }

  func changes(_ review: DebtReview) -> String {
    guard let baseline = review.baseline else {
      return heading("Changes", level: 2) + "\n"
        + paragraph(
          "No baseline chosen. Record one with `mldebt snapshot`, then review with "
            + "`--baseline N` (or `--baseline latest`) to see what is new, fixed and unchanged.")
    }
    let commit = baseline.gitCommit.map { ", commit " + code(String($0.prefix(12))) } ?? ""
    let delta = review.overall.score - baseline.overall
    var text =
      heading("Changes since snapshot \(baseline.snapshot)", level: 2) + "\n"
      + paragraph(
        "Snapshot \(baseline.snapshot) was taken \(data(baseline.takenAt))\(commit). Overall "
          + "\(Self.number(baseline.overall)) \(arrow) \(Self.number(review.overall.score)) "
          + "(\(delta >= 0 ? "+" : "")\(Self.number(delta))). "
          + "\(baseline.new.count) new, \(baseline.fixed.count) fixed, "
          + "\(baseline.unchanged.count) unchanged.")
    func list(_ title: String, _ findings: [DebtReview.FindingSummary]) -> String {
      guard !findings.isEmpty else { return "" }
      return "\n" + heading(title, level: 3) + "\n"
        + findings.map {
          item("\(strong($0.severity)) \(code($0.rule)) \(dash) \(data($0.title))")
        }.joined()
    }
    text += list("New", baseline.new)
    text += list("Fixed", baseline.fixed)
    return text
  }

  func findings(_ review: DebtReview) -> String {
    var text =
      heading("Top findings", level: 2) + "\n"
      + paragraph(
        "The \(review.topFindings.count) most severe of \(review.findingCount) findings; "
          + "`mldebt check` lists them all.")
    for (index, finding) in review.topFindings.enumerated() {
      let change = finding.change.map { " \(dot) \($0 == .new ? "new" : "unchanged")" } ?? ""
      text +=
        "\n"
        + heading(
          "\(index + 1). \(finding.severity.rawValue.uppercased()): \(data(finding.title))",
          level: 3)
      if !markdown { text += "\n" }
      let evidence = finding.evidence.prefix(8).map(code).joined(separator: ", ")
      let more = finding.evidence.count > 8 ? " and \(finding.evidence.count - 8) more" : ""
      text += item("Rule \(code(finding.rule)) \(dot) \(finding.area.title)\(change)")
      text += item("Why: " + data(finding.why))
      text += item("Fix: " + data(finding.fix))
      if !evidence.isEmpty { text += item("Evidence: " + evidence + more) }
    }
    return text
  }

  func drift(_ review: DebtReview) -> String {
    var text = heading("Drift", level: 2) + "\n"
    guard !review.drift.isEmpty else {
      return text + paragraph("No monitoring sources are declared, so drift is not measured.")
    }
    for source in review.drift {
      let model = source.model.map { " (\(code($0)))" } ?? ""
      text += heading("Monitoring source \(code(source.name))\(model)", level: 3) + "\n"
      if let error = source.error {
        text += paragraph("No drift report: " + data(error))
        continue
      }
      let latest = source.windows.last.map(data) ?? "none"
      let share = source.shares.last ?? 0
      text += paragraph(
        "Latest window \(latest): \(Self.percent(share)) of \(source.columns) columns drifted "
          + "(dataset drift at \(Self.percent(source.shareThreshold))): "
          + (source.datasetDrift ? strong("dataset drift") : "no dataset drift") + ". "
          + "\(source.driftedColumns.count) column\(source.driftedColumns.count == 1 ? "" : "s") "
          + "drifted in at least one of \(source.windows.count) windows.")
      if source.shares.count > 1 {
        let label = "share of drifted columns per window  "
        let spark = ReviewCharts.trend(
          source.shares, width: width - DisplayWidth.of(label), glyphs: glyphs)
        text += "\n" + block(label + spark) + "\n"
      }
      for column in source.driftedColumns {
        let method = column.method ?? "no method"
        let direction = column.scoreIsPValue ? "below" : "at or above"
        let threshold = column.threshold.map(Format.number) ?? "?"
        let latestScore = column.latestScore.map(Format.number) ?? "none"
        text +=
          "\n"
          + paragraph(
            "\(strong(code(column.column))): \(method), drifted in \(column.driftedWindows) of "
              + "\(column.scores.count) windows; latest \(latestScore)"
              + (column.latestDrifted ? " (drifted)" : " (no drift)")
              + ". Drift when the score is \(direction) \(threshold) (the flat line).")
        text +=
          "\n"
          + block(
            ReviewCharts.driftChart(
              scores: column.scores, threshold: column.threshold, windows: source.windows,
              width: width, height: 8, glyphs: glyphs))
      }
    }
    return text
  }

  func lineage(_ review: DebtReview) -> String {
    var text = heading("Lineage of affected features", level: 2) + "\n"
    guard !review.lineage.isEmpty else {
      return text + paragraph("No finding or drifted column points at a feature.")
    }
    text += paragraph(
      "Each feature that a finding or drift points at, two steps upstream (what it is computed "
        + "from) and downstream (what it feeds).")
    for hood in review.lineage {
      text += "\n" + heading(code(hood.node), level: 3) + "\n"
      text += paragraph("Why: " + hood.reasons.map(code).joined(separator: ", ") + ".")
      let trees = ["upstream", "downstream"].map { direction in
        let root = direction == "upstream" ? hood.upstream : hood.downstream
        let lines = [direction + " of " + TerminalText.sanitize(root.node)] + treeLines(root)
        return lines.joined(separator: "\n")
      }
      text += "\n" + block(trees.joined(separator: "\n\n"))
      if markdown { text += "\n" + MarkdownText.fenced(hood.mermaid, info: "mermaid") }
    }
    return text
  }

  func treeLines(_ node: DebtReview.TreeNode, prefix: String = "") -> [String] {
    var lines: [String] = []
    let branch = ascii ? "|-- " : "├─ "
    let last = ascii ? "`-- " : "└─ "
    let pipe = ascii ? "|   " : "│  "
    let space = ascii ? "    " : "   "
    for (index, child) in node.children.enumerated() {
      let isLast = index == node.children.count - 1 && node.omitted == 0
      let more = child.omitted > 0 ? "  (+\(child.omitted) more)" : ""
      lines.append(
        prefix + (isLast ? last : branch) + TerminalText.sanitize(child.node) + "  ["
          + child.edge + "]" + more)
      lines += treeLines(child, prefix: prefix + (isLast ? space : pipe))
    }
    if node.omitted > 0, !node.children.isEmpty {
      lines.append(prefix + last + "\(glyphs.ellipsis) \(node.omitted) more")
    }
    return lines
  }

  func runs(_ review: DebtReview) -> String {
    var text = heading("Reproducibility of recent runs", level: 2) + "\n"
    guard !review.runs.isEmpty else {
      return text + paragraph("No tracked runs (MLflow) were found.")
    }
    let complete = review.runs.filter { $0.missing.isEmpty }.count
    text += paragraph(
      "The most recent of \(review.runCount) runs, and the runs behind production model "
        + "versions: \(complete) of these \(review.runs.count) recorded everything needed to "
        + "recreate them (the reproducibility audit of docs/runs.md: commit, clean tree, data "
        + "snapshot, hyperparameters, environment, seed, logged model).")
    guard markdown else {
      // Narrower for plain text: no id or status, a short commit, production marked with `*`.
      let table = TextTable(
        headers: ["RUN", "STARTED", "COMMIT", "DATA", "SEED", "MISSING"],
        alignments: [.left, .left, .left, .right],
        rows: review.runs.map { run in
          [
            (run.name ?? String(run.id.prefix(8))) + (run.production.isEmpty ? "" : " *"),
            run.started ?? "-", run.commit.map { String($0.prefix(7)) } ?? "-",
            run.dataInputs == 0 ? "-" : String(run.dataInputs), run.seed ? "yes" : "-",
            run.missing.isEmpty ? "nothing" : run.missing.joined(separator: ", "),
          ]
        })
      let production = review.runs.filter { !$0.production.isEmpty }.flatMap(\.production)
      let note =
        production.isEmpty
        ? "" : "\n" + paragraph("* in production: " + production.map(data).joined(separator: ", "))
      return text + "\n" + block(self.table(table)) + note
    }
    let rows = review.runs.map { run -> [String] in
      [
        run.name ?? String(run.id.prefix(8)), String(run.id.prefix(8)), run.started ?? "-",
        run.status, run.commit ?? "-", run.dataInputs == 0 ? "-" : String(run.dataInputs),
        run.seed ? "yes" : "-", run.production.joined(separator: ", "),
        run.missing.isEmpty ? "nothing" : run.missing.joined(separator: ", "),
      ]
    }
    let table = TextTable(
      headers: [
        "RUN", "ID", "STARTED", "STATUS", "COMMIT", "DATA", "SEED", "PRODUCTION", "MISSING",
      ],
      alignments: [.left, .left, .left, .left, .left, .right], rows: rows)
    return text + "\n" + self.table(table)
  }

  func testScore(_ review: DebtReview) -> String {
    let score = review.mlTestScore
    var text =
      heading("ML Test Score", level: 2) + "\n"
      + paragraph(
        "Final score \(strong(Self.points(score.final))) (the lowest section): "
          + "\(score.band).")
    let nameWidth = score.sections.map { DisplayWidth.of($0.title) }.max() ?? 0
    let lines = score.sections.map { section in
      ScreenText.pad(section.title, to: nameWidth) + "  "
        + ScreenText.pad(Self.points(section.score), to: 3, alignRight: true) + " / 7  "
        + ReviewCharts.bar(section.score / 7 * 100, width: 28, glyphs: glyphs)
    }
    var sectionBlock = lines.joined(separator: "\n")
    if score.trend.count > 1 {
      sectionBlock +=
        "\n\nfinal score per snapshot  "
        + ReviewCharts.trend(score.trend, width: 16, glyphs: glyphs)
    }
    text += "\n" + block(sectionBlock) + "\n"
    guard markdown else {
      // Plain text: one line per test, its basis wrapped under it.
      let idWidth = score.tests.map { DisplayWidth.of($0.id) }.max() ?? 0
      let lines = score.tests.map { test in
        paragraph(
          ScreenText.pad(test.id, to: idWidth) + "  "
            + ScreenText.pad(Self.points(test.points), to: 3, alignRight: true) + "  "
            + TerminalText.sanitize(test.title))
          + paragraph(
            TerminalText.sanitize(test.evidence), indent: String(repeating: " ", count: idWidth + 7)
          )
      }
      return text + lines.joined()
    }
    let table = TextTable(
      headers: ["TEST", "POINTS", "WHAT IT ASKS", "BASIS"], alignments: [.left, .right],
      rows: score.tests.map { [$0.id, Self.points($0.points), $0.title, $0.evidence] })
    return text + self.table(table)
  }
}
