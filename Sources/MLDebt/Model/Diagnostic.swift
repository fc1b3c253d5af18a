/// A problem found while loading a project: what is wrong, where, what was expected, what to do.
///
/// Loading never throws for a bad source: it records a diagnostic and goes on with the rest.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    /// Informational: something the user may want to know (for example, no manifest was found).
    case info
    /// Something was skipped or guessed; the rest of the source loaded.
    case warning
    /// A source, or a part of it, could not be read.
    case error

    private var rank: Int {
      switch self {
      case .info: 0
      case .warning: 1
      case .error: 2
      }
    }

    /// Orders by seriousness: info < warning < error.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// How serious it is.
  public var severity: Severity
  /// The source that was being read.
  public var source: SourceKind
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong, in one sentence.
  public var message: String
  /// What was expected instead, when that helps.
  public var expected: String?
  /// What the user can do about it.
  public var hint: String?

  /// Creates a diagnostic.
  public init(
    _ severity: Severity, source: SourceKind, at location: SourceLocation, _ message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    self.severity = severity
    self.source = source
    self.location = location
    self.message = message
    self.expected = expected
    self.hint = hint
  }

  /// The compiler-style one-line form: `file:line:col: error: message (expected …) hint: …`.
  public var description: String {
    var text = "\(location): \(severity.rawValue): \(message)"
    if let expected { text += "; expected \(expected)" }
    if let hint { text += "; hint: \(hint)" }
    return text
  }
}
