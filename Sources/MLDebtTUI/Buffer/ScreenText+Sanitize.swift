import MLDebt

/// Text measurement and sanitizing for the terminal.
public enum ScreenText {}

extension ScreenText {
  /// Makes `text` safe to put in a cell: the core's ``TerminalText`` rules, with tabs and
  /// newlines escaped too (`\x09`, `\x0a`), since a cell grid has no room for either.
  public static func sanitize(_ text: String) -> String {
    TerminalText.sanitize(text, .init(keepNewlines: false, tabAsSpace: false))
  }

  /// Whether a scalar must not reach the terminal as it is (``TerminalText/isControl(_:)``).
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    TerminalText.isControl(scalar)
  }
}
