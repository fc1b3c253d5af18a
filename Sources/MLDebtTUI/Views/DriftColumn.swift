import Foundation
import MLDebt

/// One monitored column as the Drift view shows it: its result in every window, scored with
/// one method across all windows (the report's method in the selected window, or the one the
/// user chose with `m`), so the chart and the sparkline compare like with like.
struct DriftColumn: Sendable {
  /// A column's verdict in a window.
  enum Verdict: Sendable, Hashable {
    /// The score crossed the threshold.
    case drifted
    /// The score did not cross it.
    case ok
    /// No score: the method's statistic does not exist for this column or window.
    case notApplicable

    /// The word shown.
    var text: String {
      switch self {
      case .drifted: "drifted"
      case .ok: "ok"
      case .notApplicable: "n/a"
      }
    }

    /// Its colour.
    var role: ThemeRole {
      switch self {
      case .drifted: .bad
      case .ok: .ok
      case .notApplicable: .muted
      }
    }
  }

  /// The column's name, as in the data (sanitize before drawing).
  let name: String
  /// Its result in each window (`nil` where the window lacks it).
  let results: [FeatureDrift?]
  /// The selected window.
  let window: Int
  /// The method in use, or `nil` when the column has none (it could not be compared).
  let method: DriftMethod?
  /// The report's method for the column in the selected window (or its latest).
  let reportedMethod: DriftMethod?
  /// Whether the method was chosen with `m` rather than by the report.
  let chosen: Bool
  /// The score with ``method`` in each window.
  let scores: [Double?]
  /// The threshold of ``method`` for this column.
  let threshold: Double?
  /// The verdict in each window.
  let verdicts: [Verdict]

  /// Scores a column of `report` in window `window` with the report's method there, or with
  /// `override` when given.
  init(
    name: String, report: DriftReport, window: Int, override: DriftMethod?, thresholds: Thresholds
  ) {
    self.name = name
    self.window = window
    // Windows list features in column order, so the column's position finds it at once.
    let position = report.columns.firstIndex(of: name)
    results = report.windows.map { window in
      if let position, position < window.features.count, window.features[position].column == name {
        return window.features[position]
      }
      return window.features.first { $0.column == name }
    }
    let selected = window < results.count ? results[window] : nil
    let reported =
      selected?.method ?? report.series.first { $0.column == name }?.method
      ?? results.lazy.compactMap { $0?.method }.last
    reportedMethod = reported
    method = override ?? reported
    chosen = override != nil && override != reported
    guard let method else {
      scores = results.map { _ in nil }
      threshold = nil
      verdicts = results.map { _ in .notApplicable }
      return
    }
    let threshold = DriftEngine.threshold(for: method, column: name, in: thresholds)
    self.threshold = threshold
    scores = results.map { result in
      guard let score = result?.statistics.score(for: method), !score.isNaN else { return nil }
      return score
    }
    verdicts = scores.map { score in
      guard let score else { return .notApplicable }
      return DriftEngine.drifted(method, score: score, threshold: threshold) ? .drifted : .ok
    }
  }

  /// The result in the selected window.
  var result: FeatureDrift? { window < results.count ? results[window] : nil }

  /// The score in the selected window.
  var score: Double? { window < scores.count ? scores[window] : nil }

  /// The verdict in the selected window.
  var verdict: Verdict { window < verdicts.count ? verdicts[window] : .notApplicable }

  /// How far past its threshold the score is in the selected window, comparable across methods:
  /// score ÷ threshold for distances, ln p ÷ ln threshold for p-values. 1 is at the threshold,
  /// more is more drift; `nil` without a score.
  var severity: Double? {
    guard let method, let score, let threshold else { return nil }
    if method.isTest {
      guard threshold > 0, threshold < 1 else { return nil }
      return log(max(score, Double.leastNormalMagnitude)) / log(threshold)
    }
    guard threshold > 0 else { return nil }
    return score / threshold
  }

  /// The methods whose statistic exists for this column in the selected window, in
  /// `DriftMethod` order: what `m` cycles through.
  var availableMethods: [DriftMethod] {
    guard let statistics = result?.statistics else { return [] }
    return DriftMethod.allCases.filter { method in
      statistics.score(for: method).map { !$0.isNaN } ?? false
    }
  }

  /// Orders columns for the list: by severity (most drifted first, no score last) or by name.
  static func ordered(_ columns: [DriftColumn], by sort: DriftViewState.Sort) -> [DriftColumn] {
    switch sort {
    case .name:
      return columns.sorted { $0.name < $1.name }
    case .score:
      return columns.sorted { a, b in
        switch (a.severity, b.severity) {
        case (let x?, let y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.name < b.name
        }
      }
    }
  }
}
