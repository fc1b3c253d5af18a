/// Makes text from project files safe to print on a terminal: the one set of rules that the
/// CLI's output and the TUI's cell buffer (`ScreenText.sanitize`) both apply.
///
/// Every character a terminal would interpret instead of printing is replaced by a visible
/// escape, so a feature named with an OSC or CSI sequence cannot change a terminal's title,
/// colors or cursor: C0 controls (ESC, BEL, CR, LF…) and DEL become `\xHH`; C1 controls
/// (U+0080–U+009F, which some terminals treat as CSI or OSC), the bidirectional overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028,
/// U+2029) become `\uHHHH`. The result of sanitizing is already sanitized.
public enum TerminalText {
  /// How tabs and newlines are shown.
  public struct Options: Sendable, Hashable {
    /// Keep `\n` as a line break (multi-line output) instead of escaping it.
    public var keepNewlines: Bool
    /// Show a tab as one space (tables) instead of `\x09` (a cell grid, where a tab would move
    /// the cursor).
    public var tabAsSpace: Bool

    /// Creates options.
    public init(keepNewlines: Bool = false, tabAsSpace: Bool = true) {
      self.keepNewlines = keepNewlines
      self.tabAsSpace = tabAsSpace
    }
  }

  /// Returns `text` with every control character shown visibly (tabs as a space).
  public static func sanitize(_ text: String, keepNewlines: Bool = false) -> String {
    sanitize(text, Options(keepNewlines: keepNewlines))
  }

  /// Returns `text` with every control character shown visibly, as `options` say.
  public static func sanitize(_ text: String, _ options: Options) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar == "\n" && options.keepNewlines {
        result.append(scalar)
      } else if scalar == "\t" && options.tabAsSpace {
        result.append(" ")
      } else if isControl(scalar) {
        result.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether a scalar must not reach the terminal as it is: C0, DEL, C1, a bidirectional
  /// override or isolate, or a line or paragraph separator.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
    default: false
    }
  }

  /// The visible form of a control character: `\xHH` below U+0080, `\uHHHH` above.
  static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    if scalar.value < 0x80 {
      return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
    }
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
