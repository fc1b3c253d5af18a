/// What the update function asks the outside world to do; the run loop carries it out.
public enum AppEffect: Sendable, Hashable {
  /// Leave the app.
  case quit
  /// Put text on the clipboard (OSC 52).
  case copy(String)
  /// Load and use a theme by name.
  case applyTheme(String)
  /// Mouse capture on or off.
  case setMouse(Bool)
  /// Clear and redraw the whole screen.
  case redraw
  /// Write text to a file atomically and report where (`what` names it in the message).
  case writeFile(path: String, contents: String, what: String)
  /// Build the whole review from the analysis and the project's history, and write it to a
  /// file in a format.
  case exportReview(format: ReviewFormat, path: String)
}
