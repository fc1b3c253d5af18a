import Glibc

/// What `mldebt doctor` learns about the terminal without drawing on it: terminfo's entry for
/// `TERM` (colors, mouse), the locale, and the size (from the terminal, else `COLUMNS`/`LINES`).
public struct TerminalProbe: Sendable {
  /// `TERM`, or `nil` when unset.
  public var term: String?
  /// Whether terminfo has an entry for `TERM`.
  public var known: Bool
  /// Colors terminfo says the terminal has (0 when unknown or none).
  public var colors: Int
  /// Whether terminfo describes mouse reporting (`kmous`).
  public var mouse: Bool
  /// Whether the locale is UTF-8.
  public var utf8: Bool
  /// The size, when known.
  public var size: Size?
  /// Whether the size came from the terminal itself (else from `COLUMNS` and `LINES`).
  public var sizeFromTerminal: Bool
  /// Whether standard output is a terminal.
  public var isTerminal: Bool
  /// The ncurses library's version.
  public var ncursesVersion: String

  /// Probes the terminal described by `environment` (and standard output, when it is one).
  public static func run(environment: [String: String]) -> TerminalProbe {
    let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
    let capabilities = term.flatMap { $0 == "dumb" ? nil : NcursesBackend.capabilities(term: $0) }
    let isTerminal = isatty(STDOUT_FILENO) == 1
    var size: Size?
    var fromTerminal = false
    var window = winsize()
    if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 {
      size = Size(width: Int(window.ws_col), height: Int(window.ws_row))
      fromTerminal = true
    } else if let columns = environment["COLUMNS"].flatMap(Int.init),
      let lines = environment["LINES"].flatMap(Int.init)
    {
      size = Size(width: columns, height: lines)
    }
    return TerminalProbe(
      term: term, known: capabilities != nil, colors: capabilities?.colors ?? 0,
      mouse: capabilities?.mouse ?? false, utf8: NcursesBackend.localeIsUTF8(), size: size,
      sizeFromTerminal: fromTerminal, isTerminal: isTerminal,
      ncursesVersion: NcursesBackend.libraryVersion)
  }

  /// The smallest size the workbench draws its views at.
  public static let minimumSize = Size(width: 60, height: 16)
}
