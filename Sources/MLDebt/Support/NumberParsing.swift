import Foundation

/// Locale-independent number parsing for text read from project files.
public enum NumberParsing {
  /// Parses a decimal or scientific number, and YAML's `.inf`, `-.inf` and `.nan`.
  /// Returns `nil` for anything else (including an empty string).
  public static func double(_ text: some StringProtocol) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    switch trimmed.lowercased() {
    case ".inf", "+.inf", "inf", "infinity": return .infinity
    case "-.inf", "-inf", "-infinity": return -.infinity
    case ".nan", "nan": return .nan
    default: break
    }
    // Swift's Double(String) parses with the C locale whatever the process locale is.
    return Double(trimmed)
  }
}
