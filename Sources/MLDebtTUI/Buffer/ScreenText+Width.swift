extension ScreenText {
  /// The number of columns a grapheme takes in a terminal: 0, 1 or 2.
  ///
  /// Uses its own table (East Asian wide ranges and emoji presentation) rather than the C
  /// library's `wcwidth`, which answers -1 for everything outside ASCII under the C locale;
  /// combining marks and format characters take no column.
  public static func width(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    var width = scalarWidth(first)
    if width == 0 {
      width = scalars.map(scalarWidth).max() ?? 0
    }
    if width == 1, first.properties.isEmoji, scalars.contains(where: { $0.value == 0xFE0F }) {
      width = 2
    }
    return width
  }

  /// The number of columns `text` takes.
  public static func width(of text: String) -> Int {
    text.reduce(0) { $0 + width(of: $1) }
  }

  /// The number of columns one scalar takes on its own.
  static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x7F { return value < 0x20 ? 0 : 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1160...0x11FF).contains(value) { return 0 }
    if scalar.properties.isEmojiPresentation { return 2 }
    for range in wideRanges where range.contains(value) { return 2 }
    return 1
  }

  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
    0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
    0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  /// `text` cut to at most `width` columns; when cut, it ends with `ellipsis`.
  public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if self.width(of: text) <= width { return text }
    let room = width - self.width(of: ellipsis)
    guard room >= 0 else { return String(ellipsis.prefix(width)) }
    var used = 0
    var out = ""
    for character in text {
      let w = self.width(of: character)
      if used + w > room { break }
      used += w
      out.append(character)
    }
    return out + ellipsis
  }

  /// `text` padded with spaces (or cut) to exactly `width` columns; `alignRight` pads on the left.
  public static func pad(
    _ text: String, to width: Int, alignRight: Bool = false, ellipsis: String = "…"
  ) -> String {
    let cut = truncate(text, to: width, ellipsis: ellipsis)
    let gap = String(repeating: " ", count: max(0, width - self.width(of: cut)))
    return alignRight ? gap + cut : cut + gap
  }

  /// Splits `text` into lines of at most `width` columns, breaking at spaces where it can.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var lineWidth = 0
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
        var word = String(word)
        var wordWidth = self.width(of: word)
        let sep = line.isEmpty ? 0 : 1
        if lineWidth + sep + wordWidth <= width {
          if sep == 1 { line += " " }
          line += word
          lineWidth += sep + wordWidth
          continue
        }
        if !line.isEmpty { lines.append(line) }
        line = ""
        lineWidth = 0
        while wordWidth > width {
          var head = ""
          var used = 0
          for character in word {
            let w = self.width(of: character)
            if used + w > width { break }
            head.append(character)
            used += w
          }
          if head.isEmpty { break }
          lines.append(head)
          word = String(word.dropFirst(head.count))
          wordWidth = self.width(of: word)
        }
        line = word
        lineWidth = wordWidth
      }
      lines.append(line)
    }
    return lines
  }
}
