extension Glyphs {
  /// The separator between short facts on one line: `·`, or `-` in ASCII.
  public var dot: String { chartMode == .ascii ? "-" : "·" }

  /// The placeholder shown while the analysis runs: `analysing…` (`analysing~` in ASCII).
  public var analysing: String { "analysing" + ellipsis }
}

extension Glyphs {
  /// The spinner's frames: braille dots, quarter circles with block charts, `|/-\` in ASCII.
  public var spinner: [String] {
    switch chartMode {
    case .braille: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    case .blocks: ["◐", "◓", "◑", "◒"]
    case .ascii: ["|", "/", "-", "\\"]
    }
  }

  /// Marks a step that is done: `✓`, or `+` in ASCII.
  public var doneMark: String { chartMode == .ascii ? "+" : "✓" }

  /// Marks a step that failed: `✗`, or `x` in ASCII.
  public var failedMark: String { chartMode == .ascii ? "x" : "✗" }

  /// Marks a step that waits: `·`, or `.` in ASCII.
  public var waitingMark: String { chartMode == .ascii ? "." : "·" }
}
