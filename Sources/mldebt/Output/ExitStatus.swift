/// The process exit codes every command uses.
enum ExitStatus {
  /// Everything is fine.
  static let ok: Int32 = 0
  /// Findings crossed a threshold (a gate failed).
  static let findings: Int32 = 1
  /// The command line was wrong, or the project could not be loaded.
  static let usageOrLoadError: Int32 = 2
}
