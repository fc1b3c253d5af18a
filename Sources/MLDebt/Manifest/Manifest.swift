/// The contents of an `mldebt.yaml` manifest: what a team declares that no tool records.
///
/// docs/manifest.md documents every key. Parse one with ``ManifestParser``.
public struct Manifest: Sendable, Hashable {
  /// The manifest format version (currently 1).
  public var version: Int = 1
  /// The project's name.
  public var name: String?
  /// The project's description.
  public var description: String?
  /// Teams and people.
  public var owners: [Owner] = []
  /// Where the tools' files are, overriding discovery.
  public var sources = SourcePaths()
  /// Declared datasets.
  public var datasets: [Dataset] = []
  /// Declared features.
  public var features: [Feature] = []
  /// Declared models.
  public var models: [Model] = []
  /// Declared consumers.
  public var consumers: [Consumer] = []
  /// Declared jobs (to give pipeline stages owners and descriptions).
  public var jobs: [Job] = []
  /// Extra edges.
  public var edges: [LineageEdge] = []
  /// Drift monitoring sources.
  public var monitoring: [MonitoringSource] = []
  /// Thresholds, with defaults for what the manifest leaves out.
  public var thresholds: Thresholds = .defaults
  /// The attestations file, relative to the manifest's folder.
  public var attestationsPath: String = "mldebt.attestations.yaml"
  /// Team-specific check files or globs, relative to the manifest's folder.
  public var checks: [String] = []

  /// Creates an empty manifest.
  public init() {}

  /// Where the tools' files are, when they are not in their default places.
  public struct SourcePaths: Sendable, Hashable {
    /// The folder holding `dvc.yaml`.
    public var dvc: String?
    /// An MLflow store: a `mlruns` folder, `sqlite:///path`, or an `http(s)://` tracking server.
    public var mlflow: String?
    /// OpenLineage event files or folders.
    public var openLineage: [String] = []
    /// A `feast registry-dump` JSON file.
    public var feast: String?

    /// Creates empty source paths.
    public init() {}
  }
}
