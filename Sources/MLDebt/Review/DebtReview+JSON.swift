import Foundation

extension DebtReview {
  /// The review as pretty, key-sorted JSON followed by a newline (docs/review.md describes the
  /// fields). Missing values are `null`, never left out, so every object has all its keys.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

/// Coding keys from strings, for the review's hand-written encoders.
private struct ReviewKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where K == ReviewKey {
  /// Encodes a value (an optional as `null`).
  fileprivate mutating func put<T: Encodable>(_ value: T, _ key: String) throws {
    try encode(value, forKey: ReviewKey(key))
  }
}

extension DebtReview: Encodable {
  /// Encodes the review (see ``json()``).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(project, "project")
    try c.put(asOf, "asOf")
    try c.put(overall, "overall")
    try c.put(areas, "areas")
    var counts: [String: Int] = [:]
    for entry in severityCounts { counts[entry.severity.rawValue] = entry.count }
    try c.put(FindingsJSON(total: findingCount, bySeverity: counts, top: topFindings), "findings")
    try c.put(baseline, "baseline")
    try c.put(snapshotCount, "snapshots")
    try c.put(drift, "drift")
    try c.put(lineage, "lineage")
    try c.put(RunsJSON(total: runCount, recent: runs), "runs")
    try c.put(mlTestScore, "mlTestScore")
  }

  private struct FindingsJSON: Encodable {
    var total: Int
    var bySeverity: [String: Int]
    var top: [FindingEntry]
  }

  private struct RunsJSON: Encodable {
    var total: Int
    var recent: [RunEntry]
  }
}

extension DebtReview.Score: Encodable {
  /// Encodes `score`, `grade` and `trend`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(score, "score")
    try c.put(grade, "grade")
    try c.put(trend, "trend")
  }
}

extension DebtReview.Area: Encodable {
  /// Encodes the area's id, title, score, grade, trend and finding count.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(area.rawValue, "area")
    try c.put(area.title, "title")
    try c.put(score.score, "score")
    try c.put(score.grade, "grade")
    try c.put(score.trend, "trend")
    try c.put(findingCount, "findings")
  }
}

extension DebtReview.FindingEntry: Encodable {
  /// Encodes every field; `change` is `null` without a baseline.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(rule, "rule")
    try c.put(area.rawValue, "area")
    try c.put(severity.rawValue, "severity")
    try c.put(title, "title")
    try c.put(why, "why")
    try c.put(fix, "fix")
    try c.put(evidence, "evidence")
    try c.put(fingerprint, "fingerprint")
    try c.put(change?.rawValue, "change")
  }
}

extension DebtReview.FindingSummary: Encodable {
  /// Encodes every field.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(fingerprint, "fingerprint")
    try c.put(rule, "rule")
    try c.put(area, "area")
    try c.put(severity, "severity")
    try c.put(title, "title")
  }
}

extension DebtReview.Baseline: Encodable {
  /// Encodes every field; `gitCommit` may be `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(snapshot, "snapshot")
    try c.put(takenAt, "takenAt")
    try c.put(gitCommit, "gitCommit")
    try c.put(overall, "overall")
    try c.put(new, "new")
    try c.put(fixed, "fixed")
    try c.put(unchanged, "unchanged")
  }
}

extension DebtReview.DriftedColumn: Encodable {
  /// Encodes every field; scores that were not computed are `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(column, "column")
    try c.put(method, "method")
    try c.put(scoreIsPValue, "scoreIsPValue")
    try c.put(threshold, "threshold")
    try c.put(latestScore, "latestScore")
    try c.put(latestDrifted, "latestDrifted")
    try c.put(driftedWindows, "driftedWindows")
    try c.put(scores, "scores")
    try c.put(drifted, "drifted")
  }
}

extension DebtReview.DriftSource: Encodable {
  /// Encodes every field; `model` and `error` may be `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(name, "name")
    try c.put(model, "model")
    try c.put(windows, "windows")
    try c.put(shares, "shares")
    try c.put(shareThreshold, "shareThreshold")
    try c.put(datasetDrift, "datasetDrift")
    try c.put(columns, "columns")
    try c.put(driftedColumns, "driftedColumns")
    try c.put(error, "error")
  }
}

extension DebtReview.TreeNode: Encodable {
  /// Encodes the node, its edge, its children and how many were left out.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(node, "node")
    try c.put(edge, "edge")
    try c.put(children, "children")
    try c.put(omitted, "omitted")
  }
}

extension DebtReview.Neighbourhood: Encodable {
  /// Encodes the feature, its reasons, both trees and the Mermaid text.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(node, "node")
    try c.put(reasons, "reasons")
    try c.put(upstream, "upstream")
    try c.put(downstream, "downstream")
    try c.put(mermaid, "mermaid")
  }
}

extension DebtReview.RunEntry: Encodable {
  /// Encodes every field; `name`, `started` and `commit` may be `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(id, "id")
    try c.put(name, "name")
    try c.put(status, "status")
    try c.put(started, "started")
    try c.put(commit, "commit")
    try c.put(dataInputs, "dataInputs")
    try c.put(seed, "seed")
    try c.put(production, "production")
    try c.put(missing, "missing")
  }
}

extension DebtReview.TestEntry: Encodable {
  /// Encodes every field.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(id, "id")
    try c.put(section, "section")
    try c.put(title, "title")
    try c.put(points, "points")
    try c.put(evidence, "evidence")
  }
}

extension DebtReview.TestScore: Encodable {
  /// Encodes the final score, band, sections (by id), tests and trend.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReviewKey.self)
    try c.put(final, "final")
    try c.put(band, "band")
    var sections: [String: Double] = [:]
    for section in self.sections { sections[section.id] = section.score }
    try c.put(sections, "sections")
    try c.put(tests, "tests")
    try c.put(trend, "trend")
  }
}
