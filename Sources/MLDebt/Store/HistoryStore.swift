import Foundation
import GRDB

/// Scores and findings recorded over time, in `.mldebt/history.sqlite` (GRDB, WAL, one
/// transaction per snapshot, a versioned schema).
///
/// Findings are keyed by their fingerprint, so a review can say what is new, fixed and unchanged
/// since any snapshot.
public final class HistoryStore: Sendable {
  /// One recorded snapshot.
  public struct Snapshot: Sendable, Hashable, Codable {
    /// Its number (1, 2, …).
    public var id: Int64
    /// When it was taken (ISO 8601).
    public var takenAt: String
    /// The git commit of the project then, if it was in a repository.
    public var gitCommit: String?
    /// The overall score.
    public var overall: Double
    /// The ML Test Score.
    public var mlTestScore: Double
    /// How many findings it had.
    public var findingCount: Int
    /// The area scores, by area id.
    public var areas: [String: Double]
  }

  /// A finding as recorded in a snapshot.
  public struct RecordedFinding: Sendable, Hashable, Codable {
    /// The finding's fingerprint.
    public var fingerprint: String
    /// Its rule.
    public var rule: String
    /// Its area id.
    public var area: String
    /// Its severity.
    public var severity: String
    /// Its title when recorded.
    public var title: String
  }

  /// What changed between a snapshot and now.
  public struct Comparison: Sendable {
    /// Findings now that the snapshot did not have.
    public var new: [Finding]
    /// Findings the snapshot had that are gone.
    public var fixed: [RecordedFinding]
    /// Findings in both.
    public var unchanged: [Finding]
  }

  private let pool: DatabasePool

  /// The history file of a project.
  public static func path(for project: Project) -> String {
    project.root + "/.mldebt/history.sqlite"
  }

  /// Opens (creating and migrating when needed) the history database at `path`.
  public init(path: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    pool = try DatabasePool(path: path, configuration: configuration)
    try Self.migrator.migrate(pool)
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.create(table: "snapshot") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("taken_at", .text).notNull()
        table.column("git_commit", .text)
        table.column("overall", .double).notNull()
        table.column("ml_test_score", .double).notNull()
      }
      try db.create(table: "area_score") { table in
        table.column("snapshot_id", .integer).notNull().references("snapshot", onDelete: .cascade)
        table.column("area", .text).notNull()
        table.column("score", .double).notNull()
        table.primaryKey(["snapshot_id", "area"])
      }
      try db.create(table: "finding") { table in
        table.column("snapshot_id", .integer).notNull().references("snapshot", onDelete: .cascade)
        table.column("fingerprint", .text).notNull()
        table.column("rule", .text).notNull()
        table.column("area", .text).notNull()
        table.column("severity", .text).notNull()
        table.column("title", .text).notNull()
        table.column("evidence", .text).notNull()
        table.primaryKey(["snapshot_id", "fingerprint"])
      }
    }
    return migrator
  }

  /// Records a checklist as a new snapshot, in one transaction. Returns the snapshot.
  @discardableResult
  public func record(_ checklist: Checklist, gitCommit: String?) throws -> Snapshot {
    try pool.write { db in
      try db.execute(
        sql:
          "INSERT INTO snapshot (taken_at, git_commit, overall, ml_test_score) VALUES (?, ?, ?, ?)",
        arguments: [
          checklist.computedAt, gitCommit, checklist.overall, checklist.mlTestScore.final,
        ])
      let id = db.lastInsertedRowID
      for area in checklist.areas {
        try db.execute(
          sql: "INSERT INTO area_score (snapshot_id, area, score) VALUES (?, ?, ?)",
          arguments: [id, area.area.rawValue, area.score])
      }
      for finding in checklist.findings {
        try db.execute(
          sql: """
            INSERT OR IGNORE INTO finding (snapshot_id, fingerprint, rule, area, severity, title, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            id, finding.fingerprint, finding.rule, finding.area.rawValue, finding.severity.rawValue,
            finding.title, finding.evidence.map(\.description).joined(separator: "\n"),
          ])
      }
      return try Self.snapshot(id, db)!
    }
  }

  static func snapshot(_ id: Int64, _ db: Database) throws -> Snapshot? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT s.*, (SELECT count(*) FROM finding f WHERE f.snapshot_id = s.id) AS findings
          FROM snapshot s WHERE s.id = ?
          """, arguments: [id])
    else { return nil }
    let areas = try Row.fetchAll(
      db, sql: "SELECT area, score FROM area_score WHERE snapshot_id = ?", arguments: [id])
    return Snapshot(
      id: row["id"], takenAt: row["taken_at"], gitCommit: row["git_commit"],
      overall: row["overall"],
      mlTestScore: row["ml_test_score"], findingCount: row["findings"],
      areas: Dictionary(
        uniqueKeysWithValues: areas.map { ($0["area"] as String, $0["score"] as Double) }))
  }

  /// Every snapshot, oldest first.
  public func snapshots() throws -> [Snapshot] {
    try pool.read { db in
      try Int64.fetchAll(db, sql: "SELECT id FROM snapshot ORDER BY id").compactMap {
        try Self.snapshot($0, db)
      }
    }
  }

  /// The findings recorded in a snapshot.
  public func findings(in snapshotID: Int64) throws -> [RecordedFinding] {
    try pool.read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT fingerprint, rule, area, severity, title FROM finding WHERE snapshot_id = ? ORDER BY rule, title",
        arguments: [snapshotID]
      ).map {
        RecordedFinding(
          fingerprint: $0["fingerprint"], rule: $0["rule"], area: $0["area"],
          severity: $0["severity"],
          title: $0["title"])
      }
    }
  }

  /// Compares current findings with a snapshot's.
  public func compare(_ findings: [Finding], with snapshotID: Int64) throws -> Comparison {
    let recorded = try self.findings(in: snapshotID)
    let before = Set(recorded.map(\.fingerprint))
    let now = Set(findings.map(\.fingerprint))
    return Comparison(
      new: findings.filter { !before.contains($0.fingerprint) },
      fixed: recorded.filter { !now.contains($0.fingerprint) },
      unchanged: findings.filter { before.contains($0.fingerprint) })
  }
}
