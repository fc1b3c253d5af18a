/// Collects the diagnostics of one file while a reader walks it.
public struct DiagnosticSink: Sendable {
  /// The source being read.
  public let source: SourceKind
  /// The file being read, relative to the project root.
  public let file: String
  /// What was found so far.
  public private(set) var diagnostics: [Diagnostic] = []

  /// Creates a sink for one file.
  public init(source: SourceKind, file: String) {
    self.source = source
    self.file = file
  }

  /// Records a diagnostic at a line, column and key path of this file.
  public mutating func report(
    _ severity: Diagnostic.Severity, line: Int? = nil, column: Int? = nil, keyPath: String? = nil,
    _ message: String, expected: String? = nil, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        severity, source: source,
        at: SourceLocation(file: file, line: line, column: column, keyPath: keyPath), message,
        expected: expected, hint: hint))
  }

  /// Records a diagnostic made elsewhere.
  public mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  /// Whether any error was recorded.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
