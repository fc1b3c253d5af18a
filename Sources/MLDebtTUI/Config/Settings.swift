import Foundation

/// What the command line says about settings; `nil` means the flag was not given.
public struct SettingFlags: Sendable {
  /// `--theme NAME`.
  public var theme: String?
  /// `--no-mouse` gives `false`.
  public var mouse: Bool?
  /// `--format FORMAT`.
  public var format: String?
  /// `--no-watch` gives `false`.
  public var watch: Bool?
  /// `--watch-interval SECONDS`.
  public var watchInterval: Double?

  /// Creates flags; every one not given by default.
  public init(
    theme: String? = nil, mouse: Bool? = nil, format: String? = nil, watch: Bool? = nil,
    watchInterval: Double? = nil
  ) {
    self.theme = theme
    self.mouse = mouse
    self.format = format
    self.watch = watch
    self.watchInterval = watchInterval
  }
}

/// The effective settings of mldebt and where each came from: flags, then the environment
/// (`MLDEBT_THEME`, `MLDEBT_MOUSE`, `MLDEBT_CHARTS`, `MLDEBT_FORMAT`, `MLDEBT_WATCH`,
/// `MLDEBT_WATCH_INTERVAL`), then the project's `.mldebt/tui.conf` and `.mldebt/keys.conf`,
/// then the user's `tui.conf` and `keys.conf` in `$XDG_CONFIG_HOME/mldebt/`, then defaults.
public struct Settings: Sendable {
  /// The theme to start with.
  public var theme: Setting<String>
  /// Whether the workbench captures the mouse.
  public var mouse: Setting<Bool>
  /// How charts draw; `nil` means by the locale (braille under UTF-8, else ASCII).
  public var charts: Setting<ChartMode?>
  /// The CLI's default output format: `table`, `json` or `markdown`.
  public var format: Setting<String>
  /// Whether the workbench follows changes to the project's files.
  public var watch: Setting<Bool>
  /// How often the workbench polls for changes where it cannot be notified, in seconds.
  public var watchInterval: Setting<Double>
  /// The key map: the standard one with the user's, then the project's, bindings applied.
  public var keymap: Keymap
  /// Where key bindings came from: each `keys.conf` read, with how many bindings it set.
  public var keymapSources: [(origin: SettingOrigin, count: Int)]
  /// The user's config directory, when `HOME` or `XDG_CONFIG_HOME` names one.
  public var userDirectory: String?
  /// The project's settings folder (`ROOT/.mldebt`), when a project was given.
  public var projectDirectory: String?
  /// Every problem found in the files and the environment, with where.
  public var problems: [ConfigProblem]

  /// The environment variable for each setting.
  public static let environmentNames = [
    "theme": "MLDEBT_THEME", "mouse": "MLDEBT_MOUSE", "charts": "MLDEBT_CHARTS",
    "format": "MLDEBT_FORMAT", "watch": "MLDEBT_WATCH", "watch-interval": "MLDEBT_WATCH_INTERVAL",
  ]

  /// The default polling interval, in seconds.
  public static let defaultWatchInterval = 2.0

  /// Resolves every setting through the layers. `projectRoot` is the project's directory, or
  /// `nil` when there is none (the project layer is then skipped).
  public static func resolve(
    flags: SettingFlags = SettingFlags(), environment: [String: String], projectRoot: String?
  ) -> Settings {
    let userDirectory = TUIConfig.configDirectory(environment: environment)
    let projectDirectory = projectRoot.map { $0 + "/.mldebt" }
    let user = userDirectory.map { TUIConfig.load(directory: $0) } ?? TUIConfig()
    let project = projectDirectory.map { TUIConfig.load(directory: $0, keymap: user.keymap) }
    var problems = user.problems + (project?.problems ?? [])

    var layers: [(config: TUIConfig, origin: (String, Int) -> SettingOrigin, folder: String)] = []
    if let project, let projectDirectory {
      layers.append((project, { .project(file: $0, line: $1) }, projectDirectory))
    }
    if let userDirectory {
      layers.append((user, { .user(file: $0, line: $1) }, userDirectory))
    }

    func fromFiles<Value>(_ name: String, _ value: (TUIConfig) -> Value?) -> Setting<Value>? {
      for layer in layers {
        if let found = value(layer.config) {
          let line = layer.config.lines[name] ?? 0
          return Setting(found, from: layer.origin(layer.folder + "/tui.conf", line))
        }
      }
      return nil
    }

    func fromEnvironment<Value>(_ name: String, _ parse: (String) -> Value?) -> Setting<Value>? {
      guard let variable = environmentNames[name], let text = environment[variable],
        !text.isEmpty
      else { return nil }
      if let value = parse(text) { return Setting(value, from: .environment(variable)) }
      problems.append(
        ConfigProblem(
          file: "environment", line: 0,
          "\(variable)=\(ScreenText.sanitize(text)) is not a valid \(name); ignored"))
      return nil
    }

    func find<Value>(
      _ name: String, flag: Value?, parse: (String) -> Value?, file: (TUIConfig) -> Value?
    ) -> Setting<Value>? {
      if let flag { return Setting(flag, from: .flag(flagName(name))) }
      return fromEnvironment(name, parse) ?? fromFiles(name, file)
    }

    func resolve<Value>(
      _ name: String, flag: Value?, parse: (String) -> Value?, file: (TUIConfig) -> Value?,
      default value: Value
    ) -> Setting<Value> {
      find(name, flag: flag, parse: parse, file: file) ?? Setting(value, from: .builtIn(nil))
    }

    let theme = resolve(
      "theme", flag: flags.theme, parse: { $0 }, file: \.theme, default: "dark")
    let mouse = resolve(
      "mouse", flag: flags.mouse, parse: TUIConfig.onOff, file: \.mouse, default: true)
    let chartMode = find(
      "charts", flag: nil as ChartMode?, parse: { ChartMode(rawValue: $0.lowercased()) },
      file: \.charts)
    let format = resolve(
      "format", flag: flags.format,
      parse: { TUIConfig.formats.contains($0.lowercased()) ? $0.lowercased() : nil },
      file: \.format, default: "table")
    let watch = resolve(
      "watch", flag: flags.watch, parse: TUIConfig.onOff, file: \.watch, default: true)
    let interval = resolve(
      "watch-interval", flag: flags.watchInterval, parse: TUIConfig.interval,
      file: \.watchInterval, default: defaultWatchInterval)

    var keymapSources: [(origin: SettingOrigin, count: Int)] = []
    if let userDirectory, user.keyBindingCount > 0 {
      keymapSources.append(
        (.user(file: userDirectory + "/keys.conf", line: 0), user.keyBindingCount))
    }
    if let project, let projectDirectory, project.keyBindingCount > 0 {
      keymapSources.append(
        (.project(file: projectDirectory + "/keys.conf", line: 0), project.keyBindingCount))
    }
    return Settings(
      theme: theme, mouse: mouse,
      charts: chartMode.map { Setting($0.value, from: $0.origin) }
        ?? Setting(nil, from: .builtIn("by the locale")), format: format,
      watch: watch, watchInterval: interval, keymap: project?.keymap ?? user.keymap,
      keymapSources: keymapSources, userDirectory: userDirectory,
      projectDirectory: projectDirectory, problems: problems)
  }

  private static func flagName(_ name: String) -> String {
    switch name {
    case "mouse": "--no-mouse"
    case "watch": "--no-watch"
    default: "--" + name
    }
  }
}
