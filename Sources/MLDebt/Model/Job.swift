/// A pipeline stage or scheduled job: it runs a command, reads datasets and writes datasets.
public struct Job: Sendable, Hashable, Codable, Identifiable {
  /// The job's identifier (`job:NAME`).
  public var id: NodeID
  /// The command it runs, if known (DVC's `cmd`).
  public var command: String?
  /// The team or person responsible for it.
  public var owner: String?
  /// What it does.
  public var description: String?
  /// What it reads.
  public var inputs: [NodeID]
  /// What it writes.
  public var outputs: [NodeID]
  /// The parameter keys it reads (DVC `params`), as `file:key` or `key`.
  public var params: [String]
  /// The code files it depends on (scripts and notebooks among DVC `deps`).
  public var code: [String]
  /// Whether its recorded state (DVC's `dvc.lock`) matches its definition: `nil` when unknown,
  /// `false` when it was never run or changed since it last ran.
  public var upToDate: Bool?
  /// Free-form labels.
  public var tags: [String]
  /// Which sources mentioned this job.
  public var provenance: [Provenance]
  /// Extra metadata that sources attach (OpenLineage facets mldebt does not interpret), as
  /// compact JSON by facet name.
  public var facets: [String: String] = [:]

  /// Creates a job.
  public init(
    id: NodeID, command: String? = nil, owner: String? = nil, description: String? = nil,
    inputs: [NodeID] = [], outputs: [NodeID] = [], params: [String] = [], code: [String] = [],
    upToDate: Bool? = nil, tags: [String] = [], provenance: [Provenance] = []
  ) {
    self.id = id
    self.command = command
    self.owner = owner
    self.description = description
    self.inputs = inputs
    self.outputs = outputs
    self.params = params
    self.code = code
    self.upToDate = upToDate
    self.tags = tags
    self.provenance = provenance
  }
}
