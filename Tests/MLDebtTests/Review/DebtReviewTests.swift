import Foundation
import Testing

@testable import MLDebt

/// The review document built from the example project: baselines, trends, trees, runs.
@Suite("Debt review")
struct DebtReviewTests {
  static let now = Date(timeIntervalSince1970: ISODates.day("2026-11-23")!)

  static func analysis() throws -> ProjectAnalysis {
    ProjectAnalysis.compute(try Project.load(at: Fixtures.example), now: now)
  }

  /// A project whose history lives in a fresh temporary folder.
  static func temporaryRoot() throws -> String {
    let root = NSTemporaryDirectory() + "mldebt-review-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    return root
  }

  @Test func baselineSaysWhatIsNewFixedAndUnchanged() throws {
    let analysis = try Self.analysis()
    var project = analysis.project
    project.root = try Self.temporaryRoot()
    defer { try? FileManager.default.removeItem(atPath: project.root) }
    // The snapshot had every finding but the first, plus one that is gone now.
    var before = analysis.checklist
    let dropped = before.findings.removeFirst()
    let gone = Finding(
      rule: "config.gone", area: .configuration, severity: .low, title: "A fixed finding",
      why: "", fix: "", evidence: [.file(SourceLocation(file: "old.yaml"))])
    before.findings.append(gone)
    before.overall = 50
    let store = try HistoryStore(path: HistoryStore.path(for: project))
    try store.record(before, gitCommit: "0123456789abcdef")

    let history = try ReviewHistory.load(for: project, baseline: .latest)
    let review = DebtReview.build(analysis, history: history)
    let baseline = try #require(review.baseline)
    #expect(baseline.snapshot == 1)
    #expect(baseline.gitCommit == "0123456789abcdef")
    #expect(baseline.new.map(\.fingerprint) == [dropped.fingerprint])
    #expect(baseline.fixed.map(\.fingerprint) == [gone.fingerprint])
    #expect(baseline.unchanged.count == analysis.checklist.findings.count - 1)
    #expect(review.topFindings.first?.change == .new)
    #expect(review.topFindings.dropFirst().allSatisfy { $0.change == .unchanged })
    #expect(review.overall.trend == [50, analysis.checklist.overall])
    #expect(review.snapshotCount == 1)
  }

  @Test func noHistoryMeansNoBaselineAndATrendOfOne() throws {
    let analysis = try Self.analysis()
    var project = analysis.project
    project.root = try Self.temporaryRoot()
    defer { try? FileManager.default.removeItem(atPath: project.root) }
    let history = try ReviewHistory.load(for: project)
    #expect(history == .none)
    // Reading never creates the history.
    #expect(FileAccess.entry(at: HistoryStore.path(for: project)) == .missing)
    let review = DebtReview.build(analysis, history: history)
    #expect(review.baseline == nil)
    #expect(review.overall.trend == [analysis.checklist.overall])
    #expect(review.topFindings.allSatisfy { $0.change == nil })
    #expect(throws: ReviewHistory.LoadError.self) {
      try ReviewHistory.load(for: project, baseline: .number(3))
    }
  }

  @Test func unknownSnapshotNamesTheOnesThatExist() throws {
    let analysis = try Self.analysis()
    var project = analysis.project
    project.root = try Self.temporaryRoot()
    defer { try? FileManager.default.removeItem(atPath: project.root) }
    try HistoryStore(path: HistoryStore.path(for: project)).record(
      analysis.checklist, gitCommit: nil)
    do {
      _ = try ReviewHistory.load(for: project, baseline: .number(9))
      Issue.record("snapshot 9 does not exist")
    } catch {
      #expect(error.description.contains("no snapshot 9"))
      #expect(error.description.contains("1–1"))
    }
  }

  @Test func lineageTreesOfAffectedFeatures() throws {
    let analysis = try Self.analysis()
    let review = DebtReview.build(analysis)
    #expect(!review.lineage.isEmpty)
    #expect(review.lineage.count <= ReviewOptions().neighbourhoods)
    let tenure = try #require(review.lineage.first { $0.node == "feature:driver_tenure" })
    #expect(tenure.upstream.node == "feature:driver_tenure")
    #expect(tenure.upstream.children.map(\.node).contains("dataset:loan_applications"))
    #expect(tenure.downstream.children.map(\.node).contains("model:default_risk"))
    #expect(tenure.mermaid.hasPrefix("flowchart LR"))
    // Trees never list a node twice on one path (cycles end).
    func paths(_ node: DebtReview.TreeNode, _ seen: [String]) -> Bool {
      !seen.contains(node.node) && node.children.allSatisfy { paths($0, seen + [node.node]) }
    }
    for hood in review.lineage {
      #expect(paths(hood.upstream, []) && paths(hood.downstream, []))
    }
  }

  @Test func recentRunsNewestFirstWithWhatIsMissing() throws {
    let analysis = try Self.analysis()
    let review = DebtReview.build(analysis)
    #expect(review.runCount == analysis.project.runs.filter { !$0.deleted }.count)
    let starts = review.runs.prefix(10).compactMap(\.started)
    #expect(starts.count == 10)
    #expect(starts == starts.sorted(by: >))
    // The run behind the production model version is listed even though it is older.
    let production = review.runs.dropFirst(10)
    #expect(!production.isEmpty)
    #expect(production.allSatisfy { !$0.production.isEmpty })
    for run in review.runs {
      #expect(run.missing.contains("git commit") == (run.commit == nil))
      #expect(run.missing.contains("seed") == !run.seed)
    }
  }

  @Test func driftListsColumnsThatDriftedWithTheirSeries() throws {
    let analysis = try Self.analysis()
    let review = DebtReview.build(analysis)
    let source = try #require(review.drift.first)
    #expect(source.error == nil)
    #expect(!source.driftedColumns.isEmpty)
    for column in source.driftedColumns {
      #expect(column.scores.count == source.windows.count)
      #expect(column.driftedWindows == column.drifted.filter { $0 }.count)
      #expect(column.driftedWindows > 0)
    }
  }

  @Test func jsonHasNullsAndIsStable() throws {
    let analysis = try Self.analysis()
    let first = try DebtReview.build(analysis).json()
    let second = try DebtReview.build(try Self.analysis()).json()
    #expect(first == second)
    #expect(first.contains("\"baseline\" : null"))
    let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
    #expect(
      Set(object?.keys.map { $0 } ?? []) == [
        "project", "asOf", "overall", "areas", "findings", "baseline", "snapshots", "drift",
        "lineage", "runs", "mlTestScore",
      ])
  }
}
