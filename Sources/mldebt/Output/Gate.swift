import MLDebt

/// The CI gate of `mldebt check`: a minimum overall score and a severity that fails the build.
struct Gate {
  /// The outcome, with the reasons it failed.
  struct Outcome {
    var passed: Bool { reasons.isEmpty }
    var reasons: [String]
    /// The findings that tripped `failOn`.
    var failing: Set<String>
  }

  var failUnder: Double?
  var failOn: Finding.Severity?

  func judge(_ checklist: Checklist) -> Outcome {
    var reasons: [String] = []
    var failing: Set<String> = []
    if let failUnder, checklist.overall < failUnder {
      reasons.append(
        "overall score \(ScoreOutput.number(checklist.overall)) is below \(ScoreOutput.number(failUnder))"
      )
    }
    if let failOn {
      let severe = checklist.findings.filter { $0.severity >= failOn }
      failing = Set(severe.map(\.fingerprint))
      if !severe.isEmpty {
        reasons.append("\(severe.count) finding(s) at \(failOn.rawValue) or above")
      }
    }
    return Outcome(reasons: reasons, failing: failing)
  }
}
