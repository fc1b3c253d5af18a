import Synchronization

extension Run {
  /// The fields of a run, behind one reference so that copying a ``Run`` costs one retain.
  ///
  /// A storage object is changed only through a run that holds the only reference to it
  /// (``Run`` copies it first otherwise), so sharing it between threads is safe. For the same
  /// reason its fields need no run-time exclusivity checks: a change can only overlap another
  /// access through the same run, which the compiler's static checks already rule out.
  ///
  /// The fields are laid out in the order they are declared: those that a pass over every run
  /// reads (filtering, ordering, the audit's tallies) come first, so that such a pass reads one
  /// or two cache lines of each run's storage rather than four.
  final class Storage: @unchecked Sendable {
    /// The params, tags and metrics as the run cache encoded them, if it did.
    let encodedMaps: (any EncodedMaps)?
    /// Whether the maps are still only encoded: checked without the lock, cleared (under
    /// `decodingLock`) once the decoded maps are stored.
    let hasEncodedMaps: Atomic<Bool>
    /// The encoded params' key layout (``EncodedMaps/paramKeys``), kept here so that the
    /// audit's tally of every run's keys reads no memory beyond the storage.
    let encodedParamKeyLayout: KeyLayout?
    @exclusivity(unchecked) var deleted: Bool
    @exclusivity(unchecked) var status: Status
    @exclusivity(unchecked) var startTime: Int64?
    /// The id's hash (`id.hashValue`), taken whenever the id is set, while its text is at hand:
    /// the project builder tells 20,000 runs apart by it without reading each id's text again.
    @exclusivity(unchecked) var idHash: Int
    @exclusivity(unchecked) var id: String {
      didSet { idHash = id.hashValue }
    }
    @exclusivity(unchecked) var experimentID: String
    @exclusivity(unchecked) var parentRunID: String?
    @exclusivity(unchecked) var name: String?
    @exclusivity(unchecked) var endTime: Int64?
    @exclusivity(unchecked) var user: String?
    @exclusivity(unchecked) var artifactURI: String?
    /// The params once decoded (read them through ``params``).
    @exclusivity(unchecked) var storedParams: [String: String]
    /// The tags once decoded (read them through ``tags``).
    @exclusivity(unchecked) var storedTags: [String: String]
    /// The metrics once decoded (read them through ``metrics``).
    @exclusivity(unchecked) var storedMetrics: [String: Double]
    @exclusivity(unchecked) var metricHistory: [String: [MetricPoint]]
    @exclusivity(unchecked) var inputs: [RunInput]
    @exclusivity(unchecked) var loggedModels: [LoggedModel]
    @exclusivity(unchecked) var provenance: Provenance

    /// The params, decoded first if they are still encoded.
    var params: [String: String] {
      decodeMapsIfNeeded()
      return storedParams
    }

    /// The tags, decoded first if they are still encoded.
    var tags: [String: String] {
      decodeMapsIfNeeded()
      return storedTags
    }

    /// The latest metrics, decoded first if they are still encoded.
    var metrics: [String: Double] {
      decodeMapsIfNeeded()
      return storedMetrics
    }

    init(
      id: String, experimentID: String, name: String?, status: Status, startTime: Int64?,
      endTime: Int64?, deleted: Bool, user: String?, artifactURI: String?, parentRunID: String?,
      params: [String: String], tags: [String: String], metrics: [String: Double],
      metricHistory: [String: [MetricPoint]], inputs: [RunInput], loggedModels: [LoggedModel],
      provenance: Provenance, encodedMaps: (any EncodedMaps)? = nil
    ) {
      self.id = id
      self.idHash = id.hashValue
      self.experimentID = experimentID
      self.name = name
      self.status = status
      self.startTime = startTime
      self.endTime = endTime
      self.deleted = deleted
      self.user = user
      self.artifactURI = artifactURI
      self.parentRunID = parentRunID
      self.storedParams = params
      self.storedTags = tags
      self.storedMetrics = metrics
      self.metricHistory = metricHistory
      self.inputs = inputs
      self.loggedModels = loggedModels
      self.provenance = provenance
      self.encodedMaps = encodedMaps
      self.hasEncodedMaps = Atomic(encodedMaps != nil)
      self.encodedParamKeyLayout = encodedMaps?.paramKeys
    }

    /// A new storage object with the same fields; maps still encoded stay so, in both.
    func copy() -> Storage {
      // Under the lock, so that a decode on another thread is either done or not begun.
      let encoded = decodingLock.withLock {
        hasEncodedMaps.load(ordering: .acquiring) ? encodedMaps : nil
      }
      return Storage(
        id: id, experimentID: experimentID, name: name, status: status, startTime: startTime,
        endTime: endTime, deleted: deleted, user: user, artifactURI: artifactURI,
        parentRunID: parentRunID, params: encoded == nil ? storedParams : [:],
        tags: encoded == nil ? storedTags : [:], metrics: encoded == nil ? storedMetrics : [:],
        metricHistory: metricHistory, inputs: inputs, loggedModels: loggedModels,
        provenance: provenance, encodedMaps: encoded)
    }
  }
}

extension Run: Hashable {
  /// Two runs are equal when every field is.
  public static func == (lhs: Run, rhs: Run) -> Bool {
    if lhs.storage === rhs.storage { return true }
    let left = lhs.storage
    let right = rhs.storage
    return left.id == right.id && left.experimentID == right.experimentID
      && left.name == right.name && left.status == right.status
      && left.startTime == right.startTime && left.endTime == right.endTime
      && left.deleted == right.deleted && left.user == right.user
      && left.artifactURI == right.artifactURI && left.parentRunID == right.parentRunID
      && left.params == right.params && left.tags == right.tags && left.metrics == right.metrics
      && left.metricHistory == right.metricHistory && left.inputs == right.inputs
      && left.loggedModels == right.loggedModels && left.provenance == right.provenance
  }

  /// Hashes every field.
  public func hash(into hasher: inout Hasher) {
    let fields = storage
    hasher.combine(fields.id)
    hasher.combine(fields.experimentID)
    hasher.combine(fields.name)
    hasher.combine(fields.status)
    hasher.combine(fields.startTime)
    hasher.combine(fields.endTime)
    hasher.combine(fields.deleted)
    hasher.combine(fields.user)
    hasher.combine(fields.artifactURI)
    hasher.combine(fields.parentRunID)
    hasher.combine(fields.params)
    hasher.combine(fields.tags)
    hasher.combine(fields.metrics)
    hasher.combine(fields.metricHistory)
    hasher.combine(fields.inputs)
    hasher.combine(fields.loggedModels)
    hasher.combine(fields.provenance)
  }
}

extension Run: Codable {
  private enum CodingKeys: String, CodingKey {
    case id, experimentID, name, status, startTime, endTime, deleted, user, artifactURI
    case parentRunID, params, tags, metrics, metricHistory, inputs, loggedModels, provenance
  }

  /// Decodes a run from the keys its encoding writes (one per field; absent optionals omitted).
  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      id: try values.decode(String.self, forKey: .id),
      experimentID: try values.decode(String.self, forKey: .experimentID),
      name: try values.decodeIfPresent(String.self, forKey: .name),
      status: try values.decode(Status.self, forKey: .status),
      startTime: try values.decodeIfPresent(Int64.self, forKey: .startTime),
      endTime: try values.decodeIfPresent(Int64.self, forKey: .endTime),
      deleted: try values.decode(Bool.self, forKey: .deleted),
      user: try values.decodeIfPresent(String.self, forKey: .user),
      artifactURI: try values.decodeIfPresent(String.self, forKey: .artifactURI),
      parentRunID: try values.decodeIfPresent(String.self, forKey: .parentRunID),
      params: try values.decode([String: String].self, forKey: .params),
      tags: try values.decode([String: String].self, forKey: .tags),
      metrics: try values.decode([String: Double].self, forKey: .metrics),
      metricHistory: try values.decode([String: [MetricPoint]].self, forKey: .metricHistory),
      inputs: try values.decode([RunInput].self, forKey: .inputs),
      provenance: try values.decode(Provenance.self, forKey: .provenance))
    loggedModels = try values.decode([LoggedModel].self, forKey: .loggedModels)
  }

  /// Encodes every field under its name, leaving out absent optionals.
  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(id, forKey: .id)
    try values.encode(experimentID, forKey: .experimentID)
    try values.encodeIfPresent(name, forKey: .name)
    try values.encode(status, forKey: .status)
    try values.encodeIfPresent(startTime, forKey: .startTime)
    try values.encodeIfPresent(endTime, forKey: .endTime)
    try values.encode(deleted, forKey: .deleted)
    try values.encodeIfPresent(user, forKey: .user)
    try values.encodeIfPresent(artifactURI, forKey: .artifactURI)
    try values.encodeIfPresent(parentRunID, forKey: .parentRunID)
    try values.encode(params, forKey: .params)
    try values.encode(tags, forKey: .tags)
    try values.encode(metrics, forKey: .metrics)
    try values.encode(metricHistory, forKey: .metricHistory)
    try values.encode(inputs, forKey: .inputs)
    try values.encode(loggedModels, forKey: .loggedModels)
    try values.encode(provenance, forKey: .provenance)
  }
}
