/// A key press, decoded by the backend (or written in a key-binding file).
public enum Key: Sendable, Hashable, CustomStringConvertible {
  /// A printable character (`j`, `G`, `?`, `é`, space).
  case character(Character)
  /// Ctrl and a letter (`ctrl-d` is `.control("d")`).
  case control(Character)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Home.
  case home
  /// End.
  case end
  /// Page up.
  case pageUp
  /// Page down.
  case pageDown
  /// Enter or Return.
  case enter
  /// Escape.
  case escape
  /// Backspace.
  case backspace
  /// Delete.
  case delete
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// A function key, F1–F12.
  case function(Int)

  /// The key's name as key-binding files and help write it: `j`, `G`, `ctrl-d`, `enter`,
  /// `shift-tab`, `pgdn`, `space`, `f1`.
  public var description: String {
    switch self {
    case .character(" "): "space"
    case .character("="): "equals"
    case .character("#"): "hash"
    case .character(let c): String(c)
    case .control(let c): "ctrl-\(c)"
    case .up: "up"
    case .down: "down"
    case .left: "left"
    case .right: "right"
    case .home: "home"
    case .end: "end"
    case .pageUp: "pgup"
    case .pageDown: "pgdn"
    case .enter: "enter"
    case .escape: "esc"
    case .backspace: "backspace"
    case .delete: "delete"
    case .tab: "tab"
    case .backTab: "shift-tab"
    case .function(let n): "f\(n)"
    }
  }

  /// A short form for hints: `↑`-free, ASCII only (`^d` for Ctrl-d, `S-tab` for Shift-Tab).
  public var shortName: String {
    switch self {
    case .control(let c): "^\(c)"
    case .backTab: "S-tab"
    case .escape: "esc"
    default: description
    }
  }

  private static let named: [String: Key] = [
    "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
    "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "enter": .enter,
    "return": .enter, "esc": .escape, "escape": .escape, "backspace": .backspace, "bs": .backspace,
    "delete": .delete, "del": .delete, "tab": .tab, "shift-tab": .backTab, "backtab": .backTab,
    "space": .character(" "), "equals": .character("="), "hash": .character("#"),
  ]

  /// Parses a key name as ``description`` writes it (case matters for single characters;
  /// names are case-insensitive). Returns `nil` for anything else.
  public init?(name: String) {
    var slice = Substring(name)
    while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
    while slice.last == " " || slice.last == "\t" { slice.removeLast() }
    let trimmed = String(slice)
    if trimmed.count == 1, let c = trimmed.first {
      guard !c.unicodeScalars.contains(where: ScreenText.needsEscape) else { return nil }
      self = .character(c)
      return
    }
    let lower = trimmed.lowercased()
    if let key = Self.named[lower] {
      self = key
      return
    }
    for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
      let rest = lower.dropFirst(prefix.count)
      if rest.count == 1, let c = rest.first, c.isASCII, c.isLetter {
        self = .control(c)
        return
      }
      return nil
    }
    if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
      self = .function(n)
      return
    }
    return nil
  }
}
