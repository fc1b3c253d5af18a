import Foundation
import MLDebt

/// The update for loading in the background: progress, the end of a load, cancelling (Esc) and
/// reloading (`r`). The run loop carries out the effects (``AppEffect/cancelLoad``,
/// ``AppEffect/reload``, ``AppEffect/analyse``, ``AppEffect/cancelAnalysis``).
extension AppState {
  /// Creates the state for a project that is still loading: an empty project named after its
  /// folder, and every view in its loading state until ``loadFinished(_:)``.
  public static func loading(
    root: String, size: Size, glyphs: Glyphs = .unicode, keymap: Keymap = .standard,
    themeName: String = "dark", themeNames: [String] = ["dark"], mouseEnabled: Bool = true
  ) -> AppState {
    let empty = ProjectBuilder(root: root, name: (root as NSString).lastPathComponent).build()
    var state = AppState(
      project: empty, size: size, glyphs: glyphs, keymap: keymap, themeName: themeName,
      themeNames: themeNames, mouseEnabled: mouseEnabled)
    state.load = .starting
    return state
  }

  /// Takes the sources' latest states from the load under way.
  public mutating func loadProgressed(_ sources: [SourceProgress]) {
    guard load.isLoading else { return }
    load.sources = sources
  }

  /// Advances the spinner (the run loop calls it about ten times a second while something
  /// runs); returns whether a redraw is due.
  public mutating func tick() -> Bool {
    guard load.isLoading else { return false }
    load.tick &+= 1
    return true
  }

  /// Takes the end of a load: shows the project (keeping the user's place) and asks for its
  /// analysis, or records that it was cancelled or failed.
  public mutating func loadFinished(_ result: Result<Project, ProjectLoadError>) -> [AppEffect] {
    switch result {
    case .success(let project):
      let first = !load.hasData
      replace(project, analysis: nil)
      load.phase = .loaded
      load.hasData = true
      load.analysisCancelled = false
      load.analysing = true
      if first {
        start(at: load.startView, selecting: load.startSelection)
        load.startView = nil
        load.startSelection = nil
      }
      report("loaded \(project.sources.count) source\(project.sources.count == 1 ? "" : "s")")
      return [.analyse]
    case .failure(.cancelled):
      load.phase = .cancelled
      report(cancelledMessage("loading"))
      return []
    case .failure(let error):
      load.phase = .failed(error.description)
      report(error.description, error: true)
      return []
    }
  }

  /// Esc with nothing else to close: cancels the load under way, else the background
  /// analysis; `nil` when neither runs.
  mutating func cancelComputation() -> [AppEffect]? {
    if load.phase == .loading {
      load.phase = .cancelling
      report("cancelling" + glyphs.ellipsis)
      return [.cancelLoad]
    }
    if load.hasData, !load.isLoading, load.analysing, analysis == nil {
      load.analysing = false
      load.analysisCancelled = true
      checklistState.rescoring = false
      report(cancelledMessage("analysis"))
      return [.cancelAnalysis]
    }
    return nil
  }

  /// `r`: loads the project again in the background (the views keep the current data until
  /// it ends), or recomputes a cancelled analysis.
  mutating func reload() -> [AppEffect] {
    if load.isLoading {
      report("already loading; Esc cancels")
      return []
    }
    load.phase = .loading
    load.sources = []
    load.analysisCancelled = false
    report("loading" + glyphs.ellipsis)
    return [.reload]
  }

  /// What the views show where the analysis goes: `analysing…`, or that it was cancelled.
  public var analysisPlaceholder: String {
    load.analysisCancelled ? "analysis cancelled: press r to reload" : glyphs.analysing
  }

  /// `WHAT cancelled — press r to reload` (a plain dash in ASCII).
  func cancelledMessage(_ what: String) -> String {
    "\(what) cancelled \(glyphs.chartMode == .ascii ? "-" : "—") press r to reload"
  }
}
