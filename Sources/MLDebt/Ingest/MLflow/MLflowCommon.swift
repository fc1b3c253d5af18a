import Foundation
import Yams

/// Names and conversions shared by the MLflow readers (file store, SQLite, tracking server).
public enum MLflowFormat {
  /// The system tag with the run's name.
  public static let runNameTag = "mlflow.runName"
  /// The system tag with the parent run's id, for nested runs.
  public static let parentRunTag = "mlflow.parentRunId"
  /// The system tag with the user who started the run.
  public static let userTag = "mlflow.user"
  /// The input tag that says how a dataset was used (`training`, `evaluation`, …).
  public static let datasetContextTag = "mlflow.data.context"
  /// The model-version stage MLflow gives a version it deleted but still keeps.
  public static let deletedStage = "Deleted_Internal"

  /// A run status from MLflow's integer enum (the file store writes `status: 3`; see
  /// `RunStatus` in `mlflow/protos/service.proto`: 1 RUNNING, 2 SCHEDULED, 3 FINISHED,
  /// 4 FAILED, 5 KILLED) or from its name (the SQL store and the REST API).
  public static func status(_ text: String) -> Run.Status? {
    // What the file store writes: no white space to trim nor case to fold.
    switch text {
    case "1": return .running
    case "2": return .scheduled
    case "3": return .finished
    case "4": return .failed
    case "5": return .killed
    default: break
    }
    return switch text.trimmingCharacters(in: .whitespaces).uppercased() {
    case "1", "RUNNING": .running
    case "2", "SCHEDULED": .scheduled
    case "3", "FINISHED": .finished
    case "4", "FAILED": .failed
    case "5", "KILLED": .killed
    default: nil
    }
  }

  /// The accepted run statuses, for messages.
  public static let statusNames =
    "RUNNING, SCHEDULED, FINISHED, FAILED or KILLED (1 to 5 in meta.yaml)"

  /// A model-version stage as shown: `nil` for MLflow's `None`.
  public static func stage(_ text: String?) -> String? {
    guard let text, !text.isEmpty, text.lowercased() != "none" else { return nil }
    return text
  }

  /// A dataset source as one string: the `uri`, `path`, `url` or table name of MLflow's JSON
  /// dataset source (`{"uri": "data/train.csv"}`), or the text itself when it is not JSON.
  public static func datasetSource(_ raw: String?) -> String? {
    guard let raw, !raw.isEmpty else { return nil }
    guard raw.hasPrefix("{"),
      let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any]
    else { return raw }
    for key in ["uri", "path", "url", "table_name", "delta_table_name", "source"] {
      if let value = object[key] as? String, !value.isEmpty { return value }
    }
    return raw
  }

  /// Fills the fields that MLflow also records as system tags, when the run's own fields are
  /// empty: the name, the user and the parent run.
  static func applySystemTags(_ run: inout Run) {
    if run.name?.isEmpty ?? true { run.name = run.tags[runNameTag] }
    if run.name?.isEmpty ?? false { run.name = nil }
    if run.user?.isEmpty ?? true { run.user = run.tags[userTag] }
    if run.user?.isEmpty ?? false { run.user = nil }
    if let parent = run.tags[parentRunTag], !parent.isEmpty { run.parentRunID = parent }
  }

  /// The counts a contribution reports for `mldebt sources`.
  static func counts(
    experiments: [Experiment], runs: [Run], registeredModels: [RegisteredModel]
  ) -> [String: Int] {
    [
      "experiments": experiments.count,
      "runs": runs.count,
      // Counted in place: a filtered array would retain every deleted run.
      "deleted_runs": runs.reduce(0) { $1.deleted ? $0 + 1 : $0 },
      "registered_models": registeredModels.count,
      "model_versions": registeredModels.reduce(0) { $0 + $1.versions.count },
    ]
  }
}

/// A value of a file store's `meta.yaml`: a scalar, null, or (from the YAML parser) a nested
/// list or mapping.
struct MLflowMetaValue {
  /// The scalar's text; `nil` for null and for a list or mapping.
  var scalar: String?
  /// Whether the value is YAML null (`null`, `~` or nothing).
  var isNull: Bool
  /// The 1-based line and column of the value.
  var line: Int?
  var column: Int?
  /// The key path (`tags.owner`).
  var keyPath: String
  /// The YAML node, when the file went through the YAML parser; nested values need it.
  var cursor: YAMLCursor?

  init(cursor: YAMLCursor) {
    self.cursor = cursor
    isNull = cursor.isNull
    if case .scalar(let scalar) = cursor.node, !cursor.isNull { self.scalar = scalar.string }
    line = cursor.line
    column = cursor.column
    keyPath = cursor.keyPath
  }

  init(scalar: String?, line: Int, column: Int, keyPath: String) {
    self.scalar = scalar
    isNull = scalar == nil
    self.line = line
    self.column = column
    self.keyPath = keyPath
  }

  /// The entries of a mapping value; an empty list for anything else.
  func children(_ sink: inout DiagnosticSink) -> [(key: String, value: MLflowMetaValue)] {
    guard let cursor, case .mapping = cursor.node else { return [] }
    return (cursor.mapping(&sink) ?? []).map { ($0.key, MLflowMetaValue(cursor: $0.value)) }
  }

  /// Records a diagnostic at this value.
  func report(
    _ severity: Diagnostic.Severity, _ message: String, expected: String? = nil,
    hint: String? = nil, into sink: inout DiagnosticSink
  ) {
    sink.report(
      severity, line: line, column: column, keyPath: keyPath.isEmpty ? nil : keyPath, message,
      expected: expected, hint: hint)
  }

  /// A short name for the value's shape, for messages.
  var shapeName: String {
    if let cursor { return cursor.shapeName }
    if let scalar { return scalar.isEmpty ? "an empty value" : "the value `\(scalar)`" }
    return "a list or mapping"
  }
}

/// A small YAML file of the file store (`meta.yaml`), read into its top-level mapping.
///
/// MLflow writes these with PyYAML's `safe_dump`: flat `key: value` lines for runs and model
/// versions. Such a file is read by a fast line parser (a large store has one per run); anything
/// it does not recognise (nesting, double quotes, block scalars, flow collections other than
/// `[]` and `{}`, duplicate keys) goes through the YAML parser, which also locates errors.
enum MLflowMetaFile {
  /// What reading gave.
  enum Outcome {
    /// The top-level entries.
    case entries([(key: String, value: MLflowMetaValue)])
    /// The file does not exist.
    case missing
    /// The file is empty (MLflow itself retries such a read: a write may be under way).
    case empty
    /// The file could not be read or parsed; the diagnostics say why.
    case failed
  }

  /// Reads and parses a `meta.yaml`. A top level that is not a mapping gives a warning that
  /// names `what` and says it is skipped.
  static func read(
    _ absolute: String, limit: Int, sink: inout DiagnosticSink, what: String
  ) -> Outcome {
    read(in: AT_FDCWD, absolute, path: absolute, limit: limit, sink: &sink, what: what)
  }

  /// ``read(_:limit:sink:what:)`` of the file `name` inside the open folder `folder`; `path` is
  /// its path for messages.
  static func read(
    in folder: Int32, _ name: String, path: String, limit: Int, sink: inout DiagnosticSink,
    what: String
  ) -> Outcome {
    let text: String
    switch MLflowDirectory.readText(in: folder, name, path: path, limit: limit) {
    case .failure(.missing): return .missing
    case .failure(let error):
      sink.append(error.diagnostic(source: sink.source, file: sink.file))
      return .failed
    case .success(let read): text = read
    }
    if isBlank(text) { return .empty }
    if let entries = flatEntries(text) { return .entries(entries) }
    guard let root = YAMLParsing.parse(text, sink: &sink) else { return .failed }
    let cursor = YAMLCursor(root: root)
    guard case .mapping = root else {
      sink.report(
        .warning, line: cursor.line ?? 1, column: cursor.column ?? 1,
        "the top level is \(cursor.shapeName), not a mapping; \(what) is skipped",
        expected: "a mapping of `key: value` lines, as MLflow writes",
        hint: "restore the file from MLflow, or remove the folder if it is not needed")
      return .failed
    }
    return .entries(
      (cursor.mapping(&sink) ?? []).map { ($0.key, MLflowMetaValue(cursor: $0.value)) })
  }

  /// `text.allSatisfy(\.isWhitespace)`, answered at the first byte when that is ASCII and not
  /// white space (a character's white space is its first scalar's).
  static func isBlank(_ text: String) -> Bool {
    if let first = text.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) {
      return false
    }
    return text.allSatisfy(\.isWhitespace)
  }

  /// The entries of a file of flat `key: value` lines, or `nil` when the file holds anything
  /// else (then the YAML parser reads it).
  static func flatEntries(_ text: String) -> [(key: String, value: MLflowMetaValue)]? {
    var text = text
    // Without a carriage return or a byte past ASCII, every byte is a character.
    if text.withUTF8({ $0.allSatisfy { $0 < 0x80 && $0 != 0x0D } }) {
      return text.withUTF8 { flatASCIIEntries($0) }
    }
    return flatCharacterEntries(text)
  }

  /// ``flatEntries(_:)`` of text that is ASCII without a carriage return (MLflow's own files),
  /// over bytes: what ``flatCharacterEntries(_:)`` gives for such text.
  static func flatASCIIEntries(_ bytes: UnsafeBufferPointer<UInt8>) -> [(
    key: String, value: MLflowMetaValue
  )]? {
    func string(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
    func isKeyByte(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        || byte == 0x5F || byte == 0x2D || byte == 0x2E
    }
    var entries: [(key: String, value: MLflowMetaValue)] = []
    entries.reserveCapacity(16)
    var lineNumber = 0
    var lineStart = 0
    let count = bytes.count
    // `split(separator: "\n", omittingEmptySubsequences: false)`: the lines between newlines,
    // the last one after the last newline (empty when the text ends with one).
    while lineStart <= count {
      var lineEnd = lineStart
      while lineEnd < count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      lineNumber += 1
      if lineEnd == lineStart || bytes[lineStart] == 0x23 { continue }
      var colon = lineStart
      while colon < lineEnd && bytes[colon] != 0x3A { colon += 1 }
      guard colon < lineEnd, colon > lineStart else { return nil }
      for index in lineStart..<colon where !isKeyByte(bytes[index]) { return nil }
      let key = string(lineStart..<colon)
      // Keys are few: a linear search for a duplicate is cheaper than a set.
      for entry in entries where entry.key == key { return nil }
      var restStart = colon + 1
      if restStart < lineEnd {
        guard bytes[restStart] == 0x20 else { return nil }
        while restStart < lineEnd && bytes[restStart] == 0x20 { restStart += 1 }
      }
      let column = restStart - lineStart + 1
      let rest = UnsafeBufferPointer(rebasing: bytes[restStart..<lineEnd])
      let value: String?
      if rest.isEmpty || isNullWord(rest) {
        value = nil
      } else if rest.count == 2
        && ((rest[0], rest[1]) == (0x5B, 0x5D) || (rest[0], rest[1]) == (0x7B, 0x7D))
      {
        // An empty list or mapping: nothing to read, and nothing a scalar reader wants.
        var empty = MLflowMetaValue(scalar: nil, line: lineNumber, column: column, keyPath: key)
        empty.isNull = false
        entries.append((key, empty))
        continue
      } else if rest[0] == 0x27 {
        guard rest.count >= 2, rest[rest.count - 1] == 0x27 else { return nil }
        let inner = (restStart + 1)..<(lineEnd - 1)
        if !bytes[inner].contains(0x27) {
          value = string(inner)
        } else {
          // Every run of quotes inside must be of doubled quotes, each pair standing for one.
          var unquoted: [UInt8] = []
          unquoted.reserveCapacity(inner.count)
          var index = inner.lowerBound
          while index < inner.upperBound {
            if bytes[index] == 0x27 {
              guard index + 1 < inner.upperBound, bytes[index + 1] == 0x27 else {
                return nil
              }
              index += 1
            }
            unquoted.append(bytes[index])
            index += 1
          }
          value = String(decoding: unquoted, as: UTF8.self)
        }
      } else {
        guard !plainStarters.contains(rest[0]), !hasPair(rest, 0x3A, 0x20),
          !hasPair(rest, 0x20, 0x23), rest[rest.count - 1] != 0x3A, !rest.contains(0x09)
        else { return nil }
        var end = lineEnd
        while end > restStart && bytes[end - 1] == 0x20 { end -= 1 }
        value = string(restStart..<end)
      }
      entries.append(
        (key, MLflowMetaValue(scalar: value, line: lineNumber, column: column, keyPath: key)))
    }
    return entries.isEmpty ? nil : entries
  }

  /// The first characters that make a value more than a plain scalar for the line parsers.
  private static let plainStarters = Array("\"{[&*!|>%@`#-?,]".utf8)

  /// Whether bytes are `null`, `Null`, `NULL` or `~`.
  private static func isNullWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    switch bytes.count {
    case 1: return bytes[0] == 0x7E
    case 4:
      let word = (bytes[0], bytes[1], bytes[2], bytes[3])
      return word == (0x6E, 0x75, 0x6C, 0x6C) || word == (0x4E, 0x75, 0x6C, 0x6C)
        || word == (0x4E, 0x55, 0x4C, 0x4C)
    default: return false
    }
  }

  /// Whether bytes hold `first` and `second` next to each other.
  private static func hasPair(_ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ second: UInt8)
    -> Bool
  {
    var previous: UInt8 = 0
    for byte in bytes {
      if previous == first && byte == second { return true }
      previous = byte
    }
    return false
  }

  /// ``flatEntries(_:)`` by characters, for any text.
  static func flatCharacterEntries(_ text: String) -> [(key: String, value: MLflowMetaValue)]? {
    var entries: [(key: String, value: MLflowMetaValue)] = []
    var keys: Set<String> = []
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = rawLine
      if line.last == "\r" { line = line.dropLast() }
      if line.isEmpty || line.first == "#" { continue }
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let key = line[..<colon]
      guard !key.isEmpty,
        key.utf8.allSatisfy({
          ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x5F
            || $0 == 0x2D || $0 == 0x2E
        }),
        keys.insert(String(key)).inserted
      else { return nil }
      var rest = line[line.index(after: colon)...]
      if !rest.isEmpty {
        guard rest.first == " " else { return nil }
        rest = rest.drop { $0 == " " }
      }
      let column = line.distance(from: line.startIndex, to: rest.startIndex) + 1
      let value: String?
      if rest.isEmpty || ["null", "Null", "NULL", "~"].contains(rest) {
        value = nil
      } else if rest == "[]" || rest == "{}" {
        // An empty list or mapping: nothing to read, and nothing a scalar reader wants.
        var empty = MLflowMetaValue(
          scalar: nil, line: lineNumber, column: column, keyPath: String(key))
        empty.isNull = false
        entries.append((String(key), empty))
        continue
      } else if rest.first == "'" {
        guard rest.count >= 2, rest.last == "'" else { return nil }
        let inner = rest.dropFirst().dropLast()
        // A lone quote inside means the scalar goes on in a way this parser does not follow.
        if !inner.utf8.contains(0x27) {
          value = String(inner)
        } else {
          guard inner.replacingOccurrences(of: "''", with: "").firstIndex(of: "'") == nil else {
            return nil
          }
          value = inner.replacingOccurrences(of: "''", with: "'")
        }
      } else {
        guard let first = rest.first, !"\"{[&*!|>%@`#-?,]".contains(first),
          !hasPair(rest, 0x3A, 0x20), !hasPair(rest, 0x20, 0x23), rest.last != ":",
          !rest.utf8.contains(0x09)
        else { return nil }
        var end = rest.endIndex
        while end > rest.startIndex && rest[rest.index(before: end)] == " " {
          end = rest.index(before: end)
        }
        value = String(rest[..<end])
      }
      entries.append(
        (
          String(key),
          MLflowMetaValue(scalar: value, line: lineNumber, column: column, keyPath: String(key))
        ))
    }
    return entries.isEmpty ? nil : entries
  }

  /// Whether `text` holds the two ASCII bytes `first` and `second` next to each other (what
  /// `contains(": ")` asks, without Foundation's bridged search).
  private static func hasPair(_ text: Substring, _ first: UInt8, _ second: UInt8) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if previous == first && byte == second { return true }
      previous = byte
    }
    return false
  }

  /// A scalar's text; `nil` for YAML null. A list or mapping gives an error diagnostic.
  static func text(_ value: MLflowMetaValue, _ sink: inout DiagnosticSink) -> String? {
    if value.isNull { return nil }
    if let scalar = value.scalar { return scalar }
    value.report(
      .error, "found \(value.shapeName) where a text value belongs",
      expected: "a text value", into: &sink)
    return nil
  }

  /// A scalar as a whole number; `nil` for YAML null. Anything else gives a warning.
  static func integer(_ value: MLflowMetaValue, _ sink: inout DiagnosticSink) -> Int64? {
    if value.isNull { return nil }
    if let scalar = value.scalar, let number = Int64(scalar) { return number }
    if let scalar = value.scalar, let number = Double(scalar), number == number.rounded(),
      abs(number) < 9e18
    {
      return Int64(number)
    }
    value.report(
      .warning, "found \(value.shapeName) where a whole number belongs; it is ignored",
      expected: "milliseconds since the epoch", into: &sink)
    return nil
  }
}
