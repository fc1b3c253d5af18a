import Foundation

/// Values a command keeps alive until the process exits, instead of freeing them when its
/// `run()` returns.
///
/// A command that has loaded a large project (20,000 runs are a million strings and
/// dictionaries) is about to exit; releasing it object by object costs tens of milliseconds that
/// the operating system saves by taking the whole address space back at once. The values stay
/// reachable from here, so leak checkers do not count them as leaks.
enum KeptUntilExit {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var values: [Any] = []

  /// Keeps `value` alive until the process exits.
  static func keep(_ value: Any) {
    lock.withLock { values.append(value) }
  }
}
