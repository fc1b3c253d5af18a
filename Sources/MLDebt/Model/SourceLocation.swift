/// A place in a file: a path with an optional line and column (both 1-based), or a key path.
///
/// Every diagnostic carries one, so that an error always says where it is.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file, relative to the project root where possible.
  public var file: String
  /// The 1-based line, when known.
  public var line: Int?
  /// The 1-based column, when known.
  public var column: Int?
  /// A key path inside a structured file (for example `features[2].owner`), when known.
  public var keyPath: String?

  /// Creates a location.
  public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.keyPath = keyPath
  }

  /// `file:line:column` (as compilers print it), followed by ` (keyPath)` when there is one.
  public var description: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    if let keyPath, !keyPath.isEmpty { text += " (\(keyPath))" }
    return text
  }
}
