import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

@Suite("Live mode: replacing the project, judging reloads, what to watch")
struct LiveTests {
  static let size = Size(width: 100, height: 30)

  /// The test project with one more run, started after every other (so it sorts first).
  static func withNewRun() -> Project {
    var project = TestProject.make()
    var run = project.runs[0]
    run.id = String(repeating: "f", count: 32)
    run.name = "live-new"
    run.startTime = (project.runs.compactMap(\.startTime).max() ?? 0) + 60_000
    project.runs.append(run)
    return project
  }

  @Test func replaceKeepsTheSelectedRunWhenANewRunSortsAboveIt() throws {
    var state = AppState(project: TestProject.make(), size: Self.size)
    state.view = .runs
    state.selections[.runs] = 2
    let selected = try #require(state.selectedItem(in: .runs))
    state.history = [AppState.Location(view: .overview, itemID: nil)]
    state.replace(Self.withNewRun(), analysis: nil)
    #expect(state.view == .runs)
    #expect(state.items(in: .runs).count == TestProject.make().runs.count + 1)
    #expect(state.items(in: .runs).first?.label.hasPrefix("live-new") == true)
    #expect(state.selectedItem(in: .runs)?.id == selected.id)
    #expect(state.selectedIndex(in: .runs) == 3)
    #expect(state.history == [AppState.Location(view: .overview, itemID: nil)])
  }

  @Test func replaceKeepsFiltersAndNeverClearsOneToKeepASelection() throws {
    var state = AppState(project: TestProject.make(), size: Self.size)
    state.view = .lineage
    state.setFilter("feature:", in: .lineage)
    state.selections[.lineage] = 1
    let selected = try #require(state.selectedItem(in: .lineage))
    state.replace(Self.withNewRun(), analysis: nil)
    #expect(state.filters[.lineage] == "feature:")
    #expect(state.selectedItem(in: .lineage)?.id == selected.id)
  }

  @Test func replaceKeepsTheAnalysisItIsGiven() {
    let project = TestProject.make()
    let analysis = ProjectAnalysis.compute(project, now: Date(timeIntervalSince1970: 1_800_000_000))
    var state = AppState(project: project, analysis: analysis, size: Self.size)
    state.replace(Self.withNewRun(), analysis: state.analysis)
    #expect(state.analysis != nil)
    state.replace(Self.withNewRun(), analysis: nil)
    #expect(state.analysis == nil)
  }

  @Test func aSourceThatBreaksIsReportedAndOneAlreadyBrokenIsNot() {
    var old = TestProject.make()
    old.sources = [
      SourceSummary(kind: .dvc, path: "dvc.yaml", status: .loaded),
      SourceSummary(kind: .feast, path: "registry.json", status: .failed, errorCount: 1),
    ]
    var new = old
    new.sources[0] = SourceSummary(kind: .dvc, path: "dvc.yaml", status: .partial, errorCount: 1)
    new.diagnostics = [
      Diagnostic(
        .error, source: .dvc, at: SourceLocation(file: "dvc.yaml", line: 3), "bad stage")
    ]
    let broken = LiveUpdate.broken(from: old, to: new)
    #expect(broken.count == 1)
    #expect(broken.first?.contains("dvc.yaml:3") == true)
    #expect(broken.first?.contains("bad stage") == true)
    #expect(LiveUpdate.broken(from: old, to: old).isEmpty)
  }

  @Test func theExampleWatchesItsFolderSourcesAndMonitoringFiles() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "examples/car-loans"
      ).path
    let project = try Project.load(at: root)
    let targets = WatchTargets.of(project)
    #expect(targets.contains(WatchTarget(path: root, recursive: false)))
    #expect(targets.contains(WatchTarget(path: root + "/mlruns", recursive: true)))
    #expect(targets.contains(WatchTarget(path: root + "/lineage", recursive: true)))
    #expect(targets.contains(WatchTarget(path: root + "/data/monitoring", recursive: false)))
    #expect(!WatchTargets.needsPolling(project))
    let folders = WatchTargets.folders(targets)
    #expect(folders.contains(root + "/mlruns/234801501003664253"))
    #expect(!folders.contains { $0.contains("/.") })
  }

  @Test func theFingerprintChangesWhenAWatchedFileGrows() throws {
    let folder = NSTemporaryDirectory() + "mldebt-watch-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder + "/run/metrics", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/run/metrics/loss"
    try "1 0.5 0\n".write(toFile: file, atomically: true, encoding: .utf8)
    let targets = [WatchTarget(path: folder, recursive: true)]
    let before = FileWatcher.fingerprint(targets)
    #expect(FileWatcher.fingerprint(targets) == before)
    try "1 0.5 0\n2 0.4 1\n".write(toFile: file, atomically: false, encoding: .utf8)
    #expect(FileWatcher.fingerprint(targets) != before)
    let shallow = [WatchTarget(path: folder, recursive: false)]
    let shallowBefore = FileWatcher.fingerprint(shallow)
    try "1 0.5 0\n2 0.4 1\n3 0.3 2\n".write(toFile: file, atomically: false, encoding: .utf8)
    #expect(FileWatcher.fingerprint(shallow) == shallowBefore, "a deep file is not watched")
  }
}
