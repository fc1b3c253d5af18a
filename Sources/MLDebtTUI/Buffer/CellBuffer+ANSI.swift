extension CellBuffer {
  /// The buffer as text with ANSI SGR colour and attribute codes from a theme, one line per row
  /// (trailing blank cells dropped), every line ending in a reset.
  ///
  /// Only SGR sequences built here are emitted: cell text was sanitized when it entered the
  /// buffer. `colors` is what the terminal shows (256, 16 or 8); colours are reduced to it the
  /// way the ncurses backend reduces them.
  public func ansiText(theme: Theme, colors: Int = 256) -> String {
    var lines: [String] = []
    for y in 0..<height {
      var end = width
      while end > 0 {
        let cell = self[end - 1, y]
        let blank =
          cell.text == " " && theme.resolve(cell.style).background == .terminalDefault
          && theme.resolve(cell.style).attributes.isDisjoint(with: [.reverse, .underline])
        if !blank { break }
        end -= 1
      }
      var line = ""
      var current: String?
      for x in 0..<end {
        let cell = self[x, y]
        if cell.isContinuation { continue }
        let code = Self.sgr(theme.resolve(cell.style), colors: colors)
        if code != current {
          line += code
          current = code
        }
        line += cell.text
      }
      lines.append(line + "\u{1b}[0m")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The SGR sequence for resolved colours and attributes, starting from a reset.
  static func sgr(
    _ look: (foreground: ThemeColor, background: ThemeColor, attributes: TextAttributes),
    colors: Int
  ) -> String {
    var codes = ["0"]
    let attributeCodes: [(TextAttributes, String)] = [
      (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7"),
    ]
    for (attribute, code) in attributeCodes where look.attributes.contains(attribute) {
      codes.append(code)
    }
    codes += colour(look.foreground, colors: colors, base: 30)
    codes += colour(look.background, colors: colors, base: 40)
    return "\u{1b}[" + codes.joined(separator: ";") + "m"
  }

  /// The SGR parameters of a colour: nothing for the terminal default, 30–37/90–97 (or 40–47/
  /// 100–107) for the 16 basic colours, `38;5;N` (`48;5;N`) for the rest of a 256-colour palette.
  static func colour(_ color: ThemeColor, colors: Int, base: Int) -> [String] {
    let index = color.index(forColors: colors)
    switch index {
    case ..<0: return []
    case 0..<8: return [String(base + index)]
    case 8..<16: return [String(base + 60 + index - 8)]
    default: return ["\(base + 8)", "5", String(index)]
    }
  }
}
