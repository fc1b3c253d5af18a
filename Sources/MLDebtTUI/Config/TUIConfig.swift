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
  /// The default output format of the CLI (`format = table | json | markdown`).
  public var format: String?
  /// Whether the workbench follows changes to the project's files (`watch = on | off`).
  public var watch: Bool?
  /// How often the workbench polls for changes, in seconds (`watch-interval = 2`).
  public var watchInterval: Double?
  /// The line each option was set on, by option name.
  public var lines: [String: Int] = [:]
  /// The key map with the user's overrides.
  public var keymap: Keymap = .standard
  /// How many bindings `keys.conf` sets.
  public var keyBindingCount = 0
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
    guard let directory = configDirectory(environment: environment) else { return TUIConfig() }
    return load(directory: directory)
  }

  /// Reads `tui.conf` and `keys.conf` from `directory` (a user's config directory or a project's
  /// `.mldebt/`), applying the key bindings on top of `keymap`; missing files are fine.
  public static func load(directory: String, keymap: Keymap = .standard) -> TUIConfig {
    var config = TUIConfig()
    config.keymap = keymap
    if let text = read(directory + "/tui.conf") {
      config.apply(options: text, file: directory + "/tui.conf")
    }
    if let text = read(directory + "/keys.conf") {
      let (applied, problems) = keymap.applying(overrides: text, file: directory + "/keys.conf")
      config.keymap = applied
      config.problems += problems
      config.keyBindingCount =
        text.split(separator: "\n").filter {
          !ConfigLine.stripComment(String($0)).isEmpty
        }.count
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
      let option = name.lowercased()
      lines[option] = line
      switch option {
      case "theme":
        theme = value
      case "mouse":
        switch Self.onOff(value) {
        case .some(let on): mouse = on
        case .none: problems.append(ConfigProblem(file: file, line: line, "mouse is `on` or `off`"))
        }
      case "watch":
        switch Self.onOff(value) {
        case .some(let on): watch = on
        case .none: problems.append(ConfigProblem(file: file, line: line, "watch is `on` or `off`"))
        }
      case "watch-interval":
        if let seconds = Self.interval(value) {
          watchInterval = seconds
        } else {
          problems.append(
            ConfigProblem(
              file: file, line: line, "watch-interval is a number of seconds from 0.1 to 3600"))
        }
      case "format":
        if Self.formats.contains(value.lowercased()) {
          format = value.lowercased()
        } else {
          problems.append(
            ConfigProblem(file: file, line: line, "format is table, json or markdown"))
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
            "unknown option `\(ScreenText.sanitize(name))`; options are "
              + "\(Self.optionNames.joined(separator: ", "))"))
        lines[option] = nil
      }
    }
  }

  /// Every option `tui.conf` takes.
  public static let optionNames = ["theme", "mouse", "charts", "format", "watch", "watch-interval"]

  /// The output formats `format` takes.
  public static let formats = ["table", "json", "markdown"]

  /// `on`/`true`/`yes` or `off`/`false`/`no`, else `nil`.
  public static func onOff(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "on", "true", "yes", "1": true
    case "off", "false", "no", "0": false
    default: nil
    }
  }

  /// A polling interval in seconds (`2`, `0.5`, `2s`), from 0.1 to 3600, else `nil`.
  public static func interval(_ value: String) -> Double? {
    let text = value.lowercased().hasSuffix("s") ? String(value.dropLast()) : value
    guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)),
      seconds >= 0.1, seconds <= 3600
    else { return nil }
    return seconds
  }
}
