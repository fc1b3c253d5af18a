import Foundation

/// A private tmux server running one program, for end-to-end tests of the real binary.
///
/// Each session has its own server socket (`tmux -L mldebt-test-PID-N`), so tests never touch
/// anyone else's tmux. Waiting is by polling the pane for expected text, with a timeout.
final class TmuxSession {
  let socket: String
  private(set) var lastCapture = ""

  static var tmuxPath: String? {
    ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  static var isAvailable: Bool { tmuxPath != nil }

  private static let counter = Counter()

  /// Starts `command` (a shell command line) in a detached session of `width`×`height`.
  init(command: String, width: Int, height: Int) throws {
    socket = "mldebt-test-\(getpid())-\(Self.counter.next())"
    try run([
      "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh", "-c", command,
    ])
    try? run(["set-option", "-g", "remain-on-exit", "on"])
  }

  deinit { close() }

  /// Stops the server and whatever still runs in the pane (tmux may wait for the pane's
  /// processes before it exits, so they are killed by pid: only processes this session started).
  func close() {
    let server = Int32((try? display("#{pid}")) ?? "")
    let pane = Int32((try? display("#{pane_pid}")) ?? "")
    let descendants = pane.map { [$0] + Self.descendants(of: $0) } ?? []
    _ = try? run(["kill-server"])
    for pid in descendants.reversed() { kill(pid, SIGKILL) }
    // On this tmux (3.3a) a server whose pane was killed sometimes ignores kill-server and
    // SIGTERM; it is ours, so make sure it goes.
    if let server, server > 1 {
      kill(server, SIGTERM)
      usleep(100_000)
      if kill(server, 0) == 0 { kill(server, SIGKILL) }
    }
  }

  /// Every process below `parent`, read from /proc.
  static func descendants(of parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    var children: [Int32: [Int32]] = [:]
    for entry in entries {
      guard let pid = Int32(entry),
        let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { continue }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      if fields.count > 1, let ppid = Int32(fields[1]) { children[ppid, default: []].append(pid) }
    }
    var result: [Int32] = []
    var queue = children[parent] ?? []
    while let next = queue.popLast() {
      result.append(next)
      queue += children[next] ?? []
    }
    return result
  }

  /// Runs `tmux -L SOCKET ARGUMENTS…` and returns its standard output.
  ///
  /// Uses posix_spawn and waitpid rather than Foundation's Process: the tmux server that
  /// `new-session` forks would inherit Process's exit-notification pipe (and this test
  /// process's other descriptors) and keep them open, so waiting would never finish. Every
  /// descriptor above stderr is closed in the child.
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    let path = NSTemporaryDirectory() + "\(socket)-\(UUID().uuidString).out"
    defer { unlink(path) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
      posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    let tmux = Self.tmuxPath ?? "/usr/bin/tmux"
    let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, tmux, &actions, nil, &cArguments, environ)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }

  /// Sends keys by tmux name (`Enter`, `Escape`, `C-c`, `q`).
  func send(_ keys: String...) throws { try run(["send-keys", "-t", "0"] + keys) }

  /// Types text literally.
  func type(_ text: String) throws { try run(["send-keys", "-t", "0", "-l", text]) }

  /// The pane's text.
  func capture() throws -> String {
    lastCapture = try run(["capture-pane", "-p", "-t", "0"])
    return lastCapture
  }

  /// A tmux format value for the pane (`#{alternate_on}`, `#{pane_title}`, `#{pane_pid}`).
  func display(_ format: String) throws -> String {
    try run(["display-message", "-p", "-t", "0", format]).trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  /// Resizes the window.
  func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
  }

  /// Polls the pane until `predicate` holds; returns whether it did before `timeout`.
  func waitUntil(timeout: TimeInterval = 10, _ predicate: (String) -> Bool) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
      if predicate(try capture()) { return true }
      usleep(50_000)
    } while Date() < deadline
    return false
  }

  /// Polls the pane until it shows `text`.
  func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> Bool {
    try waitUntil(timeout: timeout) { $0.contains(text) }
  }
}

/// A thread-safe counter for unique socket names.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()
  func next() -> Int {
    lock.withLock {
      value += 1
      return value
    }
  }
}
