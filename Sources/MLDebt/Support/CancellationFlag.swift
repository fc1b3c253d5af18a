import Foundation

/// A flag a face raises to stop a long computation (loading a project, an analysis). The core
/// checks it between files and between columns; a cancelled step stops early, returns nothing
/// partial and writes nothing. Safe to use from any thread.
public final class CancellationFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  /// Creates a flag that is not raised.
  public init() {}

  /// Raises the flag.
  public func cancel() { lock.withLock { cancelled = true } }

  /// Whether the flag was raised.
  public var isCancelled: Bool { lock.withLock { cancelled } }

  /// The flag of the computation running on this thread, when one was bound (the TUI binds it
  /// around a background analysis so ``ProjectAnalysis/compute(_:now:evaluator:cancellation:)``
  /// sees it without a parameter).
  @TaskLocal public static var current: CancellationFlag?
}
