/// Where a feature is in its life.
public enum FeatureStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Read by production models.
  case production
  /// Being tried out; expected to be promoted or removed.
  case experimental
  /// Kept for now, to be removed.
  case deprecated
}

/// A model input: a named, typed value derived from datasets or from other features.
public struct Feature: Sendable, Hashable, Codable, Identifiable {
  /// The feature's identifier (`feature:NAME`).
  public var id: NodeID
  /// Its data type (for example `float`, `int`, `category`), if declared.
  public var dtype: String?
  /// The team or person responsible for it.
  public var owner: String?
  /// What it means.
  public var description: String?
  /// Its life-cycle status, if declared.
  public var status: FeatureStatus?
  /// When it was added, as an ISO 8601 date (`YYYY-MM-DD`), if declared.
  public var since: String?
  /// What it is computed from: datasets, columns, features or another model's output.
  public var derivedFrom: [NodeID]
  /// Free-form labels.
  public var tags: [String]
  /// Which sources mentioned this feature.
  public var provenance: [Provenance]

  /// Creates a feature.
  public init(
    id: NodeID, dtype: String? = nil, owner: String? = nil, description: String? = nil,
    status: FeatureStatus? = nil, since: String? = nil, derivedFrom: [NodeID] = [],
    tags: [String] = [], provenance: [Provenance] = []
  ) {
    self.id = id
    self.dtype = dtype
    self.owner = owner
    self.description = description
    self.status = status
    self.since = since
    self.derivedFrom = derivedFrom
    self.tags = tags
    self.provenance = provenance
  }
}
