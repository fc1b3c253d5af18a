/// What `mldebt sources` reports: every source found, what it gave, and every diagnostic.
///
/// The JSON field names are part of the CLI's stable interface (docs/cli.md).
public struct SourcesReport: Sendable, Codable {
  /// The project's identity.
  public struct ProjectInfo: Sendable, Codable {
    /// Its name.
    public var name: String
    /// Its root directory.
    public var root: String
    /// Its manifest, relative to the root, or `nil`.
    public var manifest: String?

    /// Encodes every field, writing `null` for a missing manifest so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(name, forKey: .name)
      try container.encode(root, forKey: .root)
      try container.encode(manifest, forKey: .manifest)
    }
  }

  /// One source.
  public struct Source: Sendable, Codable {
    /// The source kind (`manifest`, `dvc`, `mlflow-file-store`, …).
    public var kind: String
    /// Its path relative to the root, or its URL.
    public var path: String
    /// `loaded`, `partial` or `failed`.
    public var status: String
    /// What it contributed, by name.
    public var counts: [String: Int]
    /// Its error diagnostics.
    public var errors: Int
    /// Its warnings.
    public var warnings: Int
  }

  /// One diagnostic.
  public struct Problem: Sendable, Codable {
    /// `error`, `warning` or `info`.
    public var severity: String
    /// The source kind.
    public var source: String
    /// The file, relative to the root.
    public var file: String
    /// The 1-based line, if known.
    public var line: Int?
    /// The 1-based column, if known.
    public var column: Int?
    /// The key path, if known.
    public var keyPath: String?
    /// What is wrong.
    public var message: String
    /// What was expected.
    public var expected: String?
    /// What to do.
    public var hint: String?

    /// Encodes every field, writing `null` where a value is unknown so the shape never changes.
    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(severity, forKey: .severity)
      try container.encode(source, forKey: .source)
      try container.encode(file, forKey: .file)
      try container.encode(line, forKey: .line)
      try container.encode(column, forKey: .column)
      try container.encode(keyPath, forKey: .keyPath)
      try container.encode(message, forKey: .message)
      try container.encode(expected, forKey: .expected)
      try container.encode(hint, forKey: .hint)
    }
  }

  /// The project.
  public var project: ProjectInfo
  /// Every source found, in load order.
  public var sources: [Source]
  /// The merged project's contents, by kind (`datasets`, `features`, `runs`, …).
  public var totals: [String: Int]
  /// Every diagnostic, in the order found.
  public var diagnostics: [Problem]

  /// Builds the report for a loaded project.
  public init(_ project: Project) {
    self.project = ProjectInfo(
      name: project.name, root: project.root, manifest: project.manifestPath)
    sources = project.sources.map {
      Source(
        kind: $0.kind.rawValue, path: $0.path, status: $0.status.rawValue, counts: $0.counts,
        errors: $0.errorCount, warnings: $0.warningCount)
    }
    totals = [
      "datasets": project.datasets.count, "features": project.features.count,
      "models": project.models.count, "consumers": project.consumers.count,
      "jobs": project.jobs.count, "edges": project.edges.count,
      "experiments": project.experiments.count, "runs": project.runs.count,
      "registered_models": project.registeredModels.count,
      "monitoring_sources": project.monitoring.count, "attestations": project.attestations.count,
    ]
    diagnostics = project.diagnostics.map {
      Problem(
        severity: $0.severity.rawValue, source: $0.source.rawValue, file: $0.location.file,
        line: $0.location.line, column: $0.location.column, keyPath: $0.location.keyPath,
        message: $0.message, expected: $0.expected, hint: $0.hint)
    }
  }
}
