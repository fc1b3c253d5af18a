extension DetectorCatalog {
  /// Feedback Loops: consumers that act on a model's predictions with no holdout.
  static let feedbackLoops: [any Detector] = [
    RuleDetector(
      "feedback.no-holdout", .feedbackLoops,
      "Consumers that act on predictions and influence data, with no holdout slice declared"
    ) { context in
      context.project.consumers.compactMap { consumer in
        guard !consumer.influences.isEmpty || consumer.policy?.threshold != nil,
          consumer.policy?.holdout == nil
        else { return nil }
        let holdoutAttested = context.project.attestations.contains {
          $0.item == "feedback.holdout" && $0.status != .none
        }
        guard !holdoutAttested else { return nil }
        return Finding(
          rule: "feedback.no-holdout", area: .feedbackLoops,
          severity: consumer.influences.isEmpty ? .medium : .high,
          title:
            "\(consumer.id) decides on every case with the model; no holdout collects unbiased labels",
          why:
            "When the model decides who gets a label, the next model learns only from its own choices.",
          fix: "Decide a small random slice without the model and declare it as policy.holdout.",
          evidence: [.node(consumer.id)] + consumer.influences.map { .node($0) })
      }
    }
  ]
}
