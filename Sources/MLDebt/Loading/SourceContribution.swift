/// What one source adds to a project. Readers produce contributions independently (and in
/// parallel); ``ProjectBuilder`` merges them in a fixed order.
public struct SourceContribution: Sendable {
  /// The source's kind.
  public var kind: SourceKind
  /// The source's file, folder or URL, relative to the project root where possible.
  public var path: String
  /// Datasets it declares or observed.
  public var datasets: [Dataset] = []
  /// Features.
  public var features: [Feature] = []
  /// Models.
  public var models: [Model] = []
  /// Consumers.
  public var consumers: [Consumer] = []
  /// Jobs.
  public var jobs: [Job] = []
  /// Edges not implied by the nodes' own fields.
  public var edges: [LineageEdge] = []
  /// Experiments.
  public var experiments: [Experiment] = []
  /// Runs.
  public var runs: [Run] = []
  /// Registered models.
  public var registeredModels: [RegisteredModel] = []
  /// Monitoring sources.
  public var monitoring: [MonitoringSource] = []
  /// Parameters by file, then flattened key path.
  public var parameters: [String: [String: String]] = [:]
  /// Attestations.
  public var attestations: [Attestation] = []
  /// Problems met.
  public var diagnostics: [Diagnostic] = []
  /// What it read, by name, for `mldebt sources`.
  public var counts: [String: Int] = [:]
  /// Whether the source could not be read at all.
  public var failed = false

  /// Creates an empty contribution.
  public init(kind: SourceKind, path: String) {
    self.kind = kind
    self.path = path
  }

  /// Records that the whole source failed, with one diagnostic.
  public mutating func fail(_ diagnostic: Diagnostic) {
    failed = true
    diagnostics.append(diagnostic)
  }

  /// The summary shown by `mldebt sources`.
  public var summary: SourceSummary {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    let status: SourceSummary.Status = failed ? .failed : (errors > 0 ? .partial : .loaded)
    return SourceSummary(
      kind: kind, path: path, status: status, counts: counts, errorCount: errors,
      warningCount: warnings)
  }
}
