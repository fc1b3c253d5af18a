import MLDebt

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
  /// Save a practice item's answer in the attestations file (dated when saved), then
  /// recompute the analysis.
  case saveAttestation(Attestation)
  /// Stop the load under way (Esc); its end comes back as ``ProjectLoadError/cancelled``.
  case cancelLoad
  /// Load the project again in the background (`r`).
  case reload
  /// Compute the analysis of the project on screen in the background.
  case analyse
  /// Stop the background analysis and drop its result (Esc).
  case cancelAnalysis
}
