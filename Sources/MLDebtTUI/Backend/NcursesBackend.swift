import CNcurses
import Glibc
import Synchronization

/// The signal that asked the app to stop (0 when none), set by the signal handler.
let pendingSignal = Atomic<Int32>(0)

/// What the terminal reported.
enum RawEvent {
  /// A key.
  case key(Key)
  /// A left click at a cell.
  case click(x: Int, y: Int)
  /// A wheel turn: negative up.
  case wheel(Int)
  /// The terminal was resized.
  case resize(Size)
  /// The terminal went away (its window closed).
  case hangup
}

/// The only code that talks to ncurses: it copies cell buffers to the screen (ncurses works out
/// what changed), decodes keys and mouse events, and sets up and restores the terminal.
///
/// Every call must come from the one thread that created it.
final class NcursesBackend {
  /// Whether the locale is UTF-8 (otherwise drawing is ASCII only).
  let utf8: Bool
  /// The number of colours used: 0 when colour is off.
  private(set) var colors = 0
  /// The theme cells are drawn with.
  var theme: Theme
  private var pairs: [PairKey: Int16] = [:]
  private var nextPair: Int16 = 1
  private var ended = false

  private struct PairKey: Hashable {
    var foreground: Int
    var background: Int
  }

  /// Starts ncurses: locale, raw keys, keypad, short Esc delay, colours, mouse.
  init(theme: Theme, useColor: Bool, mouse: Bool) {
    mldebt_setlocale_ctype()
    utf8 = mldebt_locale_is_utf8() != 0
    self.theme = theme
    Self.installSignalHandlers()
    initscr()
    raw()
    noecho()
    nonl()
    keypad(mldebt_stdscr(), true)
    set_escdelay(25)
    wtimeout(mldebt_stdscr(), 100)
    if useColor, has_colors() {
      start_color()
      use_default_colors()
      colors = Int(mldebt_colors()) >= 256 ? 256 : (Int(mldebt_colors()) >= 16 ? 16 : 8)
    }
    mouseinterval(0)
    setMouse(mouse)
  }

  deinit { end() }

  /// Restores the terminal. Safe to call more than once.
  func end() {
    guard !ended else { return }
    ended = true
    setMouse(false)
    curs_set(1)
    endwin()
  }

  /// The terminal's size now.
  var size: Size {
    Size(width: Int(getmaxx(mldebt_stdscr())), height: Int(getmaxy(mldebt_stdscr())))
  }

  /// Mouse capture on or off.
  func setMouse(_ on: Bool) {
    let mask = on ? mldebt_all_mouse_events() : 0
    mousemask(mask, nil)
  }

  /// Forces a full repaint at the next draw.
  func invalidate() {
    clearok(mldebt_stdscr(), true)
  }

  /// Switches themes, forgetting colour pairs made for the old one.
  func use(_ theme: Theme) {
    self.theme = theme
    pairs = [:]
    nextPair = 1
    invalidate()
  }

  /// Copies a buffer to the screen.
  func draw(_ buffer: CellBuffer) {
    var scalars = [wchar_t](repeating: 0, count: 8)
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        if cell.isContinuation { continue }
        let (attrs, pair) = attributes(for: cell.style)
        var text = cell.text
        if !utf8, !text.unicodeScalars.allSatisfy(\.isASCII) {
          text = String(repeating: "?", count: max(1, cell.width))
        }
        var count = 0
        for scalar in text.unicodeScalars where count < 5 {
          scalars[count] = wchar_t(bitPattern: scalar.value)
          count += 1
        }
        if count == 0 {
          scalars[0] = 32
          count = 1
        }
        if !utf8, count > 1 || cell.width == 2 {
          // ASCII mode: one character per cell.
          for (offset, scalar) in text.unicodeScalars.prefix(max(1, cell.width)).enumerated() {
            var one = [wchar_t(bitPattern: scalar.value)]
            _ = mldebt_put_grapheme(Int32(y), Int32(x + offset), &one, 1, attrs, pair)
          }
          continue
        }
        _ = mldebt_put_grapheme(Int32(y), Int32(x), &scalars, Int32(count), attrs, pair)
      }
    }
    if let cursor = buffer.cursor {
      curs_set(1)
      wmove(mldebt_stdscr(), Int32(cursor.y), Int32(cursor.x))
    } else {
      curs_set(0)
    }
    wrefresh(mldebt_stdscr())
  }

  private func attributes(for style: Style) -> (attr_t, Int16) {
    let resolved = colors == 0 ? Theme.mono.resolve(style) : theme.resolve(style)
    var attrs = mldebt_a_normal()
    if resolved.attributes.contains(.bold) { attrs |= mldebt_a_bold() }
    if resolved.attributes.contains(.dim) { attrs |= mldebt_a_dim() }
    if resolved.attributes.contains(.underline) { attrs |= mldebt_a_underline() }
    if resolved.attributes.contains(.reverse) { attrs |= mldebt_a_reverse() }
    if resolved.attributes.contains(.italic) { attrs |= mldebt_a_italic() }
    guard colors > 0 else { return (attrs, 0) }
    let key = PairKey(
      foreground: resolved.foreground.index(forColors: colors),
      background: resolved.background.index(forColors: colors))
    if key.foreground == -1, key.background == -1 { return (attrs, 0) }
    if let pair = pairs[key] { return (attrs, pair) }
    let limit = min(Int(mldebt_color_pairs()) - 1, Int(Int16.max))
    guard Int(nextPair) <= limit else { return (attrs, 0) }
    let pair = nextPair
    nextPair += 1
    init_pair(pair, Int16(key.foreground), Int16(key.background))
    pairs[key] = pair
    return (attrs, pair)
  }

  /// Writes bytes straight to the terminal (for OSC 52), after the screen is up to date.
  func writeRaw(_ text: String) {
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes {
        Glibc.write(1, $0.baseAddress! + written, bytes.count - written)
      }
      if result <= 0 { break }
      written += result
    }
  }

  /// Waits up to 100 ms for input.
  func read() -> RawEvent? {
    var code: wint_t = 0
    let status = get_wch(&code)
    if status == ERR { return Self.terminalHungUp() ? .hangup : nil }
    if status == KEY_CODE_YES {
      let value = Int32(code)
      switch value {
      case KEY_RESIZE: return .resize(size)
      case KEY_MOUSE: return mouse()
      default: return Self.functionKey(value).map(RawEvent.key)
      }
    }
    return Self.character(UInt32(code)).map(RawEvent.key)
  }

  private func mouse() -> RawEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let state = event.bstate
    if state & mldebt_button4_pressed() != 0 { return .wheel(-3) }
    if state & mldebt_button5_pressed() != 0 { return .wheel(3) }
    if state & (mldebt_button1_pressed() | mldebt_button1_clicked()) != 0 {
      return .click(x: Int(event.x), y: Int(event.y))
    }
    return nil
  }

  /// Whether standard input's terminal has hung up (so reads will never block again).
  static func terminalHungUp() -> Bool {
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, 0) >= 0 else { return false }
    return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
  }

  /// Decodes a function-key code from `get_wch`.
  static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: .up
    case KEY_DOWN: .down
    case KEY_LEFT: .left
    case KEY_RIGHT: .right
    case KEY_HOME: .home
    case KEY_END: .end
    case KEY_PPAGE: .pageUp
    case KEY_NPAGE: .pageDown
    case KEY_ENTER: .enter
    case KEY_BACKSPACE: .backspace
    case KEY_DC: .delete
    case KEY_BTAB: .backTab
    default:
      (1...12).first { mldebt_key_f(Int32($0)) == code }.map(Key.function)
    }
  }

  /// Decodes a character from `get_wch`.
  static func character(_ value: UInt32) -> Key? {
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
    case 0..<32: return nil
    default:
      guard let scalar = Unicode.Scalar(value), !ScreenText.needsEscape(scalar) else { return nil }
      return .character(Character(scalar))
    }
  }

  /// SIGINT, SIGTERM, SIGHUP and SIGQUIT ask the loop to stop (it restores the terminal);
  /// crashes restore the terminal as they die.
  private static func installSignalHandlers() {
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
      signal(signalNumber) { received in pendingSignal.store(received, ordering: .relaxed) }
    }
    for signalNumber in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
      signal(signalNumber) { received in
        endwin()
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }

  /// Puts the default handlers back.
  static func restoreSignalHandlers() {
    for signalNumber in [
      SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE,
    ] {
      signal(signalNumber, SIG_DFL)
    }
  }
}

extension NcursesBackend {
  /// What terminfo says about `term`, read without opening a screen (nothing is drawn, the
  /// real terminal is untouched and nothing stays allocated); `nil` when terminfo has no entry
  /// for it.
  static func capabilities(term: String) -> (colors: Int, mouse: Bool)? {
    var colors: Int32 = 0
    var mouse: Int32 = 0
    guard mldebt_terminfo_probe(term, &colors, &mouse) != 0 else { return nil }
    return (max(Int(colors), 0), mouse != 0)
  }

  /// The ncurses library's version, such as `ncurses 6.4.20221231`.
  static var libraryVersion: String {
    curses_version().map { String(cString: $0) } ?? "unknown"
  }

  /// Whether the locale the environment sets (LC_CTYPE) is UTF-8.
  static func localeIsUTF8() -> Bool {
    mldebt_setlocale_ctype()
    return mldebt_locale_is_utf8() != 0
  }
}
