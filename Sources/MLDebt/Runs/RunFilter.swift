import Foundation

/// A parsed run filter: MLflow's search syntax plus `OR`, parentheses, `NOT`, `IN` for params
/// and tags, and regular expressions with `~`.
///
/// Parse one with ``RunFilter/parse(_:)`` and test runs with ``RunFilter/matches(_:)``.
/// docs/runs.md describes the grammar with examples.
public indirect enum RunFilter: Sendable {
  /// Every part holds.
  case all([RunFilter])
  /// At least one part holds.
  case any([RunFilter])
  /// The part does not hold.
  case not(RunFilter)
  /// One comparison.
  case comparison(RunComparison)

  /// The filter that lets every run through.
  public static let everything = RunFilter.all([])

  /// Whether a run passes the filter.
  public func matches(_ run: Run) -> Bool {
    switch self {
    case .all(let parts):
      for part in parts where !part.matches(run) { return false }
      return true
    case .any(let parts):
      for part in parts where part.matches(run) { return true }
      return false
    case .not(let part): return !part.matches(run)
    case .comparison(let comparison): return comparison.matches(run)
    }
  }
}

/// One comparison of a filter: a column (or a dataset field), a comparator and a value.
public struct RunComparison: Sendable {
  /// What is compared.
  public enum Target: Sendable, Hashable {
    /// A run column.
    case column(RunColumn)
    /// A field of the run's dataset inputs; a run matches if any of its inputs does.
    case dataset(DatasetField)
  }

  /// The dataset fields a filter can name (`dataset.name`, `dataset.digest`, `dataset.context`).
  public enum DatasetField: String, Sendable, Hashable, CaseIterable {
    /// The dataset's name.
    case name
    /// Its content digest.
    case digest
    /// The input's context (`training`, `evaluation`).
    case context
  }

  /// How the value is compared.
  public enum Comparator: String, Sendable, Hashable {
    /// `=`
    case equal = "="
    /// `!=` (or `<>`)
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// SQL `LIKE` (`%` any text, `_` one character), case-sensitive.
    case like = "LIKE"
    /// `ILIKE`: `LIKE` ignoring case.
    case ilike = "ILIKE"
    /// `IN (…)`
    case isIn = "IN"
    /// `NOT IN (…)`
    case notIn = "NOT IN"
    /// `~`: the regular expression matches somewhere in the value.
    case regex = "~"
    /// `!~`: the regular expression matches nowhere in the value.
    case notRegex = "!~"
    /// `IS NULL`: the run has no such value.
    case isNull = "IS NULL"
    /// `IS NOT NULL`: the run has the value.
    case isNotNull = "IS NOT NULL"
  }

  /// What is compared with.
  public enum Operand: Sendable {
    /// A number.
    case number(Double)
    /// A text.
    case text(String)
    /// A list (for `IN`).
    case list([String])
    /// A compiled pattern (for `LIKE`, `ILIKE`, `~`).
    case pattern(RunPattern)
    /// Nothing (for `IS NULL`).
    case none
  }

  /// What is compared.
  public var target: Target
  /// How.
  public var comparator: Comparator
  /// With what.
  public var operand: Operand

  /// Creates a comparison.
  public init(target: Target, comparator: Comparator, operand: Operand) {
    self.target = target
    self.comparator = comparator
    self.operand = operand
  }

  /// Whether a run passes; a run without the column never passes (as in MLflow, even for `!=`).
  public func matches(_ run: Run) -> Bool {
    switch target {
    case .column(let column):
      let value = column.value(in: run)
      if comparator == .isNull { return value == nil }
      if comparator == .isNotNull { return value != nil }
      guard let value else { return false }
      return test(value)
    case .dataset(let field):
      for input in run.inputs {
        let text: String? =
          switch field {
          case .name: input.name
          case .digest: input.digest
          case .context: input.context
          }
        if let text, test(.text(text)) { return true }
      }
      return false
    }
  }

  private func test(_ value: RunValue) -> Bool {
    switch operand {
    case .number(let number):
      guard let actual = value.number else { return false }
      switch comparator {
      case .equal: return actual == number
      case .notEqual: return actual != number
      case .less: return actual < number
      case .lessOrEqual: return actual <= number
      case .greater: return actual > number
      case .greaterOrEqual: return actual >= number
      default: return false
      }
    case .text(let text):
      switch comparator {
      case .equal: return value.text == text
      case .notEqual: return value.text != text
      default: return false
      }
    case .list(let items):
      let contained = items.contains(value.text)
      return comparator == .isIn ? contained : !contained
    case .pattern(let pattern):
      let found = pattern.matches(value.text)
      return comparator == .notRegex ? !found : found
    case .none:
      return false
    }
  }
}

/// A compiled text pattern: SQL `LIKE`/`ILIKE` (whole value) or a regular expression (anywhere).
public struct RunPattern: @unchecked Sendable {
  // NSRegularExpression is immutable and documented as safe to share between threads.
  private let expression: NSRegularExpression
  /// The pattern as written.
  public let source: String
  /// Whether the pattern is inverted (`NOT LIKE`): it then matches what it would not.
  public private(set) var inverted = false

  /// Compiles a `LIKE` pattern: `%` matches any text, `_` one character, the rest literally.
  public init(like pattern: String, ignoringCase: Bool) {
    var regex = "^"
    for character in pattern {
      switch character {
      case "%": regex += ".*"
      case "_": regex += "."
      default: regex += NSRegularExpression.escapedPattern(for: String(character))
      }
    }
    regex += "$"
    let options: NSRegularExpression.Options =
      ignoringCase ? [.caseInsensitive, .dotMatchesLineSeparators] : [.dotMatchesLineSeparators]
    // An escaped pattern always compiles.
    expression = try! NSRegularExpression(pattern: regex, options: options)
    source = pattern
  }

  /// Compiles a regular expression (ICU syntax); `nil` when it is not valid.
  public init?(regex pattern: String) {
    guard let compiled = try? NSRegularExpression(pattern: pattern) else { return nil }
    expression = compiled
    source = pattern
  }

  /// Whether the pattern matches the text.
  public func matches(_ text: String) -> Bool {
    let range = NSRange(text.startIndex..., in: text)
    return (expression.firstMatch(in: text, range: range) != nil) != inverted
  }

  /// The same pattern, inverted.
  public func negated() -> RunPattern {
    var copy = self
    copy.inverted.toggle()
    return copy
  }
}
