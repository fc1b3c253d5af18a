/// How one node feeds another. Edges point the way data flows: from upstream to downstream.
public enum EdgeKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// The target is computed from the source (dataset → feature, column → column, feature → feature).
  case derives
  /// The source is a model input or training data of the target model.
  case trains
  /// The source model writes the target (a predictions table, a served endpoint).
  case serves
  /// The target consumer reads the source.
  case consumes
  /// The source (usually a consumer's decisions) changes what the target dataset will contain.
  case influences
  /// The target job reads the source dataset.
  case reads
  /// The source job writes the target dataset.
  case writes
}

/// A typed, directed edge of the lineage graph.
public struct LineageEdge: Sendable, Hashable, Codable {
  /// The upstream node.
  public var from: NodeID
  /// The downstream node.
  public var to: NodeID
  /// How the upstream feeds the downstream.
  public var kind: EdgeKind
  /// Which sources stated this edge.
  public var provenance: [Provenance]

  /// Creates an edge.
  public init(from: NodeID, to: NodeID, kind: EdgeKind, provenance: [Provenance] = []) {
    self.from = from
    self.to = to
    self.kind = kind
    self.provenance = provenance
  }
}
