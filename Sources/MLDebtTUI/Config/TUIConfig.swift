import Foundation

/// The TUI's user configuration: options from `tui.conf` and key bindings from `keys.conf`, both
/// in `$XDG_CONFIG_HOME/mldebt/` (or `~/.config/mldebt/`), both `name = value` lines.
public struct TUIConfig: Sendable {
  /// The theme to start with (`theme = light`).
  public var theme: String?
  /// Whether to capture the mouse (`mouse = off`).
  public var mouse: Bool?
  /// How charts draw (`charts = braille | blocks | ascii`).
  public var charts: ChartMode?
  /// The key map with the user's overrides.
  public var keymap: Keymap = .standard
  /// Every problem found in the files.
  public var problems: [ConfigProblem] = []

  /// Creates an empty configuration.
  public init() {}

  /// `$XDG_CONFIG_HOME/mldebt`, or `$HOME/.config/mldebt`.
  public static func configDirectory(environment: [String: String]) -> String? {
    if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/mldebt" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.config/mldebt" }
    return nil
  }

  /// Reads both files from the config directory; missing files are fine.
  public static func load(environment: [String: String]) -> TUIConfig {
    var config = TUIConfig()
    guard let directory = configDirectory(environment: environment) else { return config }
    if let text = read(directory + "/tui.conf") {
      config.apply(options: text, file: directory + "/tui.conf")
    }
    if let text = read(directory + "/keys.conf") {
      let (keymap, problems) = Keymap.standard.applying(
        overrides: text, file: directory + "/keys.conf")
      config.keymap = keymap
      config.problems += problems
    }
    return config
  }

  private static func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path), data.count < 1_000_000 else {
      return nil
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Applies `tui.conf` text: `theme = NAME`, `mouse = on|off`, `charts = braille|blocks|ascii`.
  public mutating func apply(options text: String, file: String) {
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let content = ConfigLine.stripComment(String(raw))
      if content.isEmpty { continue }
      let line = number + 1
      guard let (name, value) = ConfigLine.split(content) else {
        problems.append(ConfigProblem(file: file, line: line, "expected `NAME = VALUE`"))
        continue
      }
      switch name.lowercased() {
      case "theme":
        theme = value
      case "mouse":
        switch value.lowercased() {
        case "on", "true", "yes": mouse = true
        case "off", "false", "no": mouse = false
        default: problems.append(ConfigProblem(file: file, line: line, "mouse is `on` or `off`"))
        }
      case "charts":
        if let mode = ChartMode(rawValue: value.lowercased()) {
          charts = mode
        } else {
          problems.append(
            ConfigProblem(file: file, line: line, "charts is braille, blocks or ascii"))
        }
      default:
        problems.append(
          ConfigProblem(
            file: file, line: line,
            "unknown option `\(ScreenText.sanitize(name))`; options are theme, mouse, charts"))
      }
    }
  }
}
