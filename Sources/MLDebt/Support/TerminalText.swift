/// Makes text from project files safe to print on a terminal.
///
/// Control characters (C0, DEL, C1) and therefore every escape sequence are replaced by a
/// visible escape such as `\x1b`, so a feature named with an OSC or CSI sequence cannot change a
/// terminal's title, colors or cursor. Tabs become a space; newlines become `\n` unless kept.
public enum TerminalText {
  /// Returns `text` with every control character shown visibly.
  public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\n" && keepNewlines {
        result.append(scalar)
      } else if scalar == "\t" {
        result.append(" ")
      } else if isControl(scalar) {
        let hex = String(scalar.value, radix: 16)
        let escaped =
          scalar == "\n"
          ? "\\n"
          : scalar.value < 0x100 ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{\(hex)}"
        result.append(contentsOf: escaped.unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether a scalar is a control character: C0, DEL, C1, or a bidirectional override.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings and isolates
    default: false
    }
  }
}
