import MLDebt

/// Escaping for text from project files placed in Markdown, and safe code fences.
enum MarkdownText {
  /// Text for Markdown prose or a table cell: control characters shown visibly, and every
  /// character CommonMark could read as markup backslash-escaped.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in TerminalText.sanitize(text) {
      if "\\`*_[]<>#|~&".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }

  /// Inline code: the text in a backtick run longer than any inside it (padded with spaces
  /// when it starts or ends with a backtick), control characters shown visibly.
  static func code(_ text: String) -> String {
    let clean = TerminalText.sanitize(text)
    let fence = String(repeating: "`", count: longestRun(of: "`", in: clean) + 1)
    let pad = clean.hasPrefix("`") || clean.hasSuffix("`") ? " " : ""
    return fence + pad + clean + pad + fence
  }

  /// A fenced code block holding `body` (lines already sanitized), with an info string; the
  /// fence is longer than any backtick run in the body, so nothing inside can close it.
  static func fenced(_ body: String, info: String = "text") -> String {
    let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
    let content = body.hasSuffix("\n") ? body : body + "\n"
    return fence + info + "\n" + content + fence + "\n"
  }

  static func longestRun(of character: Character, in text: String) -> Int {
    var longest = 0
    var current = 0
    for c in text {
      current = c == character ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }
}
