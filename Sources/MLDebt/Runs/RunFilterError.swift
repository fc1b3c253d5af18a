/// Why a run filter or column name could not be read, and where.
public struct RunFilterError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The 1-based column (in characters) of the filter where reading failed.
  public var column: Int
  /// What is wrong.
  public var message: String
  /// What would have been accepted there.
  public var expected: String

  /// Creates an error at a column.
  public init(column: Int, message: String, expected: String) {
    self.column = column
    self.message = message
    self.expected = expected
  }

  /// `column N: message (expected …)`.
  public var description: String { "column \(column): \(message) (expected \(expected))" }

  /// The filter on one line and a caret under the failing column, for terminals.
  public func pointer(in filter: String) -> String {
    let shown = TerminalText.sanitize(filter)
    let prefix = String(filter.prefix(max(0, column - 1)))
    let offset = DisplayWidth.of(TerminalText.sanitize(prefix))
    return shown + "\n" + String(repeating: " ", count: offset) + "^"
  }
}
