import Yams

/// A position in a YAML tree: a node and the key path that led to it.
///
/// Readers use cursors to pull typed values out of YAML. Every accessor that finds the wrong
/// shape records a diagnostic with the node's line, column and key path, then returns `nil`,
/// so one bad entry never stops the rest of the file from loading.
public struct YAMLCursor {
  /// The node.
  public let node: Yams.Node
  /// The key path from the document root, such as `features[2].owner`.
  public let keyPath: String

  /// A budget on nodes visited, shared by all cursors of one document, against alias bombs.
  final class Budget {
    let limit: Int
    var remaining: Int
    init(_ limit: Int) {
      self.limit = limit
      remaining = limit
    }
  }
  let budget: Budget

  /// The default node budget of one document (`--max-yaml-nodes`, ``LoadOptions/maxYAMLNodes``).
  public static let defaultMaxNodes = 1_000_000

  /// Creates a cursor at the root of a document, allowing at most `maxNodes` node visits.
  public init(root: Yams.Node, maxNodes: Int = defaultMaxNodes) {
    self.init(node: root, keyPath: "", budget: Budget(maxNodes))
  }

  /// Where the key that led to this node stands, for nodes reached through a mapping.
  public private(set) var keyMark: Mark?

  init(node: Yams.Node, keyPath: String, budget: Budget, keyMark: Mark? = nil) {
    self.node = node
    self.keyPath = keyPath
    self.budget = budget
    self.keyMark = keyMark
  }

  /// The node's 1-based line.
  public var line: Int? { node.mark?.line }
  /// The node's 1-based column.
  public var column: Int? { node.mark?.column }

  /// Whether the node is YAML null (`~`, `null`, or empty).
  public var isNull: Bool {
    node.null != nil
  }

  /// Records a diagnostic at this node.
  public func report(
    _ severity: Diagnostic.Severity, _ message: String, expected: String? = nil,
    hint: String? = nil, into sink: inout DiagnosticSink
  ) {
    sink.report(
      severity, line: line, column: column, keyPath: keyPath.isEmpty ? nil : keyPath, message,
      expected: expected, hint: hint)
  }

  /// Records a diagnostic at the key that led to this node (for unknown or misplaced keys).
  public func reportAtKey(
    _ severity: Diagnostic.Severity, _ message: String, expected: String? = nil,
    hint: String? = nil, into sink: inout DiagnosticSink
  ) {
    sink.report(
      severity, line: keyMark?.line ?? line, column: keyMark?.column ?? column,
      keyPath: keyPath.isEmpty ? nil : keyPath, message, expected: expected, hint: hint)
  }

  /// A short name for the node's shape, for messages.
  public var shapeName: String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .scalar(let scalar):
      scalar.string.isEmpty ? "an empty value" : "the value `\(scalar.string)`"
    case .alias: "an alias"
    }
  }

  private func spend(_ sink: inout DiagnosticSink) -> Bool {
    budget.remaining -= 1
    if budget.remaining == 0 {
      report(
        .error, "the document expands to too many nodes (an alias bomb?); the rest is skipped",
        expected: "at most \(budget.limit) nodes after aliases are expanded",
        hint:
          "remove the anchors and aliases that multiply the document, or raise the limit with --max-yaml-nodes",
        into: &sink)
    }
    return budget.remaining > 0
  }

  /// The entries of a mapping, in document order, each with its key's cursor position.
  /// Records an error and returns `nil` when the node is not a mapping.
  public func mapping(_ sink: inout DiagnosticSink, expected: String = "a mapping")
    -> [(key: String, value: YAMLCursor)]?
  {
    guard case .mapping(let mapping) = node else {
      report(
        .error, "found \(shapeName) where \(expected) belongs", expected: expected, into: &sink)
      return nil
    }
    var entries: [(key: String, value: YAMLCursor)] = []
    for (key, value) in mapping {
      guard spend(&sink) else { return entries }
      let name = key.string ?? "\(key)"
      let path = keyPath.isEmpty ? name : "\(keyPath).\(name)"
      entries.append(
        (name, YAMLCursor(node: value, keyPath: path, budget: budget, keyMark: key.mark)))
    }
    return entries
  }

  /// The items of a list. Records an error and returns `nil` when the node is not a list.
  public func sequence(_ sink: inout DiagnosticSink, expected: String = "a list") -> [YAMLCursor]? {
    guard case .sequence(let sequence) = node else {
      report(
        .error, "found \(shapeName) where \(expected) belongs", expected: expected, into: &sink)
      return nil
    }
    var items: [YAMLCursor] = []
    for (index, item) in sequence.enumerated() {
      guard spend(&sink) else { return items }
      items.append(YAMLCursor(node: item, keyPath: "\(keyPath)[\(index)]", budget: budget))
    }
    return items
  }

  /// The scalar's text. Records an error and returns `nil` for a mapping or list.
  public func string(_ sink: inout DiagnosticSink, expected: String = "a text value") -> String? {
    guard case .scalar(let scalar) = node else {
      report(
        .error, "found \(shapeName) where \(expected) belongs", expected: expected, into: &sink)
      return nil
    }
    return scalar.string
  }

  /// The scalar as a number. Records an error and returns `nil` otherwise.
  public func double(_ sink: inout DiagnosticSink, expected: String = "a number") -> Double? {
    if case .scalar(let scalar) = node, let value = NumberParsing.double(scalar.string) {
      return value
    }
    report(.error, "found \(shapeName) where \(expected) belongs", expected: expected, into: &sink)
    return nil
  }

  /// The scalar as a whole number. Records an error and returns `nil` otherwise.
  public func int(_ sink: inout DiagnosticSink, expected: String = "a whole number") -> Int? {
    if case .scalar(let scalar) = node, let value = Int(scalar.string) { return value }
    report(.error, "found \(shapeName) where \(expected) belongs", expected: expected, into: &sink)
    return nil
  }

  /// The scalar as a boolean (`true`/`false`, `yes`/`no`, `on`/`off`).
  public func bool(_ sink: inout DiagnosticSink, expected: String = "true or false") -> Bool? {
    if case .scalar(let scalar) = node {
      switch scalar.string.lowercased() {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default: break
      }
    }
    report(.error, "found \(shapeName) where \(expected) belongs", expected: expected, into: &sink)
    return nil
  }

  /// A list of text values; a single text value is taken as a list of one.
  public func strings(_ sink: inout DiagnosticSink, expected: String = "a list of text values")
    -> [String]?
  {
    if case .scalar(let scalar) = node { return scalar.string.isEmpty ? [] : [scalar.string] }
    guard let items = sequence(&sink, expected: expected) else { return nil }
    return items.compactMap { $0.string(&sink, expected: "a text value") }
  }
}
