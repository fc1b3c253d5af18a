import Foundation

/// Copying to the system clipboard through the terminal (OSC 52), which works over SSH.
public enum Clipboard {
  /// The largest payload sent, in bytes of text (terminals cap OSC 52 at about 100 kB).
  public static let maximumBytes = 74_000

  /// The escape sequence that puts `text` on the clipboard. Control characters are removed
  /// from the text first and the payload is base64, so nothing in it can end the sequence;
  /// inside tmux the sequence is wrapped in tmux's DCS passthrough.
  public static func osc52(_ text: String, inTmux: Bool) -> String {
    let clean = String(
      String.UnicodeScalarView(text.unicodeScalars.filter { !ScreenText.needsEscape($0) }))
    let payload = Data(clean.utf8.prefix(maximumBytes)).base64EncodedString()
    let sequence = "\u{1b}]52;c;\(payload)\u{07}"
    guard inTmux else { return sequence }
    // tmux passthrough: DCS tmux; <sequence with each ESC doubled> ST
    return "\u{1b}Ptmux;" + sequence.replacingOccurrences(of: "\u{1b}", with: "\u{1b}\u{1b}")
      + "\u{1b}\\"
  }
}
