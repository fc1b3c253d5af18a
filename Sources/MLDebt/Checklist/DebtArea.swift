/// The nine areas of hidden technical debt that mldebt scores.
public enum DebtArea: String, Sendable, Hashable, Codable, CaseIterable {
  /// Features built on fragile, unversioned or undocumented upstream data (including other
  /// models' outputs).
  case dataDependencies = "data-dependencies"
  /// Features nobody owns, documents or uses; redundant features.
  case featureAudits = "feature-audits"
  /// A model's predictions shape the data it is later trained on.
  case feedbackLoops = "feedback-loops"
  /// Ad-hoc scripts and pipeline jungles between components.
  case glueCode = "glue-code"
  /// Unversioned or scattered configuration.
  case configuration
  /// Past results that cannot be recreated.
  case reproducibility
  /// Production behaviour that drifts without alerts.
  case modelDrift = "model-drift"
  /// Others using a model's output without the owners knowing.
  case undeclaredConsumers = "undeclared-consumers"
  /// Sensitivity to upstream, business or real-world change without safeguards.
  case externalChanges = "external-changes"

  /// The area's name as people write it.
  public var title: String {
    switch self {
    case .dataDependencies: "Data Dependencies"
    case .featureAudits: "Feature Audits"
    case .feedbackLoops: "Feedback Loops"
    case .glueCode: "Glue Code"
    case .configuration: "Configuration"
    case .reproducibility: "Reproducibility"
    case .modelDrift: "Model Drift"
    case .undeclaredConsumers: "Undeclared Consumers"
    case .externalChanges: "External Changes"
    }
  }
}
