import Foundation
import MLDebt

/// Draws the progress of long steps on standard error, one line rewritten in place:
/// `MLflow runs  1200/5000  850/s  5s left`. It draws only when stderr is a terminal, not with
/// `--quiet`, and only once a step has run for a second (`MLDEBT_PROGRESS_AFTER` seconds, which
/// tests set to 0); the line is cleared when the step ends.
final class TerminalProgress: ProgressObserver, @unchecked Sendable {
  private struct Step {
    var total: Int
    var done = 0
    var started: Date
  }

  private let lock = NSLock()
  private var steps: [String: Step] = [:]
  private var lastDraw = Date.distantPast
  private var drawn = false
  private let delay: TimeInterval
  private let write: (String) -> Void

  /// Creates a progress line that waits `delay` seconds before it shows, writing with `write`.
  init(delay: TimeInterval, write: @escaping (String) -> Void) {
    self.delay = delay
    self.write = write
  }

  /// The observer for a command: `nil` (silent) when `quiet` or when stderr is not a terminal.
  static func forStandardError(quiet: Bool) -> TerminalProgress? {
    guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
    let delay = ProcessInfo.processInfo.environment["MLDEBT_PROGRESS_AFTER"].flatMap(Double.init)
    return TerminalProgress(delay: delay ?? 1) { text in
      FileHandle.standardError.write(Data(text.utf8))
    }
  }

  func started(_ step: String, total: Int) {
    lock.withLock { steps[step] = Step(total: total, started: Date()) }
  }

  func advanced(_ step: String, by count: Int) {
    lock.withLock {
      guard var current = steps[step] else { return }
      current.done += count
      steps[step] = current
      let now = Date()
      guard now.timeIntervalSince(current.started) >= delay,
        now.timeIntervalSince(lastDraw) >= 0.1 || current.done >= current.total
      else { return }
      lastDraw = now
      drawn = true
      write("\r\u{1B}[K" + Self.line(step, current.done, current.total, current.started, now))
    }
  }

  func finished(_ step: String) {
    lock.withLock {
      steps[step] = nil
      if drawn {
        write("\r\u{1B}[K")
        drawn = false
      }
    }
  }

  /// The text of one progress line: the step, done/total, the rate and the time left.
  static func line(_ step: String, _ done: Int, _ total: Int, _ started: Date, _ now: Date)
    -> String
  {
    let elapsed = max(now.timeIntervalSince(started), 0.001)
    let rate = Double(done) / elapsed
    var text = "\(step)  \(done)/\(total)  \(Self.rate(rate))/s"
    if rate > 0, total > done {
      text += "  \(duration(Double(total - done) / rate)) left"
    }
    return text
  }

  static func rate(_ value: Double) -> String {
    value >= 10_000 ? "\(Int(value / 1000))k" : "\(Int(value.rounded()))"
  }

  static func duration(_ seconds: Double) -> String {
    let whole = Int(seconds.rounded(.up))
    return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
  }
}
