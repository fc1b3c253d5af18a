/// Options that change how a project loads.
public struct LoadOptions: Sendable {
  /// An MLflow tracking URI that overrides the manifest and discovery (`--mlflow`).
  public var mlflowURI: String?
  /// The largest text file a reader will open, in bytes.
  public var maxFileSize: Int = FileAccess.defaultTextLimit
  /// The most YAML nodes one document may expand to (aliases count each time they are used).
  public var maxYAMLNodes: Int = YAMLCursor.defaultMaxNodes
  /// Whether readers load full metric histories (not just the latest values).
  public var metricHistories: Bool = true
  /// The environment, for `MLFLOW_TRACKING_URI` and credentials.
  public var environment: [String: String] = [:]
  /// Told how far long steps (many runs, many metric points) have got; `nil` for no one.
  public var progress: (any ProgressObserver)?
  /// Whether the MLflow file store reader keeps a run cache in the project's `.mldebt/`
  /// (docs/runs.md); `runCache` names one explicitly.
  public var cacheRuns: Bool = false
  /// A run cache to use instead of the project's own.
  public var runCache: RunCache?
  /// Given the project's run cache after a load that only read it, for a caller that keeps it
  /// open instead of closing it with the load: closing the connections of a warm load of a large
  /// store costs about 10 ms (unmapping what each read, and the last one's checkpoint and
  /// removal of the WAL files), which a process about to exit need not pay. The CLI keeps it to
  /// its exit; SQLite then finds the files as a crashed process leaves them, with nothing to
  /// recover since nothing was written.
  public var keepRunCache: (@Sendable (RunCache) -> Void)?
  /// Follows the load source by source (for the TUI's loading screen); `nil` for no one.
  public var monitor: LoadMonitor?
  /// Stops the load when raised: readers check it between files and the load throws
  /// ``ProjectLoadError/cancelled``; `nil` when the load cannot be cancelled.
  public var cancellation: CancellationFlag?

  /// Whether the load was cancelled (readers stop early and write nothing).
  public var isCancelled: Bool { cancellation?.isCancelled ?? false }

  /// Creates default options.
  public init() {}
}

/// What a reader needs to find and read its files.
public struct LoadContext: Sendable {
  /// The project root, an absolute path.
  public var root: String
  /// The parsed manifest, when there is one.
  public var manifest: Manifest?
  /// The options.
  public var options: LoadOptions

  /// Creates a context.
  public init(root: String, manifest: Manifest?, options: LoadOptions) {
    self.root = root
    self.manifest = manifest
    self.options = options
  }

  /// An absolute path for a path relative to the root.
  public func absolute(_ path: String) -> String { FileAccess.resolve(path, relativeTo: root) }

  /// A path relative to the root, for messages and provenance.
  public func relative(_ path: String) -> String { FileAccess.relative(path, to: root) }
}

/// A kind of source mldebt can read: how to find its files in a project, and how to read them.
///
/// To add a source, write a type that conforms to this protocol, then list it in
/// ``SourceCatalog/readers``. docs/architecture.md walks through it.
public protocol SourceReader: Sendable {
  /// Which kind of source this reads.
  static var kind: SourceKind { get }
  /// Finds every instance of this source in a project (by manifest paths or well-known names).
  static func discover(_ context: LoadContext) -> [Self]
  /// The file, folder or URL this instance reads, relative to the root where possible.
  var path: String { get }
  /// Reads the source. Never throws: problems become diagnostics in the contribution.
  func read(_ context: LoadContext) -> SourceContribution
}

/// The readers the loader runs, in the order their contributions are merged.
public enum SourceCatalog {
  /// Every reader type. The manifest is read before these and always wins a disagreement.
  public static let readers: [any SourceReader.Type] = [
    AttestationsReader.self,
    DVCReader.self,
    OpenLineageReader.self,
    FeastRegistryReader.self,
    MLflowFileStoreReader.self,
    MLflowSQLiteReader.self,
    MLflowServerReader.self,
    MonitoringReader.self,
  ]
}
