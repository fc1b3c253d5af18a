/// What the lineage graph knows about one node: its identity, who owns it, and where it came from.
///
/// Views show these details beside a node; the graph keeps one per node index.
public struct LineageNode: Sendable, Hashable, Codable {
  /// The node's identifier.
  public let id: NodeID
  /// The team or person responsible for it, if any source says.
  public let owner: String?
  /// What it is, if any source says.
  public let description: String?
  /// Free-form labels.
  public let tags: [String]
  /// Which sources mentioned it (empty for a column, which only edges name).
  public let provenance: [Provenance]
  /// Whether the team declared it: a consumer with `declared: true`, or any other node that the
  /// manifest mentions.
  public let declared: Bool
  /// A dataset's version pin; `nil` for an unpinned dataset and for every other kind.
  public let versionPin: String?
  /// A dataset's other names (OpenLineage `namespace/name`, DVC paths); empty for other kinds.
  public let aliases: [String]
  /// A feature's life-cycle status, if declared.
  public let status: FeatureStatus?
  /// Whether the node is only known because an edge names it (no source describes it).
  public let isStub: Bool

  /// The node's kind.
  public var kind: NodeKind { id.kind }

  /// The node's name (the part of the id after `kind:`).
  public var name: String { id.name }

  /// Creates node details.
  public init(
    id: NodeID, owner: String? = nil, description: String? = nil, tags: [String] = [],
    provenance: [Provenance] = [], declared: Bool = false, versionPin: String? = nil,
    aliases: [String] = [], status: FeatureStatus? = nil, isStub: Bool = false
  ) {
    self.id = id
    self.owner = owner
    self.description = description
    self.tags = tags
    self.provenance = provenance
    self.declared = declared
    self.versionPin = versionPin
    self.aliases = aliases
    self.status = status
    self.isStub = isStub
  }

  init(_ dataset: Dataset) {
    self.init(
      id: dataset.id, owner: dataset.owner, description: dataset.description, tags: dataset.tags,
      provenance: dataset.provenance, declared: Self.fromManifest(dataset.provenance),
      versionPin: dataset.versionPin, aliases: dataset.aliases)
  }

  init(_ feature: Feature) {
    self.init(
      id: feature.id, owner: feature.owner, description: feature.description, tags: feature.tags,
      provenance: feature.provenance, declared: Self.fromManifest(feature.provenance),
      status: feature.status)
  }

  init(_ model: Model) {
    self.init(
      id: model.id, owner: model.owner, description: model.description, tags: model.tags,
      provenance: model.provenance, declared: Self.fromManifest(model.provenance))
  }

  init(_ consumer: Consumer) {
    self.init(
      id: consumer.id, owner: consumer.owner, description: consumer.description,
      tags: consumer.tags, provenance: consumer.provenance, declared: consumer.declared)
  }

  init(_ job: Job) {
    self.init(
      id: job.id, owner: job.owner, description: job.description, tags: job.tags,
      provenance: job.provenance, declared: Self.fromManifest(job.provenance))
  }

  private static func fromManifest(_ provenance: [Provenance]) -> Bool {
    provenance.contains { $0.source == .manifest }
  }
}
