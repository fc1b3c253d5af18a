/// One column of a dataset's schema.
public struct SchemaColumn: Sendable, Hashable, Codable {
  /// The column's name.
  public var name: String
  /// The column's type as the source wrote it (for example `float`, `int64`, `string`), if known.
  public var dtype: String?
  /// A description, if one was given.
  public var description: String?

  /// Creates a schema column.
  public init(name: String, dtype: String? = nil, description: String? = nil) {
    self.name = name
    self.dtype = dtype
    self.description = description
  }
}

/// A table, file or stream of data that jobs read and write and features derive from.
public struct Dataset: Sendable, Hashable, Codable, Identifiable {
  /// The dataset's identifier (`dataset:NAME`).
  public var id: NodeID
  /// Where the data lives: a path relative to the project, a URI, or a warehouse table name.
  public var location: String?
  /// The team or person responsible for it.
  public var owner: String?
  /// What the data is.
  public var description: String?
  /// Its columns, where a source declares them.
  public var schema: [SchemaColumn]
  /// A version pin: a content hash (DVC's md5), a digest, or a version tag. `nil` means unpinned.
  public var versionPin: String?
  /// Other names that sources use for the same data (OpenLineage `namespace/name`, DVC paths).
  public var aliases: [String]
  /// Free-form labels.
  public var tags: [String]
  /// Which sources mentioned this dataset.
  public var provenance: [Provenance]
  /// Extra metadata that sources attach (OpenLineage facets mldebt does not interpret), as
  /// compact JSON by facet name.
  public var facets: [String: String] = [:]

  /// Creates a dataset.
  public init(
    id: NodeID, location: String? = nil, owner: String? = nil, description: String? = nil,
    schema: [SchemaColumn] = [], versionPin: String? = nil, aliases: [String] = [],
    tags: [String] = [], provenance: [Provenance] = []
  ) {
    self.id = id
    self.location = location
    self.owner = owner
    self.description = description
    self.schema = schema
    self.versionPin = versionPin
    self.aliases = aliases
    self.tags = tags
    self.provenance = provenance
  }
}
