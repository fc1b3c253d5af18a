extension DetectorCatalog {
  /// Practice items whose absence is a finding of its own (with the area they count in).
  static let requiredPractices: [(item: String, rule: String, severity: Finding.Severity)] = [
    ("infra.canary", "external.no-canary", .medium),
    ("external.ab_test", "external.no-ab-test", .low),
    ("deps.upstream-tests", "external.no-upstream-tests", .medium),
  ]

  /// External Changes: uncalibrated fixed thresholds, and missing release safeguards.
  static let externalChanges: [any Detector] = [
    RuleDetector(
      "external.uncalibrated-threshold", .externalChanges,
      "Consumer policies with a fixed threshold on a score not known to be calibrated"
    ) { context in
      context.project.consumers.compactMap { consumer in
        guard let policy = consumer.policy, let threshold = policy.threshold,
          policy.calibrated != true
        else { return nil }
        return Finding(
          rule: "external.uncalibrated-threshold", area: .externalChanges, severity: .medium,
          title:
            "\(consumer.id) acts on a fixed threshold \(threshold) of a score with no calibration recorded",
          why:
            "Retraining moves an uncalibrated score's scale, so the same threshold silently changes the decisions.",
          fix:
            "Calibrate the model (and record calibrated: true), or re-tune the threshold with every release.",
          evidence: [.node(consumer.id)] + consumer.reads.map { .node($0) })
      }
    },
    RuleDetector(
      "external.missing-safeguards", .externalChanges,
      "No canary, A/B test or upstream-dependency test attested",
      emits: requiredPractices.map { practice in
        ChecklistRule(
          rule: practice.rule, area: .externalChanges,
          summary: "Not attested as done: the practice `\(practice.item)`")
      }
    ) { context in
      let answers = Dictionary(context.project.attestations.map { ($0.item, $0) }) { _, new in new }
      return requiredPractices.compactMap { practice in
        let answer = answers[practice.item]
        guard answer == nil || answer?.status == AttestationStatus.none else { return nil }
        let question =
          ChecklistItem.builtIn.first { $0.id == practice.item }?.question ?? practice.item
        return Finding(
          rule: practice.rule, area: .externalChanges, severity: practice.severity,
          title: answer == nil ? "Not attested: \(question)" : "Attested as not done: \(question)",
          why:
            "Without this safeguard an upstream or real-world change reaches all traffic before anyone notices.",
          fix: "Put the practice in place, then attest it (`a` in the checklist view).",
          evidence: [
            .file(SourceLocation(file: context.project.attestationsPath, keyPath: practice.item))
          ])
      }
    },
  ]
}
