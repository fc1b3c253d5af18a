/// The numbers behind every score, in one place (docs/scoring.md explains them).
public enum ScoringRules {
  /// Points a finding takes off its area's evidence score, by severity.
  public static func weight(_ severity: Finding.Severity) -> Double {
    switch severity {
    case .info: 0
    case .low: 3
    case .medium: 8
    case .high: 15
    case .critical: 30
    }
  }

  /// The share of an area's score that comes from attested practices (the rest is evidence).
  public static let practiceShare = 0.25

  /// The value of an attestation, 0…1: automated 1, manual 0.5, none 0; halved when stale.
  public static func value(_ status: AttestationStatus, stale: Bool) -> Double {
    let base: Double =
      switch status {
      case .none: 0
      case .manual: 0.5
      case .automated: 1
      }
    return stale ? base / 2 : base
  }

  /// The decay for repeated findings of one rule: the k-th (from 1) counts `0.5^(k-1)`.
  public static func repeatFactor(_ k: Int) -> Double {
    var factor = 1.0
    for _ in 1..<max(1, k) { factor /= 2 }
    return factor
  }

  /// A letter grade for a 0–100 score.
  public static func grade(_ score: Double) -> String {
    switch score {
    case 90...: "A"
    case 75..<90: "B"
    case 60..<75: "C"
    case 40..<60: "D"
    default: "F"
    }
  }
}
