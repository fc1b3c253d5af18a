import Foundation

/// Turns findings and attestations into area scores (docs/scoring.md gives the formula).
public enum Scorer {
  /// Scores every area.
  ///
  /// - evidence score = max(0, 100 − Σ weight(severity) × 0.5^(k−1)), k counting the findings
  ///   of one rule from the most severe;
  /// - practice score = 100 × mean value of the area's practice items (automated 1, manual 0.5,
  ///   none or unanswered 0; stale answers count half);
  /// - area score = (1 − s) × evidence + s × practice, with s = ``ScoringRules/practiceShare``.
  public static func score(
    findings: [Finding], attestations: [Attestation],
    items: [ChecklistItem] = ChecklistItem.builtIn,
    staleAfterDays: Int, now: Date
  ) -> [AreaScore] {
    let answers = Dictionary(attestations.map { ($0.item, $0) }) { _, latest in latest }
    return DebtArea.allCases.map { area in
      var contributions: [AreaScore.Contribution] = []
      let areaFindings = findings.filter { $0.area == area }
      var deduction = 0.0
      for (_, group) in Dictionary(grouping: areaFindings, by: \.rule).sorted(by: {
        $0.key < $1.key
      }) {
        let ordered = group.sorted { ($0.severity, $1.title) > ($1.severity, $0.title) }
        for (index, finding) in ordered.enumerated() {
          let points = ScoringRules.weight(finding.severity) * ScoringRules.repeatFactor(index + 1)
          deduction += points
          contributions.append(
            .init(
              kind: .finding, id: finding.fingerprint, label: finding.title,
              points: -points * (1 - ScoringRules.practiceShare)))
        }
      }
      let evidence = max(0, 100 - deduction)
      if deduction > 100 {
        // Findings took more than there was: scale their shares so they add up to the floor.
        let scale = 100 / deduction
        for index in contributions.indices { contributions[index].points *= scale }
      }
      let areaItems = items.filter { $0.area == area }
      var practiceTotal = 0.0
      for item in areaItems {
        let answer = answers[item.id]
        let stale = answer.map { isStale($0, days: staleAfterDays, now: now) } ?? false
        let value = answer.map { ScoringRules.value($0.status, stale: stale) } ?? 0
        practiceTotal += value
        let status = answer.map { $0.status.rawValue + (stale ? ", stale" : "") } ?? "not answered"
        contributions.append(
          .init(
            kind: .practice, id: item.id, label: "\(item.question) (\(status))",
            points: 100 * value / Double(areaItems.count) * ScoringRules.practiceShare))
      }
      let practice = areaItems.isEmpty ? 100 : 100 * practiceTotal / Double(areaItems.count)
      let share = areaItems.isEmpty ? 0 : ScoringRules.practiceShare
      let score = (1 - share) * evidence + share * practice
      return AreaScore(
        area: area, score: (score * 10).rounded() / 10, evidenceScore: evidence,
        practiceScore: practice,
        contributions: contributions.sorted { abs($0.points) > abs($1.points) },
        findingCount: areaFindings.count)
    }
  }

  /// Whether an attestation is older than `days` (undated ones are stale).
  public static func isStale(_ attestation: Attestation, days: Int, now: Date) -> Bool {
    guard let at = attestation.at, let seconds = ISODates.day(at) else { return true }
    return (now.timeIntervalSince1970 - seconds) / 86_400 > Double(days)
  }

  /// The overall score: the mean of the area scores.
  public static func overall(_ areas: [AreaScore]) -> Double {
    guard !areas.isEmpty else { return 100 }
    return (areas.map(\.score).reduce(0, +) / Double(areas.count) * 10).rounded() / 10
  }
}
