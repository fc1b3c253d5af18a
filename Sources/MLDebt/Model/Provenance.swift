/// The kinds of source mldebt reads.
public enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// The team's hand-written `mldebt.yaml`.
  case manifest
  /// The attestations file that mldebt writes beside the manifest.
  case attestations
  /// DVC's `dvc.yaml`, `dvc.lock`, `params.yaml` and `.dvc` files.
  case dvc
  /// An MLflow file store (`mlruns/`).
  case mlflowFileStore = "mlflow-file-store"
  /// An MLflow SQLite database (`mlflow.db`).
  case mlflowSQLite = "mlflow-sqlite"
  /// An MLflow tracking server's REST API.
  case mlflowServer = "mlflow-server"
  /// OpenLineage event logs.
  case openLineage = "openlineage"
  /// A `feast registry-dump` JSON file.
  case feast
  /// Monitoring samples or histograms for drift.
  case monitoring
  /// Team-specific Lua checks.
  case checks
}

/// Where a fact came from: which source, and which file (or URL) in it.
public struct Provenance: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The source that stated the fact.
  public var source: SourceKind
  /// The file or URL, relative to the project root where possible.
  public var path: String

  /// Creates a provenance record.
  public init(_ source: SourceKind, _ path: String) {
    self.source = source
    self.path = path
  }

  /// `source (path)`.
  public var description: String { "\(source.rawValue) (\(path))" }

  /// Orders by source, then path.
  public static func < (lhs: Provenance, rhs: Provenance) -> Bool {
    (lhs.source.rawValue, lhs.path) < (rhs.source.rawValue, rhs.path)
  }
}
