import Foundation
import GRDB

extension HistoryStore {
  /// Reads every snapshot of the history file at `path`, oldest first, without creating,
  /// migrating or writing anything: views that only show history use this. A missing file, or
  /// one that has never recorded a snapshot, gives no snapshots.
  public static func readSnapshots(at path: String) throws -> [Snapshot] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(2)
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    return try queue.read { db in
      guard try db.tableExists("snapshot") else { return [] }
      return try Int64.fetchAll(db, sql: "SELECT id FROM snapshot ORDER BY id").compactMap {
        try snapshot($0, db)
      }
    }
  }
}
