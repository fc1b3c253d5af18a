import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// The TUI loading in the background: the loading screen, keys while it loads, Esc cancelling
/// a load or an analysis, `r` reloading, and the views filling in when the load ends.
@Suite("Loading in the background")
struct LoadingTests {
  /// The state of a first load that is under way, with one source read, one failed, one being
  /// read and one waiting.
  static func midLoad(glyphs: Glyphs = .unicode) -> AppState {
    var state = AppState.loading(
      root: "/tmp/car-loans", size: Size(width: 80, height: 24), glyphs: glyphs)
    state.loadProgressed([
      SourceProgress(
        kind: .manifest, path: "mldebt.yaml",
        state: .done(
          SourceSummary(
            kind: .manifest, path: "mldebt.yaml", status: .loaded,
            counts: ["datasets": 14, "features": 10, "models": 2]))),
      SourceProgress(
        kind: .dvc, path: "dvc.yaml",
        state: .failed("dvc.yaml:3:1: error: stages must be a mapping")),
      SourceProgress(
        kind: .mlflowFileStore, path: "mlruns",
        state: .reading(step: "MLflow runs", done: 1_200, total: 3_000)),
      SourceProgress(kind: .monitoring, path: "data/monitoring/current.csv"),
    ])
    return state
  }

  @discardableResult
  func press(_ state: inout AppState, _ keys: Key...) -> [AppEffect] {
    keys.flatMap { state.handle(.key($0)) }
  }

  @Test func loadingScreenMidLoad() {
    let state = Self.midLoad()
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "loading-mid-80x24")
    #expect(text.contains("Overview: loading car-loans"))
    #expect(text.contains("1200/3000 MLflow runs"))
    #expect(text.contains("error: stages must be"))
    #expect(text.contains("waiting"))
  }

  @Test func loadingScreenInASCII() {
    let state = Self.midLoad(glyphs: .ascii)
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "loading-mid-ascii-80x24")
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
  }

  @Test func cancelledScreen() {
    var state = Self.midLoad()
    #expect(press(&state, .escape) == [.cancelLoad])
    #expect(state.load.phase == .cancelling)
    // The loader marks what had not finished as cancelled, then ends.
    state.loadProgressed(
      state.load.sources.map { source in
        var source = source
        if !source.isFinished { source.state = .cancelled }
        return source
      })
    #expect(state.loadFinished(.failure(.cancelled)).isEmpty)
    #expect(state.load.phase == .cancelled)
    let text = Shell.render(state, size: state.size).plainText()
    Golden.check(text, "loading-cancelled-80x24")
    #expect(text.contains("Loading cancelled — press r to reload"))
    #expect(state.message?.text == "loading cancelled — press r to reload")
  }

  @Test func keysWorkWhileLoading() {
    var state = Self.midLoad()
    press(&state, .character("?"))
    guard case .help = state.mode else {
      Issue.record("? should open the help while loading")
      return
    }
    press(&state, .escape)
    #expect(state.load.phase == .loading, "Esc closes the help before it cancels anything")
    press(&state, .character(":"))
    guard case .palette = state.mode else {
      Issue.record(": should open the palette while loading")
      return
    }
    press(&state, .escape, .character("2"))
    #expect(state.view == .lineage)
    let text = Shell.render(state, size: state.size).plainText()
    #expect(text.contains("Lineage: loading car-loans"))
    #expect(text.contains("The Lineage view fills in when loading ends."))
    #expect(press(&state, .character("r")).isEmpty)
    #expect(state.message?.text.contains("already loading") == true)
    #expect(press(&state, .character("q")) == [.quit])
  }

  @Test func completionFillsTheViewsAndAsksForTheAnalysis() {
    var state = Self.midLoad()
    state.load.startSelection = "model:default_risk"
    press(&state, .character("3"))
    #expect(state.items(in: .runs).isEmpty)
    let project = TestProject.make()
    #expect(state.loadFinished(.success(project)) == [.analyse])
    #expect(state.load.phase == .loaded)
    #expect(!state.load.showsScreen)
    #expect(state.items(in: .runs).count == project.runs.count)
    #expect(state.view == .lineage, "--select opens the item once loaded")
    #expect(state.selectedItem?.id == "model:default_risk")
    let text = Shell.render(state, size: state.size).plainText()
    #expect(!text.contains("loading car-loans"))
    // Esc goes back first; with nothing to go back from, it cancels the analysis, which views
    // then say.
    state.history = []
    #expect(press(&state, .escape) == [.cancelAnalysis])
    #expect(state.load.analysisCancelled)
    #expect(state.analysisPlaceholder.contains("press r"))
    press(&state, .character("1"))
    #expect(Shell.render(state, size: state.size).plainText().contains("analysis cancelled"))
    // r loads again; the views keep the data meanwhile and the status bar shows the load.
    #expect(press(&state, .character("r")) == [.reload])
    #expect(state.load.isLoading)
    #expect(!state.load.showsScreen)
    #expect(Shell.render(state, size: state.size).plainText().contains("loading 0/0"))
    #expect(state.loadFinished(.success(project)) == [.analyse])
    #expect(!state.load.analysisCancelled)
  }

  @Test func escClearsAFilterBeforeCancelling() {
    var state = TestProject.state()
    _ = state.loadFinished(.success(TestProject.make()))
    press(&state, .character("/"), .character("a"), .enter)
    #expect(press(&state, .escape).isEmpty)
    #expect(state.currentFilter.isEmpty)
    #expect(press(&state, .escape) == [.cancelAnalysis])
  }

  @Test func paletteReloadAndAFailedLoad() {
    var state = Self.midLoad()
    #expect(state.loadFinished(.failure(.nothingToRead("/tmp/car-loans"))).isEmpty)
    #expect(state.message?.isError == true)
    let text = Shell.render(state, size: state.size).plainText()
    #expect(text.contains("The project could not be loaded"))
    #expect(state.execute(command: "reload") == [.reload])
    #expect(state.load.phase == .loading)
    #expect(state.load.sources.isEmpty)
  }

  @Test func theSpinnerTurnsOnlyWhileLoading() {
    var state = Self.midLoad()
    let first = LoadingView.spinner(state)
    let turned = state.tick()
    #expect(turned)
    #expect(LoadingView.spinner(state) != first)
    _ = state.loadFinished(.success(TestProject.make()))
    let turnedAfter = state.tick()
    #expect(!turnedAfter)
  }

  @Test func backgroundLoadDeliversProgressAndCancels() throws {
    // An injected slow loader (tests only): it reports progress and waits for the flag.
    let loader = BackgroundLoad { (monitor, flag) throws(ProjectLoadError) in
      monitor.add([SourceProgress(kind: .mlflowFileStore, path: "mlruns")])
      monitor.update(0) { $0 = .reading(step: "MLflow runs", done: 1, total: 10) }
      let deadline = Date().addingTimeInterval(10)
      while !flag.isCancelled, Date() < deadline { usleep(1_000) }
      throw .cancelled
    }
    loader.start()
    var sources: [SourceProgress] = []
    let deadline = Date().addingTimeInterval(10)
    while sources.first?.state != .reading(step: "MLflow runs", done: 1, total: 10),
      Date() < deadline
    {
      sources = loader.poll().sources ?? sources
      usleep(1_000)
    }
    #expect(sources.count == 1)
    loader.cancel()
    var result: Result<Project, ProjectLoadError>?
    while result == nil, Date() < deadline {
      result = loader.poll().result
      usleep(1_000)
    }
    guard case .failure(.cancelled) = result else {
      Issue.record("expected a cancelled load, got \(String(describing: result))")
      return
    }
    #expect(loader.poll().result == nil, "the end is delivered once")
  }

  @Test func cancelledAnalysisIsNeverDelivered() {
    let pending = PendingAnalysis()
    let project = TestProject.make()
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    pending.start {
      started.signal()
      release.wait()
      return ProjectAnalysis.compute(project)
    }
    started.wait()
    pending.cancel()
    release.signal()
    usleep(200_000)
    #expect(pending.take() == nil)
  }
}
