import Foundation
import MLDebt

/// Writes data to stdout and diagnostics to stderr.
enum Console {
  /// Writes text to standard output as is.
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes a line to standard error, sanitized (it may quote project files).
  static func error(_ line: String, keepNewlines: Bool = false) {
    FileHandle.standardError.write(
      Data((TerminalText.sanitize(line, keepNewlines: keepNewlines) + "\n").utf8))
  }

  /// Writes every diagnostic of a project to standard error, one per line.
  static func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { error(diagnostic.description) }
  }

  /// Whether a file descriptor is a terminal.
  static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

  /// Encodes a value as pretty, key-sorted JSON followed by a newline.
  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
