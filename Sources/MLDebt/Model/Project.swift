/// Everything mldebt knows about one ML system, merged from all of its sources.
///
/// A `Project` is a plain value: loading builds it once, and every analysis, view, CLI command
/// and script reads the same value. Create one with ``Project/load(at:options:)``.
public struct Project: Sendable, Codable {
  /// The project's root directory, as an absolute path.
  public var root: String
  /// The project's name (from the manifest, or the root folder's name).
  public var name: String
  /// A description, from the manifest.
  public var description: String?
  /// The manifest's path relative to the root, or `nil` when there is none.
  public var manifestPath: String?
  /// The attestations file's path relative to the root (it may not exist yet).
  public var attestationsPath: String
  /// Teams and people.
  public var owners: [Owner]
  /// Datasets, sorted by id.
  public var datasets: [Dataset]
  /// Features, sorted by id.
  public var features: [Feature]
  /// Models, sorted by id.
  public var models: [Model]
  /// Consumers, declared and observed, sorted by id.
  public var consumers: [Consumer]
  /// Jobs and pipeline stages, sorted by id.
  public var jobs: [Job]
  /// Lineage edges, sorted, without duplicates.
  public var edges: [LineageEdge]
  /// MLflow experiments.
  public var experiments: [Experiment]
  /// Tracked runs, deleted ones included (see ``Run/deleted``).
  public var runs: [Run]
  /// Registered models and their versions.
  public var registeredModels: [RegisteredModel]
  /// Where drift monitoring data lives.
  public var monitoring: [MonitoringSource]
  /// Pipeline parameters by file, then key path (for example `params.yaml` → `train.C` → `1.0`).
  public var parameters: [String: [String: String]]
  /// Checklist answers from the attestations file.
  public var attestations: [Attestation]
  /// Limits for findings and gates.
  public var thresholds: Thresholds
  /// Team-specific check files (Lua), relative to the root.
  public var checkFiles: [String]
  /// One entry per source that was found.
  public var sources: [SourceSummary]
  /// Every problem met while loading, in the order found.
  public var diagnostics: [Diagnostic]
  /// Where sources said different things about the same node.
  public var disagreements: [Disagreement] = []

  /// Creates a project. Most callers use ``Project/load(at:options:)`` instead.
  public init(
    root: String, name: String, description: String? = nil, manifestPath: String? = nil,
    attestationsPath: String = "mldebt.attestations.yaml", owners: [Owner] = [],
    datasets: [Dataset] = [], features: [Feature] = [], models: [Model] = [],
    consumers: [Consumer] = [], jobs: [Job] = [], edges: [LineageEdge] = [],
    experiments: [Experiment] = [], runs: [Run] = [], registeredModels: [RegisteredModel] = [],
    monitoring: [MonitoringSource] = [], parameters: [String: [String: String]] = [:],
    attestations: [Attestation] = [], thresholds: Thresholds = .defaults, checkFiles: [String] = [],
    sources: [SourceSummary] = [], diagnostics: [Diagnostic] = []
  ) {
    self.root = root
    self.name = name
    self.description = description
    self.manifestPath = manifestPath
    self.attestationsPath = attestationsPath
    self.owners = owners
    self.datasets = datasets
    self.features = features
    self.models = models
    self.consumers = consumers
    self.jobs = jobs
    self.edges = edges
    self.experiments = experiments
    self.runs = runs
    self.registeredModels = registeredModels
    self.monitoring = monitoring
    self.parameters = parameters
    self.attestations = attestations
    self.thresholds = thresholds
    self.checkFiles = checkFiles
    self.sources = sources
    self.diagnostics = diagnostics
  }

  /// Every node id in the project, sorted.
  public var nodeIDs: [NodeID] {
    (datasets.map(\.id) + features.map(\.id) + models.map(\.id) + consumers.map(\.id)
      + jobs.map(\.id)).sorted()
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
