/// A column of the run table: a run attribute, a metric, a parameter or a tag.
///
/// Columns are written the way MLflow's search syntax names them: `metrics.auc`,
/// `params.learning_rate`, `tags.team`, `attributes.start_time` (or `attr.`, `run.`, or a bare
/// attribute name such as `status`). Names with special characters go in backticks or double
/// quotes: ``tags.`mlflow.runName` ``, `params."model-type"`.
public enum RunColumn: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A field of the run itself.
  case attribute(RunAttribute)
  /// The latest value of a metric.
  case metric(String)
  /// A logged parameter.
  case param(String)
  /// A tag.
  case tag(String)

  /// The column's canonical name (`metrics.auc`, ``tags.`mlflow.runName` ``, `status`).
  public var description: String {
    switch self {
    case .attribute(let attribute): attribute.rawValue
    case .metric(let key): "metrics." + Self.quoted(key)
    case .param(let key): "params." + Self.quoted(key)
    case .tag(let key): "tags." + Self.quoted(key)
    }
  }

  /// A short header for tables: the key without its prefix.
  public var header: String {
    switch self {
    case .attribute(let attribute): attribute.rawValue
    case .metric(let key), .param(let key), .tag(let key): key
    }
  }

  /// Whether the column holds numbers (metrics and the time attributes).
  public var isNumeric: Bool {
    switch self {
    case .attribute(let attribute): attribute.isNumeric
    case .metric: true
    case .param, .tag: false
    }
  }

  /// The column's value in a run, or `nil` when the run has none.
  public func value(in run: Run) -> RunValue? {
    switch self {
    case .attribute(let attribute): attribute.value(in: run)
    case .metric(let key): run.metric(key).map(RunValue.number)
    case .param(let key): run.params[key].map(RunValue.text)
    case .tag(let key): run.tags[key].map(RunValue.text)
    }
  }

  /// Parses a column name (`metrics.auc`, `params."a b"`, `status`, `attr.start_time`).
  ///
  /// Throws a ``RunFilterError`` pointing at the place that is not a column.
  public static func parse(_ text: String) throws(RunFilterError) -> RunColumn {
    var lexer = RunFilterLexer(text)
    let token = try lexer.next()
    guard case .identifier(let identifier) = token.kind else {
      throw RunFilterError(
        column: token.column, message: "`\(text)` is not a column",
        expected: "a column such as metrics.auc, params.C, tags.team or start_time")
    }
    let end = try lexer.next()
    guard case .end = end.kind else {
      throw RunFilterError(
        column: end.column, message: "unexpected text after the column name",
        expected: "one column name")
    }
    return try identifier.column(at: token.column, bareAttributes: true)
  }

  static func quoted(_ key: String) -> String {
    let plain = key.unicodeScalars.allSatisfy {
      ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_"
    }
    guard plain, let first = key.unicodeScalars.first, !("0"..."9").contains(first) else {
      return "`" + key + "`"
    }
    return key
  }
}

/// The fields of a run that filters and sorting can name (`attributes.<name>`).
public enum RunAttribute: String, Sendable, Hashable, Codable, CaseIterable {
  /// The run id.
  case runID = "run_id"
  /// The run's name (MLflow's `mlflow.runName`).
  case runName = "run_name"
  /// The experiment id.
  case experimentID = "experiment_id"
  /// The status (`FINISHED`, `FAILED`, …).
  case status
  /// The user who started the run.
  case userID = "user_id"
  /// Where its artifacts are stored.
  case artifactURI = "artifact_uri"
  /// Start time in milliseconds since the epoch (MLflow also calls it `created`).
  case startTime = "start_time"
  /// End time in milliseconds since the epoch.
  case endTime = "end_time"
  /// Run time in milliseconds (end minus start); an mldebt extension.
  case duration
  /// The parent run's id (`mlflow.parentRunId`); an mldebt extension.
  case parentRunID = "parent_run_id"

  /// Finds an attribute by the name a filter uses (MLflow's `created` and `Created` included).
  public static func named(_ name: String) -> RunAttribute? {
    if name == "created" || name == "Created" { return .startTime }
    if name == "run name" || name == "Run name" || name == "Run Name" { return .runName }
    return RunAttribute(rawValue: name)
  }

  /// Whether the attribute holds a number (times and durations).
  public var isNumeric: Bool {
    switch self {
    case .startTime, .endTime, .duration: true
    default: false
    }
  }

  /// The attribute's value in a run.
  public func value(in run: Run) -> RunValue? {
    switch self {
    case .runID: .text(run.id)
    case .runName: run.name.map(RunValue.text)
    case .experimentID: .text(run.experimentID)
    case .status: .text(run.status.rawValue)
    case .userID: run.user.map(RunValue.text)
    case .artifactURI: run.artifactURI.map(RunValue.text)
    case .startTime: run.startTime.map { .number(Double($0)) }
    case .endTime: run.endTime.map { .number(Double($0)) }
    case .duration: run.durationMilliseconds.map { .number(Double($0)) }
    case .parentRunID: run.parentRunID.map(RunValue.text)
    }
  }
}

/// A value in a run column: a number or a text.
public enum RunValue: Sendable, Hashable, Codable, CustomStringConvertible {
  /// A number (metrics, times).
  case number(Double)
  /// A text (params, tags, names).
  case text(String)

  /// The value as a number: numbers as they are, texts when they parse as a number.
  public var number: Double? {
    switch self {
    case .number(let value): value
    case .text(let text): Double(text.trimmingCharacters(in: .whitespaces))
    }
  }

  /// The value as text, numbers written the shortest way that reads back the same.
  public var text: String {
    switch self {
    case .number(let value): RunValue.format(value)
    case .text(let text): text
    }
  }

  /// The value as text.
  public var description: String { text }

  /// Writes a number the shortest way (`0.81`, `200`, `1.5e-07`, `NaN`).
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// Orders two values the way the run table sorts: numbers numerically, texts that are both
  /// numbers numerically, other texts by their characters; NaN after every number.
  public static func ascending(_ lhs: RunValue, _ rhs: RunValue) -> Bool {
    ascending(lhs.number, lhs.text, rhs.number, rhs.text)
  }

  /// ``ascending(_:_:)`` of two values given as their ``number`` and ``text`` (read only when
  /// needed), so that a sort can work them out once per value.
  static func ascending(
    _ leftNumber: Double?, _ leftText: @autoclosure () -> String, _ rightNumber: Double?,
    _ rightText: @autoclosure () -> String
  ) -> Bool {
    if let left = leftNumber, let right = rightNumber {
      if left.isNaN || right.isNaN { return !left.isNaN && right.isNaN }
      if left != right { return left < right }
    }
    return leftText() < rightText()
  }
}

extension Run {
  /// The run time in milliseconds, when both ends are recorded.
  public var durationMilliseconds: Int64? {
    guard let start = startTime, let end = endTime, end >= start else { return nil }
    return end - start
  }
}
