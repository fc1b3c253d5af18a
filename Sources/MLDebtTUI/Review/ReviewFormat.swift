import MLDebt

/// The formats a review is written in.
public enum ReviewFormat: String, Sendable, Hashable, CaseIterable {
  /// CommonMark with GitHub tables; charts in fenced code blocks, lineage also as Mermaid.
  case markdown
  /// Plain text for terminals and plain-text tickets.
  case text
  /// The review's data (docs/review.md), without charts.
  case json

  /// Writes a review in this format, `width` columns wide (charts, code blocks and text lines;
  /// Markdown prose is left for the renderer to wrap), with ASCII characters only when `ascii`.
  public func write(_ review: DebtReview, width: Int = 100, ascii: Bool = false) throws -> String {
    let text: String
    switch self {
    case .json: text = try review.json()
    case .markdown, .text:
      text = ReviewWriter(markdown: self == .markdown, width: width, ascii: ascii).write(review)
    }
    return ascii ? Self.asciiOnly(text) : text
  }

  /// Replaces every non-ASCII character (from project data) with a visible `\u{…}` escape.
  static func asciiOnly(_ text: String) -> String {
    guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        result.append(scalar)
      } else {
        result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
      }
    }
    return String(result)
  }
}
