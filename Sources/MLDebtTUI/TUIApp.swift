import MLDebt

/// How the TUI is started.
public struct TUILaunch: Sendable {
  /// The project directory or manifest to open.
  public var projectPath: String
  /// A theme name (a file in `themes/`), or `nil` for the configured default.
  public var theme: String?
  /// Whether to capture the mouse.
  public var mouse: Bool
  /// How to load the project.
  public var loadOptions: LoadOptions

  /// Creates launch settings.
  public init(projectPath: String, theme: String? = nil, mouse: Bool = true, loadOptions: LoadOptions = LoadOptions()) {
    self.projectPath = projectPath
    self.theme = theme
    self.mouse = mouse
    self.loadOptions = loadOptions
  }
}

/// The entry point of the terminal app.
public enum TUIApp {
  /// Runs the app until the user quits; returns the process exit code.
  public static func run(_ launch: TUILaunch) -> Int32 {
    // Replaced by the shell (issue 4): the ncurses backend, views and keymap.
    return 2
  }
}
