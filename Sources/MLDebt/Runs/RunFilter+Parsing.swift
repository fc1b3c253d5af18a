extension RunFilter {
  /// Parses a filter. An empty filter lets every run through.
  ///
  /// Every filter MLflow's `search_runs` accepts is accepted and selects the same runs. On top:
  /// `OR`, parentheses, `NOT`, `IN`/`NOT IN` for params and tags, `~`/`!~` (regular
  /// expressions), numeric `<`/`>` on params and tags. Throws a ``RunFilterError`` that points
  /// at the column where reading failed.
  public static func parse(_ text: String) throws(RunFilterError) -> RunFilter {
    var parser = try RunFilterParser(text)
    return try parser.parseAll()
  }
}

/// A recursive-descent parser over ``RunFilterLexer`` tokens.
///
/// ```
/// filter     := or
/// or         := and ("OR" and)*
/// and        := unary ("AND" unary)*
/// unary      := "NOT" unary | "(" or ")" | comparison
/// comparison := name comparator value
///             | name ["NOT"] "IN" "(" value ("," value)* ")"
///             | name ["NOT"] ("LIKE" | "ILIKE") string
///             | name "IS" ["NOT"] "NULL"
/// ```
struct RunFilterParser {
  private var lexer: RunFilterLexer
  private var token: RunFilterLexer.Token

  init(_ text: String) throws(RunFilterError) {
    lexer = RunFilterLexer(text)
    token = try lexer.next()
  }

  private mutating func advance() throws(RunFilterError) {
    token = try lexer.next()
  }

  private func isKeyword(_ word: String) -> Bool {
    if case .keyword(word) = token.kind { return true }
    return false
  }

  mutating func parseAll() throws(RunFilterError) -> RunFilter {
    if case .end = token.kind { return .everything }
    let filter = try parseOr()
    guard case .end = token.kind else {
      if case .closeParen = token.kind {
        throw RunFilterError(
          column: token.column, message: "this `)` closes no `(`", expected: "AND, OR or the end")
      }
      throw RunFilterError(
        column: token.column, message: "unexpected \(describe(token.kind)) after a comparison",
        expected: "AND, OR or the end of the filter")
    }
    return filter
  }

  private mutating func parseOr() throws(RunFilterError) -> RunFilter {
    var parts = [try parseAnd()]
    while isKeyword("OR") {
      try advance()
      parts.append(try parseAnd())
    }
    return parts.count == 1 ? parts[0] : .any(parts)
  }

  private mutating func parseAnd() throws(RunFilterError) -> RunFilter {
    var parts = [try parseUnary()]
    while isKeyword("AND") {
      try advance()
      parts.append(try parseUnary())
    }
    return parts.count == 1 ? parts[0] : .all(parts)
  }

  private mutating func parseUnary() throws(RunFilterError) -> RunFilter {
    if isKeyword("NOT") {
      try advance()
      return .not(try parseUnary())
    }
    if case .openParen = token.kind {
      let open = token.column
      try advance()
      let inner = try parseOr()
      guard case .closeParen = token.kind else {
        throw RunFilterError(
          column: token.column,
          message: "the `(` at column \(open) is not closed before \(describe(token.kind))",
          expected: "`)`, AND or OR")
      }
      try advance()
      return inner
    }
    return .comparison(try parseComparison())
  }

  private mutating func parseComparison() throws(RunFilterError) -> RunComparison {
    guard case .identifier(let identifier) = token.kind else {
      throw RunFilterError(
        column: token.column, message: "expected a comparison, found \(describe(token.kind))",
        expected: "a name such as metrics.auc, params.C, tags.team, attributes.status or "
          + "dataset.name, or NOT or `(`")
    }
    let nameColumn = token.column
    let target = try identifier.target(at: nameColumn)
    try advance()
    if isKeyword("IS") {
      try advance()
      var comparator = RunComparison.Comparator.isNull
      if isKeyword("NOT") {
        comparator = .isNotNull
        try advance()
      }
      guard isKeyword("NULL") else {
        throw RunFilterError(
          column: token.column, message: "IS must be followed by NULL or NOT NULL",
          expected: "NULL or NOT NULL")
      }
      guard case .column = target else {
        throw RunFilterError(
          column: token.column, message: "IS NULL cannot test a dataset field",
          expected: "a metric, param, tag or attribute")
      }
      try advance()
      return RunComparison(target: target, comparator: comparator, operand: .none)
    }

    let comparatorColumn = token.column
    var comparator: RunComparison.Comparator
    switch token.kind {
    case .comparator(let symbol):
      comparator = Self.comparators[symbol] ?? .equal
      try advance()
    case .keyword("LIKE"):
      comparator = .like
      try advance()
    case .keyword("ILIKE"):
      comparator = .ilike
      try advance()
    case .keyword("IN"):
      comparator = .isIn
      try advance()
    case .keyword("NOT"):
      try advance()
      switch token.kind {
      case .keyword("IN"): comparator = .notIn
      case .keyword("LIKE"): comparator = .like
      case .keyword("ILIKE"): comparator = .ilike
      default:
        throw RunFilterError(
          column: token.column, message: "NOT after a name must be followed by IN, LIKE or ILIKE",
          expected: "IN, LIKE or ILIKE")
      }
      try advance()
      if comparator != .notIn {
        // `x NOT LIKE p` is `NOT (x LIKE p)`, so a run without x still does not match.
        let inner = try finishComparison(target, comparator, comparatorColumn, identifier)
        return RunComparison(
          target: inner.target, comparator: inner.comparator,
          operand: .pattern(Self.negated(inner.operand)))
      }
    default:
      throw RunFilterError(
        column: token.column,
        message: "expected a comparator after `\(identifier.raw)`, found \(describe(token.kind))",
        expected: Self.allowed(for: target).joined(separator: ", "))
    }
    return try finishComparison(target, comparator, comparatorColumn, identifier)
  }

  private static func negated(_ operand: RunComparison.Operand) -> RunPattern {
    guard case .pattern(let pattern) = operand else { preconditionFailure() }
    return pattern.negated()
  }

  private mutating func finishComparison(
    _ target: RunComparison.Target, _ comparator: RunComparison.Comparator,
    _ comparatorColumn: Int, _ identifier: RunFilterLexer.Identifier
  ) throws(RunFilterError) -> RunComparison {
    let allowed = Self.allowed(for: target)
    guard allowed.contains(comparator.rawValue) else {
      throw RunFilterError(
        column: comparatorColumn,
        message:
          "`\(comparator.rawValue)` cannot compare \(Self.kindName(target)) `\(identifier.raw)`",
        expected: allowed.joined(separator: ", "))
    }
    let valueColumn = token.column
    switch comparator {
    case .isIn, .notIn:
      return RunComparison(
        target: target, comparator: comparator, operand: .list(try parseList(target)))
    case .like, .ilike:
      let text = try expectString(target, comparator)
      try advance()
      return RunComparison(
        target: target, comparator: comparator,
        operand: .pattern(RunPattern(like: text, ignoringCase: comparator == .ilike)))
    case .regex, .notRegex:
      let text = try expectString(target, comparator)
      guard let pattern = RunPattern(regex: text) else {
        throw RunFilterError(
          column: valueColumn, message: "`\(text)` is not a valid regular expression",
          expected: "an ICU regular expression such as '^rf-.*'")
      }
      try advance()
      return RunComparison(target: target, comparator: comparator, operand: .pattern(pattern))
    default:
      break
    }
    let numericTarget: Bool =
      switch target {
      case .column(let column): column.isNumeric
      case .dataset: false
      }
    let ordering = [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(comparator)
    switch token.kind {
    case .number(let value, _):
      guard numericTarget || !isDataset(target) else { break }
      if !numericTarget, case .column(.attribute) = target { break }
      try advance()
      return RunComparison(target: target, comparator: comparator, operand: .number(value))
    case .string(let text):
      guard !numericTarget, !ordering else {
        throw RunFilterError(
          column: valueColumn,
          message: "\(Self.kindName(target)) `\(identifier.raw)` is compared with numbers, not "
            + "the quoted string '\(text)'",
          expected: "a number without quotes, such as 0.8")
      }
      try advance()
      return RunComparison(target: target, comparator: comparator, operand: .text(text))
    default:
      break
    }
    throw RunFilterError(
      column: valueColumn,
      message: "expected a value for `\(identifier.raw) \(comparator.rawValue)`, found "
        + describe(token.kind),
      expected: numericTarget
        ? "a number such as 0.8" : "a quoted string such as 'value' or \"value\"")
  }

  private func isDataset(_ target: RunComparison.Target) -> Bool {
    if case .dataset = target { return true }
    return false
  }

  private func expectString(
    _ target: RunComparison.Target, _ comparator: RunComparison.Comparator
  ) throws(RunFilterError) -> String {
    guard case .string(let text) = token.kind else {
      throw RunFilterError(
        column: token.column,
        message: "\(comparator.rawValue) needs a quoted pattern, found \(describe(token.kind))",
        expected: comparator == .regex || comparator == .notRegex
          ? "a quoted regular expression such as '^rf-'" : "a quoted pattern such as 'rf%'")
    }
    return text
  }

  private mutating func parseList(_ target: RunComparison.Target) throws(RunFilterError)
    -> [String]
  {
    guard case .openParen = token.kind else {
      throw RunFilterError(
        column: token.column, message: "IN needs a parenthesized list",
        expected: "a list such as ('FINISHED', 'FAILED')")
    }
    try advance()
    var items: [String] = []
    while true {
      switch token.kind {
      case .string(let text): items.append(text)
      case .number(_, let raw) where !isAttributeOrDataset(target): items.append(raw)
      default:
        throw RunFilterError(
          column: token.column,
          message: "expected a quoted string in the list, found "
            + describe(token.kind), expected: "a quoted string such as 'FINISHED'")
      }
      try advance()
      if case .comma = token.kind {
        try advance()
        continue
      }
      if case .closeParen = token.kind {
        try advance()
        return items
      }
      throw RunFilterError(
        column: token.column,
        message: "expected `,` or `)` in the list, found "
          + describe(token.kind), expected: "`,` or `)`")
    }
  }

  private func isAttributeOrDataset(_ target: RunComparison.Target) -> Bool {
    switch target {
    case .dataset, .column(.attribute): true
    default: false
    }
  }

  static let comparators: [String: RunComparison.Comparator] = [
    "=": .equal, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater,
    ">=": .greaterOrEqual, "~": .regex, "!~": .notRegex,
  ]

  /// The comparators each kind of name accepts: MLflow's, plus the mldebt extensions.
  static func allowed(for target: RunComparison.Target) -> [String] {
    switch target {
    case .column(.metric), .column(.attribute(.startTime)), .column(.attribute(.endTime)),
      .column(.attribute(.duration)):
      ["=", "!=", "<", "<=", ">", ">="]
    case .column(.param), .column(.tag):
      ["=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN", "NOT IN", "~", "!~"]
    case .column(.attribute), .dataset:
      ["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN", "~", "!~"]
    }
  }

  static func kindName(_ target: RunComparison.Target) -> String {
    switch target {
    case .column(.metric): "metric"
    case .column(.param): "param"
    case .column(.tag): "tag"
    case .column(.attribute): "attribute"
    case .dataset: "dataset field"
    }
  }

  private func describe(_ kind: RunFilterLexer.Kind) -> String {
    switch kind {
    case .identifier(let identifier): "the name `\(TerminalText.sanitize(identifier.raw))`"
    case .string(let text): "the string '\(TerminalText.sanitize(text))'"
    case .number(_, let raw): "the number \(raw)"
    case .comparator(let symbol): "`\(symbol)`"
    case .keyword(let word): word
    case .openParen: "`(`"
    case .closeParen: "`)`"
    case .comma: "`,`"
    case .end: "the end of the filter"
    }
  }
}

extension RunFilterLexer.Identifier {
  /// The prefixes MLflow accepts for each kind of name.
  static let metricPrefixes: Set<String> = ["metric", "metrics"]
  static let paramPrefixes: Set<String> = ["param", "params", "parameter", "parameters"]
  static let tagPrefixes: Set<String> = ["tag", "tags"]
  static let attributePrefixes: Set<String> = ["attribute", "attributes", "attr", "run"]
  static let datasetPrefixes: Set<String> = ["dataset", "datasets"]

  /// What the name compares.
  func target(at column: Int) throws(RunFilterError) -> RunComparison.Target {
    if let prefix, Self.datasetPrefixes.contains(prefix) {
      guard let field = RunComparison.DatasetField(rawValue: key) else {
        throw RunFilterError(
          column: column, message: "`\(TerminalText.sanitize(raw))` is not a dataset field",
          expected: "dataset.name, dataset.digest or dataset.context")
      }
      return .dataset(field)
    }
    return .column(try self.column(at: column, bareAttributes: true))
  }

  /// The run column the name stands for. Bare names (no prefix) are attributes where allowed.
  func column(at column: Int, bareAttributes: Bool) throws(RunFilterError) -> RunColumn {
    guard let prefix else {
      if bareAttributes, let attribute = RunAttribute.named(key) { return .attribute(attribute) }
      throw RunFilterError(
        column: column,
        message: "`\(TerminalText.sanitize(raw))` needs a prefix saying what it names",
        expected: "metrics.\(key), params.\(key), tags.\(key) or attributes.\(key)")
    }
    if Self.metricPrefixes.contains(prefix) { return .metric(key) }
    if Self.paramPrefixes.contains(prefix) { return .param(key) }
    if Self.tagPrefixes.contains(prefix) { return .tag(key) }
    if Self.attributePrefixes.contains(prefix) {
      guard let attribute = RunAttribute.named(key) else {
        throw RunFilterError(
          column: column + prefix.count + 1,
          message: "`\(TerminalText.sanitize(key))` is not a run attribute",
          expected: RunAttribute.allCases.map(\.rawValue).joined(separator: ", "))
      }
      return .attribute(attribute)
    }
    throw RunFilterError(
      column: column, message: "`\(TerminalText.sanitize(prefix))` is not a kind of name",
      expected: "metrics., params., tags., attributes. (attr., run.) or dataset.")
  }
}
