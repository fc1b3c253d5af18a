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
    let project: Project
    if let loaded = launch.project {
      project = loaded
    } else {
      do {
        project = try Project.load(at: launch.projectPath, options: launch.loadOptions)
      } catch {
        printError("mldebt: \(error.description)")
        return 2
      }
    }
    let settings = Settings.resolve(
      flags: launch.settingFlags, environment: environment, projectRoot: project.root)
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
    var state = AppState(
      project: project, size: backend.size, glyphs: glyphs, keymap: settings.keymap,
      themeName: theme.name, themeNames: catalog.names, mouseEnabled: settings.mouse.value)
    state.exportDirectory = ExportWriter.defaultDirectory(
      environment: environment, projectRoot: project.root)
    for problem in problems { state.report(problem, error: true) }
    state.start(at: launch.startView, selecting: launch.startSelection)
    if noColor, settings.theme.origin != .builtIn(nil) {
      state.report("NO_COLOR is set: themes show attributes only")
    }
    let pending = PendingAnalysis()
    let analyse = launch.analyse
    Thread.detachNewThread { [project] in pending.deliver(analyse(project)) }
    var live: LiveSession?
    if settings.watch.value {
      let path = launch.projectPath
      var options = launch.loadOptions
      // Nothing may write to the terminal under the screen.
      options.progress = nil
      live = LiveSession(
        project: project, interval: settings.watchInterval.value,
        load: { [options] in try Project.load(at: path, options: options) }, analyse: analyse)
      live?.start(forcePolling: environment["MLDEBT_WATCH_POLL"] == "1")
    }
    defer { live?.stop() }
    return loop(
      &state, backend: backend, catalog: catalog, environment: environment, pending: pending,
      live: live)
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

  private static func loop(
    _ state: inout AppState, backend: NcursesBackend, catalog: ThemeCatalog,
    environment: [String: String], pending: PendingAnalysis, live: LiveSession?
  ) -> Int32 {
    let inTmux = environment["TMUX"] != nil
    var frame = Shell.render(state, size: state.size)
    backend.draw(frame)
    while true {
      let signalNumber = pendingSignal.load(ordering: .relaxed)
      if signalNumber != 0 { return 128 + signalNumber }
      if let live, live.apply(to: &state) {
        frame = Shell.render(state, size: state.size)
        backend.draw(frame)
      }
      if let analysis = pending.take(), !(live?.hasReloaded ?? false) {
        state.apply(analysis)
        for diagnostic in analysis.diagnostics { state.report(diagnostic.description) }
        frame = Shell.render(state, size: state.size)
        backend.draw(frame)
      }
      guard let raw = backend.read() else { continue }
      let event: InputEvent
      switch raw {
      case .key(let key): event = .key(key)
      case .click(let x, let y): event = .click(frame.hit(x: x, y: y))
      case .wheel(let lines): event = .scroll(lines: lines)
      case .resize(let size): event = .resize(size)
      case .hangup: return 128 + SIGHUP
      }
      var copies: [String] = []
      for effect in state.handle(event) {
        switch effect {
        case .quit:
          return 0
        case .copy(let text):
          copies.append(text)
        case .applyTheme(let name):
          switch catalog.load(name) {
          case .success(let theme): backend.use(theme)
          case .failure(let error): state.report("theme \(name): \(error.description)", error: true)
          }
        case .setMouse(let on):
          backend.setMouse(on)
        case .redraw:
          backend.invalidate()
        case .writeFile(let path, let contents, let what):
          let outcome = ExportWriter.write(
            contents, to: path, what: what, environment: environment)
          state.report(outcome.message, error: outcome.isError)
        case .exportReview(let format, let path):
          let outcome = ExportWriter.review(
            state, format: format, to: path, environment: environment)
          state.report(outcome.message, error: outcome.isError)
        }
      }
      frame = Shell.render(state, size: state.size)
      backend.draw(frame)
      for text in copies { backend.writeRaw(Clipboard.osc52(text, inTmux: inTmux)) }
    }
  }

  private static func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
