import Foundation
import Glibc
import MLDebt

/// The TUI's run loop: reads keys (waking at least every 100 ms), feeds the state the
/// background load's progress, the analysis and live reloads, and carries out the effects the
/// update returns. Nothing in it blocks on a load or an analysis.
final class AppRunLoop {
  let backend: NcursesBackend
  let catalog: ThemeCatalog
  let environment: [String: String]
  let analyse: @Sendable (Project) -> ProjectAnalysis
  /// The background load (the first one, and each `r`).
  let loader: BackgroundLoad
  /// The background analysis.
  let pending = PendingAnalysis()
  /// Live mode, once a project is loaded (when it is on).
  private(set) var live: LiveSession?
  private let makeLive: (Project) -> LiveSession?
  private var frame = CellBuffer(size: Size(width: 0, height: 0))
  private var copies: [String] = []

  init(
    backend: NcursesBackend, catalog: ThemeCatalog, environment: [String: String],
    analyse: @escaping @Sendable (Project) -> ProjectAnalysis, loader: BackgroundLoad,
    makeLive: @escaping (Project) -> LiveSession?
  ) {
    self.backend = backend
    self.catalog = catalog
    self.environment = environment
    self.analyse = analyse
    self.loader = loader
    self.makeLive = makeLive
  }

  /// Starts live mode for the loaded project, once.
  func startLive(_ project: Project) {
    if live == nil { live = makeLive(project) }
  }

  /// Runs until the user quits; returns the exit code.
  func run(_ state: inout AppState) -> Int32 {
    draw(state)
    while true {
      let signalNumber = pendingSignal.load(ordering: .relaxed)
      if signalNumber != 0 { return 128 + signalNumber }
      var dirty = state.tick()
      let poll = loader.poll()
      if let sources = poll.sources {
        state.loadProgressed(sources)
        dirty = true
      }
      if let result = poll.result {
        if case .success(let project) = result {
          if case .notLoaded = state.scoreHistory {
            state.scoreHistory = ScoreHistory.load(for: project)
          }
          startLive(project)
          live?.manualLoadShown()
        }
        if let code = carryOut(state.loadFinished(result), &state) { return code }
        dirty = true
      }
      if let live, live.apply(to: &state) { dirty = true }
      // A reload by live mode supersedes an older background analysis, but not the re-scoring
      // after an attestation was saved.
      if let analysis = pending.take(),
        !(live?.hasReloaded ?? false) || state.checklistState.rescoring
      {
        state.apply(analysis)
        for diagnostic in analysis.diagnostics { state.report(diagnostic.description) }
        dirty = true
      }
      if dirty { draw(state) }
      guard let raw = backend.read() else { continue }
      let event: InputEvent
      switch raw {
      case .key(let key): event = .key(key)
      case .click(let x, let y): event = .click(frame.hit(x: x, y: y))
      case .wheel(let lines): event = .scroll(lines: lines)
      case .resize(let size): event = .resize(size)
      case .hangup: return 128 + SIGHUP
      }
      if let code = carryOut(state.handle(event), &state) { return code }
      draw(state)
    }
  }

  private func draw(_ state: AppState) {
    frame = Shell.render(state, size: state.size)
    backend.draw(frame)
    let inTmux = environment["TMUX"] != nil
    for text in copies { backend.writeRaw(Clipboard.osc52(text, inTmux: inTmux)) }
    copies = []
  }

  /// Carries out effects; returns the exit code when one quits.
  private func carryOut(_ effects: [AppEffect], _ state: inout AppState) -> Int32? {
    for effect in effects {
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
        let outcome = ExportWriter.write(contents, to: path, what: what, environment: environment)
        state.report(outcome.message, error: outcome.isError)
      case .exportReview(let format, let path):
        let outcome = ExportWriter.review(
          state, format: format, to: path, environment: environment)
        state.report(outcome.message, error: outcome.isError)
      case .saveAttestation(let attestation):
        switch AttestationSave.run(attestation, in: state.project, now: Date()) {
        case .success(let outcome):
          state.attestationSaved(outcome)
          let project = state.project
          let analyse = self.analyse
          pending.start { analyse(project) }
        case .failure(let error):
          state.attestationFailed(attestation, error: error.description)
        }
      case .cancelLoad:
        loader.cancel()
      case .reload:
        loader.start()
      case .analyse:
        let project = state.project
        let analyse = self.analyse
        pending.start { analyse(project) }
      case .cancelAnalysis:
        pending.cancel()
      }
    }
    return nil
  }
}
