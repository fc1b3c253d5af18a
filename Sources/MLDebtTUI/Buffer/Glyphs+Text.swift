extension Glyphs {
  /// The separator between short facts on one line: `·`, or `-` in ASCII.
  public var dot: String { chartMode == .ascii ? "-" : "·" }

  /// The placeholder shown while the analysis runs: `analysing…` (`analysing~` in ASCII).
  public var analysing: String { "analysing" + ellipsis }
}
