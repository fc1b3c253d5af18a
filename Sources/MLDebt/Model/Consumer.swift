/// A decision rule that a consumer applies to a model's score.
public struct ConsumerPolicy: Sendable, Hashable, Codable {
  /// A fixed decision threshold on the score, if the policy uses one.
  public var threshold: Double?
  /// Whether the score is calibrated (so the threshold keeps its meaning when the model changes).
  public var calibrated: Bool?
  /// A holdout or exploration slice acted on without the model's score (for unbiased labels).
  public var holdout: String?

  /// Creates a policy.
  public init(threshold: Double? = nil, calibrated: Bool? = nil, holdout: String? = nil) {
    self.threshold = threshold
    self.calibrated = calibrated
    self.holdout = holdout
  }
}

/// An API contract between a model's owner and a consumer.
public struct ConsumerContract: Sendable, Hashable, Codable {
  /// A schema name or path for what the consumer reads.
  public var schema: String?
  /// The contract's version.
  public var version: String?

  /// Creates a contract.
  public init(schema: String? = nil, version: String? = nil) {
    self.schema = schema
    self.version = version
  }
}

/// A service, team or job that reads a model's output or a dataset.
///
/// Declared consumers come from the manifest; observed ones come from lineage (for example an
/// OpenLineage job that reads a predictions table). An observed consumer that nobody declared is
/// an undeclared consumer, one of the debts mldebt exists to find.
public struct Consumer: Sendable, Hashable, Codable, Identifiable {
  /// The consumer's identifier (`consumer:NAME`).
  public var id: NodeID
  /// Whether the team declared it in the manifest.
  public var declared: Bool
  /// The team or person responsible for it.
  public var owner: String?
  /// What it does with what it reads.
  public var description: String?
  /// What it reads: models, datasets or features.
  public var reads: [NodeID]
  /// What its decisions change: datasets whose future contents depend on them (a feedback path).
  public var influences: [NodeID]
  /// The API contract, if one is declared.
  public var contract: ConsumerContract?
  /// The decision policy, if one is declared.
  public var policy: ConsumerPolicy?
  /// Free-form labels.
  public var tags: [String]
  /// Which sources mentioned this consumer.
  public var provenance: [Provenance]

  /// Creates a consumer.
  public init(
    id: NodeID, declared: Bool, owner: String? = nil, description: String? = nil,
    reads: [NodeID] = [], influences: [NodeID] = [], contract: ConsumerContract? = nil,
    policy: ConsumerPolicy? = nil, tags: [String] = [], provenance: [Provenance] = []
  ) {
    self.id = id
    self.declared = declared
    self.owner = owner
    self.description = description
    self.reads = reads
    self.influences = influences
    self.contract = contract
    self.policy = policy
    self.tags = tags
    self.provenance = provenance
  }
}
