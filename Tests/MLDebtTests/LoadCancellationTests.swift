import Foundation
import MLDebtTestSupport
import Testing

@testable import MLDebt

/// Loading observed source by source (``LoadMonitor``) and cancelled (``CancellationFlag``):
/// a cancelled load stops between run folders, returns nothing partial and writes nothing.
@Suite("Load progress and cancellation")
struct LoadCancellationTests {
  /// The project folder's entries and whether `.mldebt/` (the only place a load could write, for
  /// the run cache) exists: to show a cancelled load wrote nothing.
  static func listing(_ root: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
  }

  @Test func monitorFollowsEverySourceToItsEnd() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", "project: {name: watched}\ndatasets:\n  - id: raw\n")
    try GeneratedMLflowStore.write(runs: 40, points: 5, into: directory.path)
    directory.write("dvc.yaml", "stages: [not, a, mapping]\n")
    let monitor = LoadMonitor()
    var options = LoadOptions()
    options.monitor = monitor
    let project = try Project.load(at: directory.path, options: options)
    let states = Dictionary(
      uniqueKeysWithValues: monitor.sources.map { ($0.kind, $0.state) })
    #expect(monitor.sources.map(\.kind).first == .manifest)
    guard case .done(let mlflow) = states[.mlflowFileStore] else {
      Issue.record("the MLflow store should be done: \(monitor.sources)")
      return
    }
    #expect(mlflow.counts["runs"] == 40)
    #expect(project.runs.count == 40)
    if case .done(let manifest) = states[.manifest] {
      #expect(manifest.counts["datasets"] == 1)
    } else {
      Issue.record("the manifest should be done: \(monitor.sources)")
    }
    #expect(monitor.sources.allSatisfy { $0.isFinished })
    let dvc = try #require(states[.dvc])
    switch dvc {
    case .failed(let why): #expect(why.contains("dvc.yaml"))
    case .done(let summary): #expect(summary.errorCount > 0)
    default: Issue.record("dvc.yaml should have ended: \(dvc)")
    }
  }

  @Test func cancellingALargeStoreReturnsQuicklyAsCancelled() throws {
    let directory = TemporaryDirectory()
    try GeneratedMLflowStore.write(runs: 3_000, into: directory.path)
    let before = Self.listing(directory.path)
    let monitor = LoadMonitor()
    let flag = CancellationFlag()
    var options = LoadOptions()
    options.monitor = monitor
    options.cancellation = flag
    let outcome = ResultBox()
    let finished = DispatchSemaphore(value: 0)
    let path = directory.path
    Thread.detachNewThread { [options] in
      outcome.set(
        Result { () throws(ProjectLoadError) in try Project.load(at: path, options: options) })
      finished.signal()
    }
    // Cancel as soon as the store's runs are being read.
    let started = Date()
    while Date().timeIntervalSince(started) < 30 {
      if monitor.sources.contains(where: {
        if case .reading(let step, _, _) = $0.state { step != nil } else { false }
      }) {
        break
      }
      usleep(1_000)
    }
    flag.cancel()
    let cancelledAt = Date()
    #expect(finished.wait(timeout: .now() + 10) == .success)
    // How soon it stopped is printed, not asserted (speed belongs in Benchmarks/); the load
    // must end as cancelled, which a load that ignored the flag would not.
    print("cancelled load stopped \(Date().timeIntervalSince(cancelledAt)) s after the cancel")
    switch outcome.value {
    case .failure(let error): #expect(error == .cancelled)
    default: Issue.record("expected a cancelled load, got \(String(describing: outcome.value))")
    }
    // The reader stopped early: not every run was read.
    let store = try #require(monitor.sources.first { $0.kind == .mlflowFileStore })
    #expect(store.state == .cancelled)
    #expect(Self.listing(directory.path) == before)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/.mldebt"))
  }

  @Test func aCancelledFlagStopsTheLoadBeforeAnySourceIsRead() throws {
    let directory = TemporaryDirectory()
    try GeneratedMLflowStore.write(runs: 20, points: 3, into: directory.path)
    let flag = CancellationFlag()
    flag.cancel()
    var options = LoadOptions()
    options.cancellation = flag
    #expect(throws: ProjectLoadError.cancelled) {
      try Project.load(at: directory.path, options: options)
    }
    // The same project loads when not cancelled.
    #expect(try Project.load(at: directory.path).runs.count == 20)
  }

  @Test func checkPathFindsTheRootWithoutReading() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", "project: {name: x}\n")
    #expect(try Project.checkPath(directory.path + "/mldebt.yaml") == directory.path)
    #expect(throws: ProjectLoadError.missing("/no/such/place")) {
      try Project.checkPath("/no/such/place")
    }
  }

  @Test func cancelledAnalysisSkipsDrift() throws {
    let project = try Project.load(at: Fixtures.example)
    let flag = CancellationFlag()
    flag.cancel()
    let analysis = ProjectAnalysis.compute(project, cancellation: flag)
    #expect(analysis.drift.isEmpty)
    if !project.monitoring.isEmpty {
      #expect(!ProjectAnalysis.compute(project).drift.isEmpty)
    }
  }
}

/// Holds a load's outcome across threads.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Result<Project, ProjectLoadError>?
  func set(_ value: Result<Project, ProjectLoadError>) { lock.withLock { stored = value } }
  var value: Result<Project, ProjectLoadError>? { lock.withLock { stored } }
}
