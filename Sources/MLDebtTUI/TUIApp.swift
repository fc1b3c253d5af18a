import Foundation
import Glibc
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
  /// The environment (for `TERM`, `NO_COLOR`, `TMUX` and the config directory); the process's
  /// own when `nil`.
  public var environment: [String: String]?
  /// An already loaded project (the CLI loads it to fail before the screen is taken over);
  /// when `nil`, `run` loads `projectPath`.
  public var project: Project?
  /// Computes the analysis (graph, drift, checklist) in the background once the first frame
  /// is up; the CLI passes one that counts the project's Lua checks. The default runs the
  /// built-in detectors.
  public var analyse: @Sendable (Project) -> ProjectAnalysis
  /// Whether to follow changes to the project's files (`--no-watch` gives `false`; `nil` leaves
  /// it to the configuration).
  public var watch: Bool?
  /// The polling interval in seconds (`--watch-interval`), or `nil` for the configured one.
  public var watchInterval: Double?
  /// The view to open on (`--view`), or `nil` for the Overview.
  public var startView: ViewID?
  /// The id of the item to select at start (`--select`): a node id or a run id.
  public var startSelection: String?

  /// Creates launch settings.
  public init(
    projectPath: String, theme: String? = nil, mouse: Bool = true,
    loadOptions: LoadOptions = LoadOptions(), environment: [String: String]? = nil,
    project: Project? = nil,
    analyse: @escaping @Sendable (Project) -> ProjectAnalysis = { ProjectAnalysis.compute($0) }
  ) {
    self.project = project
    self.analyse = analyse
    self.projectPath = projectPath
    self.theme = theme
    self.mouse = mouse
    self.loadOptions = loadOptions
    self.environment = environment
  }
}

extension TUILaunch {
  /// The settings the launch's flags give (docs/config.md: flags win over every other layer).
  public var settingFlags: SettingFlags {
    SettingFlags(
      theme: theme, mouse: mouse ? nil : false, watch: watch, watchInterval: watchInterval)
  }
}

/// The entry point of the terminal app.
public enum TUIApp {
  /// Runs the app until the user quits; returns the process exit code (0 on quit, 2 when it
  /// cannot start, 128 + N after signal N).
  public static func run(_ launch: TUILaunch) -> Int32 {
    let environment = launch.environment ?? ProcessInfo.processInfo.environment
    if let refusal = refusal(
      environment: environment, stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1)
    {
      printError(refusal)
      return 2
    }
    let root: String
    if let loaded = launch.project {
      root = loaded.root
    } else {
      // Only the path is checked here; the sources are read behind the first frame.
      do {
        root = try Project.checkPath(launch.projectPath)
      } catch {
        printError("mldebt: \(error.description)")
        return 2
      }
    }
    let settings = Settings.resolve(
      flags: launch.settingFlags, environment: environment, projectRoot: root)
    let catalog = ThemeCatalog.standard(
      environment: environment, executablePath: Bundle.main.executablePath,
      currentDirectory: FileManager.default.currentDirectoryPath)
    var problems = settings.problems.map(\.description)
    let wanted = settings.theme.value
    var theme = Theme.dark
    switch catalog.load(wanted) {
    case .success(let loaded): theme = loaded
    case .failure(let error):
      problems.append("theme \(wanted): \(error.description); using the built-in dark theme")
    }
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    for problem in problems { printError("mldebt: \(problem)") }

    let backend = NcursesBackend(theme: theme, useColor: !noColor, mouse: settings.mouse.value)
    defer {
      backend.end()
      NcursesBackend.restoreSignalHandlers()
    }
    var glyphs = backend.utf8 ? Glyphs.unicode : Glyphs.ascii
    if let charts = settings.charts.value { glyphs = glyphs.with(chartMode: charts) }
    var state: AppState
    if let project = launch.project {
      state = AppState(
        project: project, size: backend.size, glyphs: glyphs, keymap: settings.keymap,
        themeName: theme.name, themeNames: catalog.names, mouseEnabled: settings.mouse.value)
      state.scoreHistory = ScoreHistory.load(for: project)
      state.start(at: launch.startView, selecting: launch.startSelection)
    } else {
      state = AppState.loading(
        root: root, size: backend.size, glyphs: glyphs, keymap: settings.keymap,
        themeName: theme.name, themeNames: catalog.names, mouseEnabled: settings.mouse.value)
      state.view = launch.startView ?? .overview
      state.load.startView = launch.startView
      state.load.startSelection = launch.startSelection
    }
    state.exportDirectory = ExportWriter.defaultDirectory(
      environment: environment, projectRoot: root)
    for problem in problems { state.report(problem, error: true) }
    state.user = AttestationSave.identity(environment: environment)
    if noColor, settings.theme.origin != .builtIn(nil) {
      state.report("NO_COLOR is set: themes show attributes only")
    }
    var options = launch.loadOptions
    // Nothing may write to the terminal under the screen.
    options.progress = nil
    let path = launch.projectPath
    let analyse = launch.analyse
    let watch = settings.watch.value
    let interval = settings.watchInterval.value
    let forcePolling = environment["MLDEBT_WATCH_POLL"] == "1"
    let loop = AppRunLoop(
      backend: backend, catalog: catalog, environment: environment, analyse: analyse,
      loader: BackgroundLoad(path: path, options: options)
    ) { [options] project in
      guard watch else { return nil }
      // Live reloads read an MLflow file store without the run cache: the cache trusts an ended
      // run's meta.yaml (docs/runs.md), and a watched store is one whose files are changing, so
      // points logged to an ended run must still appear.
      var reloadOptions = options
      reloadOptions.cacheRuns = false
      reloadOptions.runCache = nil
      let live = LiveSession(
        project: project, interval: interval,
        load: { [reloadOptions] in try Project.load(at: path, options: reloadOptions) },
        analyse: analyse)
      live.start(forcePolling: forcePolling)
      return live
    }
    if let project = launch.project {
      loop.startLive(project)
      state.load.analysing = true
      loop.pending.start { analyse(project) }
    } else {
      loop.loader.start()
    }
    defer { loop.live?.stop() }
    return loop.run(&state)
  }

  /// Why the app will not draw, or `nil` when it can.
  static func refusal(environment: [String: String], stdinIsTTY: Bool, stdoutIsTTY: Bool) -> String?
  {
    let hint = "use `mldebt sources PATH` or `mldebt render` for text output"
    if !stdinIsTTY || !stdoutIsTTY {
      return "mldebt: the workbench needs a terminal on stdin and stdout; \(hint)"
    }
    let term = environment["TERM"] ?? ""
    if term.isEmpty || term == "dumb" {
      return
        "mldebt: TERM is \(term.isEmpty ? "not set" : "dumb"), so the workbench cannot draw; \(hint)"
    }
    return nil
  }

  static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
