extension DetectorCatalog {
  /// The lineage signals (docs/lineage.md), computed once over the project's graph.
  static let lineage: [any Detector] = [
    RuleDetector(
      "lineage", .dataDependencies,
      "Feedback loops, correction cascades, unused features, undeclared consumers, hot spots, unpinned training inputs and pipeline jungles in the lineage graph",
      emits: lineageRules
    ) { context in
      LineageSignals.findings(in: context.graph)
    }
  ]
}

extension DetectorCatalog {
  /// The rules the lineage signals report (docs/lineage.md).
  static let lineageRules: [ChecklistRule] = [
    ChecklistRule(
      rule: "lineage.feedback-loop", area: .feedbackLoops,
      summary: "A model's output reaches its own training data"),
    ChecklistRule(
      rule: "lineage.cycle", area: .glueCode, summary: "Data flows in a circle with no model on it"),
    ChecklistRule(
      rule: "lineage.correction-cascade", area: .dataDependencies,
      summary: "A model is trained on another model's output"),
    ChecklistRule(
      rule: "lineage.unused-feature", area: .featureAudits,
      summary: "A feature that no model reads"),
    ChecklistRule(
      rule: "lineage.undeclared-consumer", area: .undeclaredConsumers,
      summary: "Something reads a model's output without being declared"),
    ChecklistRule(
      rule: "lineage.fan-in-hot-spot", area: .dataDependencies,
      summary: "A source whose change reaches many of the models"),
    ChecklistRule(
      rule: "lineage.unpinned-training-input", area: .dataDependencies,
      summary: "A model trains on data with no version pin"),
    ChecklistRule(
      rule: "lineage.pipeline-jungle", area: .glueCode,
      summary: "The pipeline is deeper or wider than the limits"),
    ChecklistRule(
      rule: "lineage.unowned-job", area: .glueCode, summary: "A pipeline job with no owner"),
    ChecklistRule(
      rule: "lineage.multiple-writers", area: .glueCode,
      summary: "A dataset written by more than one job"),
  ]
}
