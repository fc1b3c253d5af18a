/// Receives the progress of the core's long steps (reading a large MLflow store, drift over many
/// columns and windows), so a face can show it. The core only counts; drawing is the face's job
/// (the CLI draws on stderr when it is a terminal). Calls may come from several threads at once.
public protocol ProgressObserver: Sendable {
  /// A step began, with `total` items to do (`step` is a short label, such as `MLflow runs`).
  func started(_ step: String, total: Int)
  /// `count` more items of `step` are done.
  func advanced(_ step: String, by count: Int)
  /// The step is over.
  func finished(_ step: String)
}
