/// What loading one source found: where it is, whether it loaded, and how much it contributed.
public struct SourceSummary: Sendable, Hashable, Codable {
  /// How a source fared.
  public enum Status: String, Sendable, Hashable, Codable {
    /// Read completely, with no error diagnostics.
    case loaded
    /// Read in part: some entries gave error diagnostics, the rest loaded.
    case partial
    /// Could not be read at all.
    case failed
  }

  /// The kind of source.
  public var kind: SourceKind
  /// Its file, folder or URL, relative to the project root where possible.
  public var path: String
  /// How it fared.
  public var status: Status
  /// What it contributed, by name (`runs`, `datasets`, `events`, …).
  public var counts: [String: Int]
  /// How many error and warning diagnostics it gave.
  public var errorCount: Int
  /// How many warnings it gave.
  public var warningCount: Int

  /// Creates a source summary.
  public init(
    kind: SourceKind, path: String, status: Status, counts: [String: Int] = [:],
    errorCount: Int = 0, warningCount: Int = 0
  ) {
    self.kind = kind
    self.path = path
    self.status = status
    self.counts = counts
    self.errorCount = errorCount
    self.warningCount = warningCount
  }
}
