/// A problem in a user configuration file, with where it is.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
  /// The file.
  public var file: String
  /// The 1-based line.
  public var line: Int
  /// What is wrong.
  public var message: String

  /// Creates a problem.
  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`.
  public var description: String { "\(file):\(line): \(message)" }
}

extension Keymap {
  /// Applies a key-binding file: one `KEY = ACTION` per line (`ACTION` may be `none` to unbind),
  /// `#` starts a comment. Returns the new key map and every problem: lines that do not parse,
  /// unknown keys or actions, a key bound twice in the file (the first wins), the reserved
  /// Ctrl-c, and actions left with no key.
  public func applying(overrides text: String, file: String) -> (Keymap, [ConfigProblem]) {
    var keymap = self
    var problems: [ConfigProblem] = []
    var seen: [Key: (line: Int, action: String)] = [:]
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let line = number + 1
      let content = ConfigLine.stripComment(String(raw))
      if content.isEmpty { continue }
      guard let (lhs, rhs) = ConfigLine.split(content) else {
        problems.append(
          ConfigProblem(
            file: file, line: line, "expected `KEY = ACTION`, got `\(ScreenText.sanitize(content))`"
          ))
        continue
      }
      guard let key = Key(name: lhs) else {
        problems.append(
          ConfigProblem(
            file: file, line: line,
            "unknown key `\(ScreenText.sanitize(lhs))`; keys are written like j, G, ctrl-d, enter, esc, tab, shift-tab, pgdn, space, f1"
          ))
        continue
      }
      let action: Action?
      if rhs == "none" {
        action = nil
      } else if let known = Action(rawValue: rhs) {
        action = known
      } else {
        problems.append(
          ConfigProblem(
            file: file, line: line,
            "unknown action `\(ScreenText.sanitize(rhs))`; see `?` in the app for the action names, or `none` to unbind"
          ))
        continue
      }
      if key == Self.reservedQuitKey {
        problems.append(
          ConfigProblem(file: file, line: line, "ctrl-c always quits and cannot be rebound"))
        continue
      }
      if let earlier = seen[key] {
        problems.append(
          ConfigProblem(
            file: file, line: line,
            "`\(key)` is already bound to `\(earlier.action)` on line \(earlier.line); this line is ignored"
          ))
        continue
      }
      seen[key] = (line, rhs)
      let previous = keymap.action(for: key)
      keymap.bind(key, to: action)
      if let previous, previous != action, keymap.keys(for: previous).isEmpty {
        problems.append(
          ConfigProblem(
            file: file, line: line,
            "`\(previous.rawValue)` has no key left (it was on `\(key)`); it is still reachable as `:\(previous.rawValue)`"
          ))
      }
    }
    return (keymap, problems)
  }
}

/// The tiny `name = value` line format of the TUI's configuration files.
enum ConfigLine {
  /// The line without its `#` comment and surrounding blanks (the keys `#` and `=` are written
  /// `hash` and `equals`).
  static func stripComment(_ line: String) -> String {
    var text = line
    if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
    return trim(text)
  }

  /// `name = value`, both trimmed and non-empty.
  static func split(_ line: String) -> (String, String)? {
    guard let equals = line.firstIndex(of: "=") else { return nil }
    let lhs = trim(String(line[..<equals]))
    let rhs = trim(String(line[line.index(after: equals)...]))
    guard !lhs.isEmpty, !rhs.isEmpty else { return nil }
    return (lhs, rhs)
  }

  static func trim(_ text: String) -> String {
    var slice = Substring(text)
    while let c = slice.first, c == " " || c == "\t" || c == "\r" { slice.removeFirst() }
    while let c = slice.last, c == " " || c == "\t" || c == "\r" { slice.removeLast() }
    return String(slice)
  }
}
