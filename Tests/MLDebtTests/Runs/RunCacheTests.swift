import Foundation
import Synchronization
import Testing

@testable import MLDebt

@Suite("Run cache: hits, misses, invalidation, rebuilds")
struct RunCacheTests {
  /// A scratch copy of the file-store fixture, and a cache path beside it.
  struct Scratch {
    let root: String
    var store: String { root + "/mlruns" }
    var cachePath: String { RunCache.path(root: root) }

    init() throws {
      root = NSTemporaryDirectory() + "mldebt-run-cache-" + UUID().uuidString
      try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        atPath: Fixtures.path("mlflow-filestore/mlruns"), toPath: root + "/mlruns")
    }

    func read(_ cache: RunCache?, histories: Bool = true) -> SourceContribution {
      var options = LoadOptions()
      options.runCache = cache
      options.metricHistories = histories
      return MLflowFileStoreReader(path: "mlruns").read(
        LoadContext(root: root, manifest: nil, options: options))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
  }

  private func byID(_ runs: [Run]) -> [String: Run] {
    Dictionary(runs.map { ($0.id, $0) }) { first, _ in first }
  }

  @Test func secondOpenReadsOnlyWhatChanged() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let uncached = scratch.read(nil)
    let first = try RunCache(path: scratch.cachePath)
    let cold = scratch.read(first)
    #expect(first.statistics == RunCache.Statistics(hits: 0, misses: 10))
    #expect(byID(cold.runs) == byID(uncached.runs))

    let second = try RunCache(path: scratch.cachePath)
    let warm = scratch.read(second)
    #expect(second.statistics == RunCache.Statistics(hits: 10, misses: 0))
    #expect(byID(warm.runs) == byID(uncached.runs))
    #expect(warm.diagnostics == uncached.diagnostics)

    // A warm open checks a finished run's meta.yaml only (docs/runs.md): a tag rewritten in
    // place after the run ended is not seen until meta.yaml changes, or without the cache.
    let run = try #require(uncached.runs.first { $0.name == "gbm-v1" })
    let folder = scratch.root + "/" + run.provenance.path
    try "fraud".write(toFile: folder + "/tags/team", atomically: false, encoding: .utf8)
    let unseen = try RunCache(path: scratch.cachePath)
    #expect(scratch.read(unseen).runs.first { $0.id == run.id }?.tags["team"] == "growth")
    #expect(unseen.statistics == RunCache.Statistics(hits: 10, misses: 0))
    #expect(scratch.read(nil).runs.first { $0.id == run.id }?.tags["team"] == "fraud")

    // MLflow rewrites meta.yaml when a run is renamed, deleted or restored: that run only is
    // read again, with the tag too.
    let meta = folder + "/meta.yaml"
    let renamed = try String(contentsOfFile: meta, encoding: .utf8)
      .replacingOccurrences(of: "run_name: gbm-v1", with: "run_name: gbm-v1b")
    try renamed.write(toFile: meta, atomically: true, encoding: .utf8)
    let third = try RunCache(path: scratch.cachePath)
    let changed = scratch.read(third)
    #expect(third.statistics == RunCache.Statistics(hits: 9, misses: 1))
    #expect(changed.runs.first { $0.id == run.id }?.name == "gbm-v1b")
    #expect(changed.runs.first { $0.id == run.id }?.tags["team"] == "fraud")

    // A run folder that is gone is dropped from the cache.
    let gone = try #require(uncached.runs.first { $0.name == "gbm-v2" })
    try FileManager.default.removeItem(atPath: scratch.root + "/" + gone.provenance.path)
    let fourth = try RunCache(path: scratch.cachePath)
    #expect(scratch.read(fourth).runs.count == 9)
    #expect(fourth.count(store: scratch.store) == 9)
    #expect(fourth.statistics == RunCache.Statistics(hits: 9, misses: 0))
  }

  @Test func anUnchangedExperimentFolderIsNotListedAgain() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let uncached = scratch.read(nil)
    let folders = uncached.experiments.count
    #expect(folders >= 2)
    // The fixture was copied just now: a listing is trusted at once only with no settling time.
    let fresh = try RunCache(path: scratch.cachePath)
    _ = scratch.read(fresh)
    #expect(fresh.statistics.reusedListings == 0)
    let first = try RunCache(path: scratch.cachePath, settleSeconds: 0)
    _ = scratch.read(first)
    #expect(first.statistics.reusedListings == 0)

    let second = try RunCache(path: scratch.cachePath, settleSeconds: 0)
    let warm = scratch.read(second)
    #expect(second.statistics == RunCache.Statistics(hits: 10, misses: 0, reusedListings: folders))
    #expect(byID(warm.runs) == byID(uncached.runs))
    #expect(warm.diagnostics == uncached.diagnostics)

    // Removing a run folder changes its experiment folder's times (a later clock step than the
    // listing's), so that folder is listed again and the run is gone.
    usleep(50_000)
    let gone = try #require(uncached.runs.first { $0.name == "gbm-v2" })
    try FileManager.default.removeItem(atPath: scratch.root + "/" + gone.provenance.path)
    let third = try RunCache(path: scratch.cachePath, settleSeconds: 0)
    let after = scratch.read(third)
    #expect(after.runs.count == 9 && !after.runs.contains { $0.id == gone.id })
    #expect(third.statistics.reusedListings == folders - 1)
    let fourth = try RunCache(path: scratch.cachePath, settleSeconds: 0)
    #expect(scratch.read(fourth).runs.count == 9)
    #expect(fourth.statistics == RunCache.Statistics(hits: 9, misses: 0, reusedListings: folders))
  }

  @Test func theEntriesOfAStoreThatIsGoneAreDroppedOnTheNextWrite() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let gone = scratch.root + "/moved-away/mlruns"
    let entry = RunCache.Entry(signature: "1.2:3", histories: false, payload: Data([1, 2, 3]))
    let cache = try RunCache(path: scratch.cachePath)
    cache.update(
      store: gone, changed: [("1/abc", entry)], present: ["1/abc"], listings: [],
      experiments: [])
    #expect(cache.count(store: gone) == 1)
    // A load that only reads writes nothing, so it drops nothing either; a load that writes
    // (here the first) drops the store whose folder is gone, and keeps its own.
    #expect(scratch.read(cache).runs.count == 10)
    #expect(cache.count(store: gone) == 0)
    #expect(cache.count(store: scratch.store) == 10)
  }

  @Test func historiesAreReadWhenTheCacheLacksThem() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    _ = scratch.read(try RunCache(path: scratch.cachePath), histories: false)
    let cache = try RunCache(path: scratch.cachePath)
    let full = scratch.read(cache, histories: true)
    #expect(cache.statistics.misses == 10)
    #expect(full.runs.contains { !$0.metricHistory.isEmpty })
    let lean = try RunCache(path: scratch.cachePath)
    let latestOnly = scratch.read(lean, histories: false)
    #expect(lean.statistics.hits == 10)
    #expect(latestOnly.runs.allSatisfy { $0.metricHistory.isEmpty })
  }

  @Test func aBrokenCacheIsRebuiltAndConcurrentOpensAgree() async throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    try FileManager.default.createDirectory(
      atPath: scratch.root + "/.mldebt", withIntermediateDirectories: true)
    try Data("this is not a database".utf8).write(to: URL(fileURLWithPath: scratch.cachePath))
    let rebuilt = try RunCache(path: scratch.cachePath)
    #expect(scratch.read(rebuilt).runs.count == 10)
    #expect(rebuilt.statistics.misses == 10)

    let expected = byID(scratch.read(nil).runs)
    let results = await withTaskGroup(of: [String: Run].self) { group in
      for _ in 0..<4 {
        group.addTask {
          guard let cache = try? RunCache(path: scratch.cachePath) else { return [:] }
          return Dictionary(scratch.read(cache).runs.map { ($0.id, $0) }) { first, _ in first }
        }
      }
      var all: [[String: Run]] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 4 && results.allSatisfy { $0 == expected })
  }

  @Test func aCacheThatWasOnlyReadIsGivenToItsKeeper() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    let kept = Mutex<[RunCache]>([])
    var options = LoadOptions()
    options.cacheRuns = true
    options.keepRunCache = { cache in kept.withLock { $0.append(cache) } }
    // The first load writes the cache, so it closes it.
    #expect(try Project.load(at: scratch.root, options: options).runs.count == 10)
    #expect(kept.withLock { $0.isEmpty })
    // The second only reads it, and gives it to be kept open.
    #expect(try Project.load(at: scratch.root, options: options).runs.count == 10)
    let statistics = kept.withLock { $0.map(\.statistics) }
    #expect(statistics == [RunCache.Statistics(hits: 10, misses: 0)])
  }

  @Test func theProjectCacheLivesInDotMLDebt() throws {
    let scratch = try Scratch()
    defer { scratch.remove() }
    var options = LoadOptions()
    options.cacheRuns = true
    let project = try Project.load(at: scratch.root, options: options)
    #expect(project.runs.count == 10)
    #expect(FileManager.default.fileExists(atPath: scratch.root + "/.mldebt/runs-cache.sqlite"))
    let again = try Project.load(at: scratch.root, options: options)
    #expect(Set(again.runs) == Set(project.runs))
  }
}
