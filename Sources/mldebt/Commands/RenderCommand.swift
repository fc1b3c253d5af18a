import ArgumentParser
import Foundation
import MLDebt
import MLDebtScript
import MLDebtTUI

/// `mldebt render VIEW [PATH]`: prints what the workbench draws for a view, as text.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print what the workbench shows for a view, as plain text (or with ANSI colours).",
    discussion: """
      The screen comes from the same renderer as the TUI (Shell.render), so it is exactly what \
      `mldebt PATH` draws for that view, size and selection; no terminal is needed. VIEW is \
      overview, lineage, runs, drift, checklist or sources (or 1-6). --select takes the id of a \
      row in the view's list (a node such as feature:age in lineage, a run id in runs, an area \
      id in checklist). Colours are added with --color or --theme, never with --no-color or \
      when NO_COLOR is set.
      """
  )

  @Argument(help: "The view: overview, lineage, runs, drift, checklist, sources, or 1-6.")
  var view: String

  @OptionGroup var project: ProjectOptions
  @OptionGroup var checklistOptions: ChecklistOptions

  @Option(help: "The screen size, COLUMNSxROWS.")
  var size: String = "120x40"

  @Option(help: "Select this row of the view's list (its id, such as feature:age).")
  var select: String?

  @Option(help: "Colour with this theme (a name from themes/; implies --color).")
  var theme: String?

  @Flag(help: "Add ANSI colours and attributes from the theme (dark unless --theme).")
  var color = false

  @Flag(help: "Plain text, even with --color or --theme.")
  var noColor = false

  @Flag(help: "ASCII characters only (borders, markers and charts).")
  var ascii = false

  func validate() throws {
    guard ViewID(named: view) != nil else {
      throw ValidationError(
        "no view `\(view)`; views are \(ViewID.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard parsedSize != nil else {
      throw ValidationError("--size takes COLUMNSxROWS such as 120x40, not \(size)")
    }
  }

  /// The size asked for, when it is well formed (10x5 to 1000x500).
  var parsedSize: Size? {
    let parts = size.lowercased().split(separator: "x")
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
      (10...1000).contains(width), (5...500).contains(height)
    else { return nil }
    return Size(width: width, height: height)
  }

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let loaded = try project.load()
    let analysis = LuaChecks.analyse(loaded, now: try checklistOptions.now())
    Console.report(analysis.diagnostics)
    guard let target = ViewID(named: view), let size = parsedSize else { return }
    var state = AppState(
      project: loaded, analysis: analysis, size: size, glyphs: ascii ? .ascii : .unicode)
    state.view = target
    if let select, !state.select(id: select, in: target) {
      let examples = state.items(in: target).prefix(5).map(\.id).joined(separator: ", ")
      Console.error(
        "mldebt: no row `\(select)` in the \(target.rawValue) view"
          + (examples.isEmpty ? " (it has no rows)" : "; ids look like: \(examples)"))
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    let buffer = Shell.render(state, size: size)
    let wantsColor =
      !noColor && (color || theme != nil) && (environment["NO_COLOR"] ?? "").isEmpty
    guard wantsColor else {
      Console.out(buffer.plainText())
      return
    }
    let catalog = ThemeCatalog.standard(
      environment: environment, executablePath: Bundle.main.executablePath,
      currentDirectory: FileManager.default.currentDirectoryPath)
    switch catalog.load(theme ?? "dark") {
    case .success(let loadedTheme):
      Console.out(buffer.ansiText(theme: loadedTheme))
    case .failure(let error):
      Console.error("mldebt: theme \(theme ?? "dark"): \(error.description)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
  }
}
