import Foundation

extension FileReadError {
  /// A diagnostic for this error, at `file` (the path as the user should see it).
  public func diagnostic(source: SourceKind, file: String, expected: String? = nil) -> Diagnostic {
    let position = self.position
    return Diagnostic(
      .error, source: source,
      at: SourceLocation(file: file, line: position?.line, column: position?.column),
      description.replacingOccurrences(of: pathInMessage, with: file), expected: expected,
      hint: hint)
  }

  private var pathInMessage: String {
    switch self {
    case .missing(let path), .notRegularFile(let path, _), .brokenLink(let path),
      .tooLarge(let path, _, _), .notUTF8(let path, _, _, _), .unreadable(let path, _):
      path
    }
  }
}
