/// One source of a load as it is read: what it is and how far it has got (``LoadMonitor``).
public struct SourceProgress: Sendable, Hashable {
  /// Where a source's reading is.
  public enum State: Sendable, Hashable {
    /// Discovered, not started yet.
    case waiting
    /// Being read; `done` of `total` items of `step` (such as `MLflow runs`) when the reader
    /// counts them, else `total` is `nil`.
    case reading(step: String?, done: Int, total: Int?)
    /// Read, with what it contributed.
    case done(SourceSummary)
    /// Could not be read at all, with the first error.
    case failed(String)
    /// Stopped or skipped because the load was cancelled.
    case cancelled
  }

  /// The kind of source.
  public var kind: SourceKind
  /// Its file, folder or URL, relative to the project root where possible.
  public var path: String
  /// How far it has got.
  public var state: State

  /// Creates a source's progress.
  public init(kind: SourceKind, path: String, state: State = .waiting) {
    self.kind = kind
    self.path = path
    self.state = state
  }

  /// Whether it is over (read, failed or cancelled).
  public var isFinished: Bool {
    switch state {
    case .waiting, .reading: false
    case .done, .failed, .cancelled: true
    }
  }
}
