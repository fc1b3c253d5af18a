import Foundation
import MLDebt

/// One item of a debt area in the Checklist view: a rule (built-in or a team's Lua check) with
/// its findings, or an attested practice. `points` is what it moved the area's score by, from
/// the scoring explanation (``AreaScore/contributions``).
public struct ChecklistEntry: Sendable, Hashable {
  /// What the item is.
  public enum Kind: Sendable, Hashable {
    /// A detector rule.
    case rule(ChecklistRule)
    /// A practice answered in the attestations file.
    case practice(ChecklistItem)
  }

  /// The rule or the practice.
  public var kind: Kind
  /// The rule's findings in this area, most severe first (empty for practices).
  public var findings: [Finding]
  /// The practice's answer, if any.
  public var attestation: Attestation?
  /// Whether that answer is older than the project's `attestation_days`.
  public var stale: Bool
  /// Points added to (positive) or taken from (negative) the area's score.
  public var points: Double
  /// The practice's most points (when fully automated), 0 for rules.
  public var maximumPoints: Double
  /// Each finding's points, by fingerprint.
  public var findingPoints: [String: Double]

  /// The rule id or practice item id.
  public var id: String {
    switch kind {
    case .rule(let rule): rule.rule
    case .practice(let item): item.id
    }
  }

  /// What it checks: the rule's summary or the practice's question.
  public var title: String {
    switch kind {
    case .rule(let rule): rule.summary
    case .practice(let item): item.question
    }
  }

  /// Whether it is answered in the attestations file (and so can be edited with `a`).
  public var isPractice: Bool {
    if case .practice = kind { return true }
    return false
  }

  /// Whether it is a team's check.
  public var isTeamCheck: Bool {
    if case .rule(let rule) = kind { return rule.isTeamCheck }
    return false
  }

  /// The worst severity among the findings.
  public var worstSeverity: Finding.Severity? { findings.map(\.severity).max() }

  /// A short status: `pass`, `2 high`, `manual`, `automated, stale`, `not answered`.
  public var status: String {
    switch kind {
    case .rule:
      guard let worst = worstSeverity else { return "pass" }
      return "\(findings.count) \(worst.rawValue)"
    case .practice:
      guard let attestation else { return "not answered" }
      return attestation.status.rawValue + (stale ? ", stale" : "")
    }
  }

  /// The colour of the status.
  var role: ThemeRole {
    switch kind {
    case .rule:
      switch worstSeverity {
      case nil: return .ok
      case .info?, .low?: return .info
      case .medium?: return .warn
      case .high?, .critical?: return .bad
      }
    case .practice:
      switch attestation?.status {
      case .automated?: return stale ? .warn : .ok
      case .manual?: return .warn
      default: return .bad
      }
    }
  }

  /// The items of `area`: rules with findings (most points lost first), then the practices,
  /// then the rules that passed, each with the points the scoring explanation gives it.
  public static func entries(
    in area: DebtArea, analysis: ProjectAnalysis, attestations: [Attestation]
  ) -> [ChecklistEntry] {
    let checklist = analysis.checklist
    let score = checklist.areas.first { $0.area == area }
    var points: [String: Double] = [:]
    for contribution in score?.contributions ?? [] {
      points[contribution.id, default: 0] += contribution.points
    }
    let findings = checklist.findings.filter { $0.area == area }
    var rules = checklist.rules.filter { $0.area == area }
    // Findings from analyses with no detector of their own still get an item.
    for finding in findings where !rules.contains(where: { $0.rule == finding.rule }) {
      rules.append(ChecklistRule(rule: finding.rule, area: area, summary: finding.title))
    }
    var failing: [ChecklistEntry] = []
    var passing: [ChecklistEntry] = []
    for rule in rules {
      let own = findings.filter { $0.rule == rule.rule }
      let findingPoints = Dictionary(
        own.map { ($0.fingerprint, points[$0.fingerprint] ?? 0) }, uniquingKeysWith: +)
      let entry = ChecklistEntry(
        kind: .rule(rule), findings: own, attestation: nil, stale: false,
        points: findingPoints.values.reduce(0, +), maximumPoints: 0,
        findingPoints: findingPoints)
      if own.isEmpty { passing.append(entry) } else { failing.append(entry) }
    }
    failing.sort { ($0.points, $0.id) < ($1.points, $1.id) }
    let answers = Dictionary(attestations.map { ($0.item, $0) }) { _, latest in latest }
    let practices = ChecklistItem.builtIn.filter { $0.area == area }
    let practiceEntries = practices.map { item in
      let answer = answers[item.id]
      return ChecklistEntry(
        kind: .practice(item), findings: [], attestation: answer,
        stale: answer.map {
          Scorer.isStale($0, days: analysis.project.thresholds.attestationDays, now: analysis.now)
        } ?? false,
        points: points[item.id] ?? 0,
        maximumPoints: 100 / Double(practices.count) * ScoringRules.practiceShare,
        findingPoints: [:])
    }
    return failing + practiceEntries + passing
  }
}
