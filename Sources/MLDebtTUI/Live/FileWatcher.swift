import Foundation
import Glibc

/// Watches folders for changes on a background thread and calls `onChange` (from that thread)
/// after each burst of changes. On Linux it is woken by inotify; where inotify cannot be set up
/// it compares a fingerprint of the folders (names, sizes, modification times) every
/// `interval` seconds. With `pollAlways` (a tracking server, which no file change reveals) it
/// also calls `onChange` every `interval`.
final class FileWatcher: @unchecked Sendable {
  private let lock = NSLock()
  private var targets: [WatchTarget]
  private var stopped = false
  private var pollAlways: Bool
  private let interval: TimeInterval
  private let onChange: @Sendable () -> Void
  private var descriptor: Int32 = -1

  /// Whether inotify is in use (else polling).
  private(set) var usesInotify = false

  /// Creates a watcher; nothing happens until ``start()``.
  init(
    targets: [WatchTarget], interval: TimeInterval, pollAlways: Bool,
    onChange: @escaping @Sendable () -> Void
  ) {
    self.targets = targets
    self.interval = max(0.1, interval)
    self.pollAlways = pollAlways
    self.onChange = onChange
  }

  /// Starts watching on a new thread; `forcePolling` skips inotify (for tests and odd file
  /// systems).
  func start(forcePolling: Bool = false) {
    if !forcePolling {
      descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
      usesInotify = descriptor >= 0
    }
    Thread.detachNewThread { [self] in
      if usesInotify { watchWithInotify() } else { watchByPolling() }
    }
  }

  /// Stops the thread (within half a second).
  func stop() {
    lock.withLock { stopped = true }
  }

  /// Watches a new set of folders (the project's sources may have changed).
  func retarget(_ targets: [WatchTarget], pollAlways: Bool) {
    lock.withLock {
      self.targets = targets
      self.pollAlways = pollAlways
    }
  }

  private var isStopped: Bool { lock.withLock { stopped } }
  private var current: (targets: [WatchTarget], pollAlways: Bool) {
    lock.withLock { (targets, pollAlways) }
  }

  // MARK: - inotify

  private static let mask: UInt32 =
    UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
    | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

  private func addWatches() {
    for folder in WatchTargets.folders(current.targets) {
      _ = inotify_add_watch(descriptor, folder, Self.mask)
    }
  }

  /// Reads every pending event; returns whether there was any.
  private func drain() -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16_384)
    var any = false
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count <= 0 { return any }
      any = true
    }
  }

  private func watchWithInotify() {
    defer { close(descriptor) }
    addWatches()
    var lastPoll = Date()
    while !isStopped {
      var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&entry, 1, Int32(min(interval, 0.5) * 1000))
      if ready > 0, drain() {
        // Let a burst of writes (a run logging many files) settle, then reload once.
        usleep(150_000)
        _ = drain()
        addWatches()
        lastPoll = Date()
        onChange()
      } else if current.pollAlways, Date().timeIntervalSince(lastPoll) >= interval {
        lastPoll = Date()
        onChange()
      }
    }
  }

  // MARK: - Polling

  /// A fingerprint of every entry in the watched folders: name, size and modification time.
  static func fingerprint(_ targets: [WatchTarget]) -> Int {
    var hasher = Hasher()
    for folder in WatchTargets.folders(targets) {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for name in names.sorted() {
        var info = stat()
        guard lstat(folder + "/" + name, &info) == 0 else { continue }
        hasher.combine(folder)
        hasher.combine(name)
        hasher.combine(Int64(info.st_size))
        hasher.combine(Int64(info.st_mtim.tv_sec))
        hasher.combine(Int(info.st_mtim.tv_nsec))
      }
    }
    return hasher.finalize()
  }

  private func watchByPolling() {
    var last = Self.fingerprint(current.targets)
    while !isStopped {
      var slept = 0.0
      while slept < interval, !isStopped {
        let step = min(0.1, interval - slept)
        usleep(UInt32(step * 1_000_000))
        slept += step
      }
      if isStopped { return }
      let now = Self.fingerprint(current.targets)
      if now != last || current.pollAlways {
        last = now
        onChange()
      }
    }
  }
}
