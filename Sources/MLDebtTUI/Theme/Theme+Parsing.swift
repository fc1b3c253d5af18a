/// A problem in a theme file.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Every problem found, as `file:line: message`.
  public var problems: [ConfigProblem]

  /// The problems, one per line.
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension Theme {
  /// Parses a theme file. Each line is `role = [FG] [on BG] [ATTRIBUTES…]`, where colours are
  /// `default`, a name (`red`, `bright-blue`), an index `0`–`255` or `#rrggbb`, and attributes
  /// are `bold`, `dim`, `underline`, `reverse`, `italic`. `#` starts a comment. Roles left out
  /// come from `base`.
  ///
  /// - Throws: ``ThemeError`` listing every bad line (file:line), so one run shows them all.
  public static func parse(_ text: String, name: String, file: String, base: Theme? = .dark)
    throws(ThemeError) -> Theme
  {
    var roles = base?.roles ?? [:]
    var problems: [ConfigProblem] = []
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let line = number + 1
      var content = stripComment(String(raw))
      content = ConfigLine.trim(content)
      if content.isEmpty { continue }
      guard let (lhs, rhs) = ConfigLine.split(content) else {
        problems.append(
          ConfigProblem(file: file, line: line, "expected `ROLE = COLOR [on COLOR] [bold …]`"))
        continue
      }
      guard let role = ThemeRole(rawValue: lhs.lowercased()) else {
        problems.append(
          ConfigProblem(
            file: file, line: line,
            "unknown role `\(ScreenText.sanitize(lhs))`; roles are \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))"
          ))
        continue
      }
      switch parseStyle(rhs) {
      case .success(let style): roles[role] = style
      case .failure(let message):
        problems.append(ConfigProblem(file: file, line: line, message.text))
      }
    }
    if !problems.isEmpty { throw ThemeError(problems: problems) }
    return Theme(name: name, roles: roles)
  }

  struct Message: Error { var text: String }

  /// The line without its comment: `#` at the start or after a blank starts one, unless it is a
  /// `#rrggbb` colour.
  static func stripComment(_ line: String) -> String {
    let characters = Array(line)
    for (offset, character) in characters.enumerated() where character == "#" {
      guard offset == 0 || characters[offset - 1] == " " || characters[offset - 1] == "\t" else {
        continue
      }
      let digits = characters[(offset + 1)...].prefix { $0.isHexDigit }
      let end = offset + 1 + digits.count
      let isColor =
        digits.count == 6
        && (end == characters.count || characters[end] == " " || characters[end] == "\t")
      if !isColor { return String(characters[..<offset]) }
    }
    return line
  }

  static func parseStyle(_ text: String) -> Result<RoleStyle, Message> {
    var style = RoleStyle()
    var expectBackground = false
    var sawForeground = false
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
      if word == "on" {
        expectBackground = true
        continue
      }
      if let attribute = TextAttributes.named.first(where: { $0.0 == word.lowercased() })?.1 {
        style.attributes.insert(attribute)
        continue
      }
      guard let color = ThemeColor(parsing: word) else {
        return .failure(
          Message(
            text:
              "`\(ScreenText.sanitize(word))` is not a colour or attribute; colours are default, a name such as red, 0-255, or #rrggbb"
          ))
      }
      if expectBackground {
        style.background = color
        expectBackground = false
      } else if !sawForeground {
        style.foreground = color
        sawForeground = true
      } else {
        return .failure(Message(text: "two foreground colours; write `FG on BG` for a background"))
      }
    }
    if expectBackground { return .failure(Message(text: "`on` needs a colour after it")) }
    return .success(style)
  }
}
