/// Text measurement and sanitizing for the terminal.
public enum ScreenText {}

extension ScreenText {
  /// Makes `text` safe to show: every character that a terminal would interpret instead of
  /// printing is replaced by a visible escape.
  ///
  /// C0 controls (including ESC, BEL, TAB, CR, LF) and DEL become `\xHH`; C1 controls
  /// (U+0080–U+009F, which some terminals treat as CSI, OSC…) become `\uHHHH`; so do the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
  /// and the line and paragraph separators (U+2028, U+2029). Everything else passes unchanged,
  /// and the result of sanitizing is already sanitized.
  public static func sanitize(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        out.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Whether a scalar must not reach the terminal as it is.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
    default: false
    }
  }

  private static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    if scalar.value < 0x80 {
      return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
    }
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
