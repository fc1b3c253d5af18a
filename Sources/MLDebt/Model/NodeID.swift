/// The kinds of node in a project's lineage graph.
///
/// The raw value is the prefix of a ``NodeID``'s text form, as in `feature:age`.
public enum NodeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// A table, file or stream of data.
  case dataset
  /// One column of a dataset, where a source records column-level lineage.
  case column
  /// A model input, usually declared in the manifest or a feature store.
  case feature
  /// A trained model.
  case model
  /// A service, team or job that reads a model's output or a dataset.
  case consumer
  /// A pipeline stage or scheduled job that reads and writes datasets.
  case job

  /// Orders kinds the way they flow through an ML system: data, features, jobs, models, consumers.
  public static func < (lhs: NodeKind, rhs: NodeKind) -> Bool {
    lhs.flowOrder < rhs.flowOrder
  }

  private var flowOrder: Int {
    switch self {
    case .dataset: 0
    case .column: 1
    case .feature: 2
    case .job: 3
    case .model: 4
    case .consumer: 5
    }
  }
}

/// A typed identifier of a node, written `kind:name` (for example `dataset:loans_raw`).
///
/// Two nodes with the same kind and name are the same node, whichever source mentioned them.
public struct NodeID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// What kind of node this is.
  public let kind: NodeKind
  /// The node's name, unique within its kind.
  public let name: String

  /// Creates an identifier from a kind and a name.
  public init(_ kind: NodeKind, _ name: String) {
    self.kind = kind
    self.name = name
  }

  /// Parses `kind:name`. Returns `nil` when the prefix is not a known kind or the name is empty.
  public init?(parsing text: String) {
    guard let colon = text.firstIndex(of: ":") else { return nil }
    guard let kind = NodeKind(rawValue: String(text[..<colon])) else { return nil }
    let name = String(text[text.index(after: colon)...])
    guard !name.isEmpty else { return nil }
    self.init(kind, name)
  }

  /// Parses `kind:name`, or takes a bare name as a node of `defaultKind`.
  public init?(parsing text: String, defaultKind: NodeKind) {
    if let id = NodeID(parsing: text) {
      self = id
    } else if !text.isEmpty, NodeKind.allCases.allSatisfy({ !text.hasPrefix($0.rawValue + ":") }) {
      self.init(defaultKind, text)
    } else {
      return nil
    }
  }

  /// The text form, `kind:name`.
  public var description: String { "\(kind.rawValue):\(name)" }

  /// Orders by kind first, then by name.
  public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
    lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.name < rhs.name
  }

  /// Encodes as the text form, so JSON shows `"feature:age"`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  /// Decodes from the text form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let id = NodeID(parsing: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected kind:name, got \(text)")
    }
    self = id
  }
}
