/// Two sources that said different things about the same node (for example two owners or two
/// types of a column). The first value is kept; the disagreement is evidence of data-dependency
/// debt.
public struct Disagreement: Sendable, Hashable, Codable {
  /// One side: which source, and what it said.
  public struct Claim: Sendable, Hashable, Codable {
    /// The source.
    public var source: SourceKind
    /// What it said.
    public var value: String

    /// Creates a claim.
    public init(source: SourceKind, value: String) {
      self.source = source
      self.value = value
    }
  }

  /// The node they disagree about.
  public var node: NodeID
  /// What they disagree on, such as `owner` or `the type of column age`.
  public var field: String
  /// The value that was kept.
  public var kept: Claim
  /// The value that was not.
  public var other: Claim
  /// The files that made the claims.
  public var locations: [SourceLocation]

  /// Creates a disagreement.
  public init(node: NodeID, field: String, kept: Claim, other: Claim, locations: [SourceLocation]) {
    self.node = node
    self.field = field
    self.kept = kept
    self.other = other
    self.locations = locations
  }
}
