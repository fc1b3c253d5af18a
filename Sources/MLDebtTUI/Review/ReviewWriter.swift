import MLDebt

/// Writes a ``DebtReview`` as Markdown or plain text. Charts come from ``ReviewCharts`` (the
/// TUI's widgets), so a review shows the same bars, sparklines and line charts as the views.
///
/// Every string from the project is sanitized, and escaped for Markdown; charts, trees and
/// aligned tables sit in fenced code blocks so they keep their shape on code hosts.
struct ReviewWriter {
  /// Markdown (`true`) or plain text.
  var markdown: Bool
  /// Columns for charts, code blocks and plain-text lines.
  var width: Int
  /// ASCII characters only.
  var ascii: Bool

  init(markdown: Bool, width: Int, ascii: Bool) {
    self.markdown = markdown
    self.width = max(40, width)
    self.ascii = ascii
  }

  var glyphs: Glyphs { ascii ? .ascii : .unicode }
  var dot: String { ascii ? "-" : "·" }
  var dash: String { ascii ? "--" : "—" }
  var arrow: String { ascii ? "->" : "→" }

  func write(_ review: DebtReview) -> String {
    var parts = [header(review), scores(review), changes(review), findings(review)]
    parts.append(drift(review))
    parts.append(lineage(review))
    parts.append(runs(review))
    parts.append(testScore(review))
    return parts.joined(separator: "\n")
  }

  // MARK: - Building blocks

  func heading(_ text: String, level: Int) -> String {
    if markdown { return String(repeating: "#", count: level) + " " + text + "\n" }
    let lines = ScreenText.wrap(text, width: width)
    let underline = level == 1 ? "=" : level == 2 ? "-" : ""
    guard !underline.isEmpty else { return lines.joined(separator: "\n") + "\n" }
    let longest = lines.map { DisplayWidth.of($0) }.max() ?? 0
    return lines.joined(separator: "\n") + "\n" + String(repeating: underline, count: longest)
      + "\n"
  }

  /// Project text: escaped in Markdown, sanitized in plain text.
  func data(_ text: String) -> String {
    markdown ? MarkdownText.escape(text) : TerminalText.sanitize(text)
  }

  /// An identifier (rule, node, column): code in Markdown, plain in text.
  func code(_ text: String) -> String {
    markdown ? MarkdownText.code(text) : TerminalText.sanitize(text)
  }

  func strong(_ text: String) -> String { markdown ? "**" + text + "**" : text }

  /// A paragraph: as is in Markdown (the renderer wraps it), wrapped to the width in text.
  func paragraph(_ text: String, indent: String = "") -> String {
    if markdown { return indent + text + "\n" }
    return ScreenText.wrap(text, width: width - DisplayWidth.of(indent)).map { indent + $0 }
      .joined(separator: "\n") + "\n"
  }

  /// A list item (a bullet in Markdown, a dash in text, wrapped with a hanging indent).
  func item(_ text: String) -> String {
    if markdown { return "- " + text + "\n" }
    let lines = ScreenText.wrap(text, width: width - 2)
    return lines.enumerated().map { ($0.offset == 0 ? "- " : "  ") + $0.element }
      .joined(separator: "\n") + "\n"
  }

  /// Preformatted lines: a fenced code block in Markdown, indented by nothing in text.
  func block(_ body: String, info: String = "text") -> String {
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    var trimmed = lines.map { line -> String in
      var line = String(line)
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
    while trimmed.last == "" { trimmed.removeLast() }
    let text = trimmed.joined(separator: "\n") + "\n"
    return markdown ? MarkdownText.fenced(text, info: info) : text
  }

  /// A table: GitHub Markdown, or aligned plain text cut to the width.
  func table(_ table: TextTable) -> String {
    if markdown {
      var escaped = table
      escaped.headers = table.headers.map(MarkdownText.escape)
      escaped.rows = table.rows.map { $0.map(MarkdownText.escape) }
      return escaped.markdown()
    }
    return table.plainText().split(separator: "\n").map {
      ScreenText.truncate(String($0), to: width, ellipsis: glyphs.ellipsis)
    }.joined(separator: "\n") + "\n"
  }

  static func number(_ value: Double) -> String {
    let text = String(format: "%.1f", value)
    return text == "-0.0" ? "0.0" : text
  }

  static func points(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
  }

  static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
