/// A practice that a person attests, because no file can show it (for example canary releases).
///
/// Items are answered in the attestations file (`none`, `manual`, `automated`) and count in their
/// area's score and in the ML Test Score.
public struct ChecklistItem: Sendable, Hashable, Codable, Identifiable {
  /// The item id used in the attestations file, such as `infra.canary`.
  public var id: String
  /// The area it belongs to.
  public var area: DebtArea
  /// The practice, as a question.
  public var question: String

  /// Creates an item.
  public init(id: String, area: DebtArea, question: String) {
    self.id = id
    self.area = area
    self.question = question
  }

  /// The built-in practice items, by area.
  public static let builtIn: [ChecklistItem] = [
    ChecklistItem(
      id: "data.schema-validation", area: .dataDependencies,
      question: "Is every input validated against its schema before training and serving?"),
    ChecklistItem(
      id: "data.versioning", area: .dataDependencies,
      question: "Are training datasets versioned (DVC, snapshots, digests)?"),
    ChecklistItem(
      id: "features.review", area: .featureAudits,
      question: "Are features reviewed regularly and unused ones removed?"),
    ChecklistItem(
      id: "features.tests", area: .featureAudits,
      question: "Is the code of every input feature tested?"),
    ChecklistItem(
      id: "feedback.holdout", area: .feedbackLoops,
      question: "Is a random holdout decided without the model, to collect unbiased labels?"),
    ChecklistItem(
      id: "feedback.monitoring", area: .feedbackLoops,
      question: "Are feedback effects on the training data monitored?"),
    ChecklistItem(
      id: "pipeline.orchestrated", area: .glueCode,
      question: "Is the whole pipeline run by an orchestrator, with no hand-run steps?"),
    ChecklistItem(
      id: "pipeline.integration-tests", area: .glueCode,
      question: "Is the pipeline integration-tested end to end?"),
    ChecklistItem(
      id: "config.versioned", area: .configuration,
      question: "Is all configuration versioned and reviewed like code?"),
    ChecklistItem(
      id: "repro.retrain", area: .reproducibility,
      question:
        "Has the production model been retrained from its recorded inputs with the same result?"),
    ChecklistItem(
      id: "monitoring.alerts", area: .modelDrift,
      question: "Do drift and quality alerts reach the owners automatically?"),
    ChecklistItem(
      id: "monitoring.staleness", area: .modelDrift,
      question: "Is the impact of model staleness known, and is retraining scheduled?"),
    ChecklistItem(
      id: "consumers.registry", area: .undeclaredConsumers,
      question: "Is there a registry of everyone who reads the model's output?"),
    ChecklistItem(
      id: "consumers.access-control", area: .undeclaredConsumers,
      question: "Is access to predictions controlled, so new readers must declare themselves?"),
    ChecklistItem(
      id: "infra.canary", area: .externalChanges,
      question: "Are new models released through a canary before full traffic?"),
    ChecklistItem(
      id: "external.ab_test", area: .externalChanges,
      question: "Are model changes A/B tested online?"),
    ChecklistItem(
      id: "infra.rollback", area: .externalChanges,
      question: "Can the serving model be rolled back to the previous version?"),
    ChecklistItem(
      id: "deps.upstream-tests", area: .externalChanges,
      question: "Do changes in upstream data or APIs trigger tests or notifications?"),
  ]
}
