import ArgumentParser
import Foundation
import MLDebt
import MLDebtScript
import MLDebtTUI

/// `mldebt [PATH]`: opens the terminal workbench.
struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the terminal workbench on a project (the default command)."
  )

  @OptionGroup var project: ProjectOptions

  @Option(name: .long, help: "The theme to start with (a name from themes/).")
  var theme: String?

  @Flag(name: .long, help: "Do not capture the mouse, so text can be selected natively.")
  var noMouse = false

  @Flag(name: .long, help: "Do not follow changes to the project's files (live mode).")
  var noWatch = false

  @Option(
    name: .long,
    help: "How often to poll for changes where the system cannot notify (seconds; default 2).")
  var watchInterval: Double?

  @Option(
    name: .long, help: "The view to open on: overview, lineage, runs, drift, checklist, sources.",
    completion: ProjectCompletions.views)
  var view: String?

  @Option(
    name: .long, help: "The item to select at start: a node id (kind:name) or a run id.",
    completion: ProjectCompletions.nodesAndRuns)
  var select: String?

  func validate() throws {
    if let watchInterval, !(0.1...3600).contains(watchInterval) {
      throw ValidationError("--watch-interval takes seconds from 0.1 to 3600")
    }
    if let view, ViewID(named: view) == nil {
      throw ValidationError(
        "--view takes one of \(ViewID.allCases.map(\.rawValue).joined(separator: ", ")), "
          + "not \(view)")
    }
  }

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let term = environment["TERM"] ?? ""
    if !Console.isTerminal(STDIN_FILENO) || !Console.isTerminal(STDOUT_FILENO) || term.isEmpty
      || term == "dumb"
    {
      Console.error(
        "mldebt: no terminal to draw on (stdin and stdout must be a terminal, TERM not dumb). "
          + "For the same data as text, run `mldebt sources \(project.path)`.")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    // Fail before the screen is taken over when the path is not a project; the sources are
    // read in the background behind the loading screen.
    do {
      try Project.checkPath(project.path)
    } catch {
      Console.error("mldebt: \(error)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    var launch = TUILaunch(
      projectPath: project.path, theme: theme, mouse: !noMouse, loadOptions: project.loadOptions,
      analyse: { LuaChecks.analyse($0) })
    launch.startView = view.flatMap(ViewID.init(named:))
    launch.watch = noWatch ? false : nil
    launch.watchInterval = watchInterval
    launch.startSelection = select
    let status = TUIApp.run(launch)
    if status != 0 { throw ExitCode(status) }
  }
}
