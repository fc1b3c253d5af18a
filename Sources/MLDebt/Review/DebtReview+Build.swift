import Foundation

extension DebtReview {
  /// Builds the review of an analysed project. Pure: the same analysis, history and options
  /// give the same review (every list is sorted; the only time used is the analysis' `now`).
  public static func build(
    _ analysis: ProjectAnalysis, history: ReviewHistory = .none,
    options: ReviewOptions = ReviewOptions()
  ) -> DebtReview {
    let checklist = analysis.checklist
    let project = analysis.project
    let baseline = history.baseline.map { recorded in
      Self.baseline(recorded.snapshot, recorded.findings, current: checklist.findings)
    }
    let before = history.baseline.map { Set($0.findings.map(\.fingerprint)) }
    func trend(_ recorded: (HistoryStore.Snapshot) -> Double?, now: Double) -> [Double] {
      history.snapshots.compactMap(recorded) + [now]
    }
    let areas = checklist.areas.map { area in
      Area(
        area: area.area,
        score: Score(
          score: area.score, grade: area.grade,
          trend: trend({ $0.areas[area.area.rawValue] }, now: area.score)),
        findingCount: area.findingCount)
    }
    let findings = checklist.findings.prefix(options.topFindings).map { finding in
      FindingEntry(
        rule: finding.rule, area: finding.area, severity: finding.severity, title: finding.title,
        why: finding.why, fix: finding.fix, evidence: finding.evidence.map(\.description),
        fingerprint: finding.fingerprint,
        change: before.map { $0.contains(finding.fingerprint) ? .unchanged : .new })
    }
    let score = checklist.mlTestScore
    return DebtReview(
      project: project.name, asOf: checklist.computedAt,
      overall: Score(
        score: checklist.overall, grade: ScoringRules.grade(checklist.overall),
        trend: trend({ $0.overall }, now: checklist.overall)),
      areas: areas,
      severityCounts: Finding.Severity.allCases.reversed().map { severity in
        SeverityCount(
          severity: severity, count: checklist.findings.filter { $0.severity == severity }.count)
      },
      findingCount: checklist.findings.count, topFindings: Array(findings), baseline: baseline,
      snapshotCount: history.snapshots.count, drift: analysis.drift.map(driftSource),
      lineage: neighbourhoods(analysis, options: options),
      runs: recentRuns(project, count: options.recentRuns),
      runCount: project.runs.filter { !$0.deleted }.count,
      mlTestScore: TestScore(
        final: score.final, band: score.band,
        sections: MLTestScore.Section.allCases.map {
          Section(id: $0.rawValue, title: $0.title, score: score.sections[$0] ?? 0)
        },
        tests: score.tests.map {
          TestEntry(
            id: $0.id, section: $0.section.rawValue, title: $0.title, points: $0.points,
            evidence: $0.evidence)
        },
        trend: trend({ $0.mlTestScore }, now: score.final)))
  }

  static func baseline(
    _ snapshot: HistoryStore.Snapshot, _ recorded: [HistoryStore.RecordedFinding],
    current: [Finding]
  ) -> Baseline {
    let before = Set(recorded.map(\.fingerprint))
    let now = Set(current.map(\.fingerprint))
    func summary(_ finding: Finding) -> FindingSummary {
      FindingSummary(
        fingerprint: finding.fingerprint, rule: finding.rule, area: finding.area.rawValue,
        severity: finding.severity.rawValue, title: finding.title)
    }
    func ordered(_ list: [FindingSummary]) -> [FindingSummary] {
      list.sorted { ($0.rule, $0.title, $0.fingerprint) < ($1.rule, $1.title, $1.fingerprint) }
    }
    return Baseline(
      snapshot: snapshot.id, takenAt: snapshot.takenAt, gitCommit: snapshot.gitCommit,
      overall: snapshot.overall,
      new: ordered(current.filter { !before.contains($0.fingerprint) }.map(summary)),
      fixed: ordered(
        recorded.filter { !now.contains($0.fingerprint) }.map {
          FindingSummary(
            fingerprint: $0.fingerprint, rule: $0.rule, area: $0.area, severity: $0.severity,
            title: $0.title)
        }),
      unchanged: ordered(current.filter { before.contains($0.fingerprint) }.map(summary)))
  }

  static func driftSource(_ drift: MonitoringDrift) -> DriftSource {
    guard let report = drift.report else {
      return DriftSource(
        name: drift.source.name, model: drift.source.model?.description, windows: [], shares: [],
        shareThreshold: 0, datasetDrift: false, columns: 0, driftedColumns: [],
        error: drift.error)
    }
    let latest = report.latest
    let columns = report.series.compactMap { series -> DriftedColumn? in
      let count = series.drifted.filter { $0 }.count
      guard count > 0 else { return nil }
      let last = latest?.features.first { $0.column == series.column }
      return DriftedColumn(
        column: series.column, method: (last?.method ?? series.method)?.rawValue,
        scoreIsPValue: (last?.method ?? series.method)?.isTest ?? false,
        threshold: last?.threshold, latestScore: last?.score,
        latestDrifted: last?.drifted ?? false, driftedWindows: count, scores: series.scores,
        drifted: series.drifted)
    }
    return DriftSource(
      name: report.source, model: drift.source.model?.description,
      windows: report.windows.map(\.label), shares: report.windows.map(\.share),
      shareThreshold: report.driftShareThreshold, datasetDrift: report.gateFailed,
      columns: latest?.compared ?? report.columns.count, driftedColumns: columns, error: nil)
  }

  static func recentRuns(_ project: Project, count: Int) -> [RunEntry] {
    var production: [String: [String]] = [:]
    for registered in project.registeredModels {
      for version in registered.versions where version.isProduction {
        if let run = version.runID {
          production[run, default: []].append("\(registered.name) v\(version.version)")
        }
      }
    }
    let runs = project.runs.filter { !$0.deleted }.sorted {
      ($0.startTime ?? .min, $1.id) > ($1.startTime ?? .min, $0.id)
    }
    // The most recent runs, then any older run behind a production model version.
    let listed = runs.prefix(count) + runs.dropFirst(count).filter { production[$0.id] != nil }
    // The same audit the checklist and the runs view use, so the review cannot disagree.
    let auditor = RunAuditor(project)
    return listed.map { run in
      let audit = auditor.audit(run)
      let seed = audit.result(.seed)?.verdict == .passed
      let missing = audit.gaps.map(\.check.label)
      return RunEntry(
        id: run.id, name: run.name, status: run.status.rawValue.lowercased(),
        started: run.startTime.map(Self.minute),
        commit: run.gitCommit.map { String($0.prefix(12)) },
        dataInputs: run.inputs.count, seed: seed, production: (production[run.id] ?? []).sorted(),
        missing: missing)
    }
  }

  /// A time in milliseconds since the epoch as `YYYY-MM-DD HH:MM` (UTC).
  static func minute(_ milliseconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
    let text = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    return text.prefix(10) + " " + text.dropFirst(11).prefix(5)
  }
}
