import Foundation
import GRDB
import GRDBSQLite

/// A cache of runs read from an MLflow file store, in `.mldebt/runs-cache.sqlite`, so that a
/// second open of a large store reads only the runs that changed.
///
/// Only runs in a final state (finished, failed or killed: a running run may still log) are
/// cached, each with the ``RunSignature`` of its `meta.yaml` and a compact binary payload
/// (``RunCacheCodec``); on a warm open each thread reads the entries of its share of the run
/// folders in one ordered query, and takes a run from the cache when its `meta.yaml` has the
/// same modification time and size and it was read with the same options. What that check cannot see is in docs/runs.md ("The run cache"). The
/// database uses WAL and one transaction per update, so concurrent opens and a crash mid-write
/// leave a consistent cache; a cache that cannot be opened or read is rebuilt. Deleting it
/// loses nothing but time. It also keeps each experiment folder's list of run folders
/// (``RunFolderListing``), so that an unchanged experiment folder is not listed again.
public final class RunCache: @unchecked Sendable {
  /// Hits and misses since the cache was opened.
  public struct Statistics: Sendable, Hashable {
    /// Runs taken from the cache.
    public var hits = 0
    /// Runs read from their files.
    public var misses = 0
    /// Experiment folders whose cached listing was used instead of listing them.
    public var reusedListings = 0
  }

  /// The schema version; a cache written by another version is emptied, not migrated.
  static let schemaVersion = 4

  /// How much of the cache file SQLite maps into memory (address space, not memory used).
  static let mapSize = 1 << 30

  /// The cache file of a project root.
  public static func path(root: String) -> String { root + "/.mldebt/runs-cache.sqlite" }

  /// How long an experiment folder must have been unchanged before its listing is cached
  /// (``RunFolderListing/settleSeconds``; tests shorten it).
  let settleSeconds: Int64
  private let pool: DatabasePool
  // Guarded by `lock`; the pool is safe to share.
  private let lock = NSLock()
  private var counters = Statistics()
  private var written = false

  /// Opens (creating when needed) the cache at `path`. A file that is not a usable cache is
  /// deleted and created afresh.
  public convenience init(path: String) throws {
    try self.init(path: path, settleSeconds: RunFolderListing.settleSeconds)
  }

  /// Opens the cache at `path`, caching the listing of an experiment folder only once it has
  /// been unchanged for `settleSeconds`.
  init(path: String, settleSeconds: Int64) throws {
    self.settleSeconds = settleSeconds
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    do {
      pool = try Self.open(path)
    } catch {
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
      }
      pool = try Self.open(path)
    }
  }

  private static func open(_ path: String) throws -> DatabasePool {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    configuration.label = "mldebt.runs-cache"
    // Pages are read from the mapped file instead of copied by a `pread` each: a warm open of
    // 20,000 runs read 25 MB of payloads in 6,100 calls.
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = \(mapSize)") }
    let pool = try DatabasePool(path: path, configuration: configuration)
    // A warm open finds the schema current with a read, and takes no write lock.
    let current = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    if current == schemaVersion { return pool }
    try pool.write { db in
      let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      if version != schemaVersion {
        try db.execute(sql: "DROP TABLE IF EXISTS run")
        try db.execute(sql: "DROP TABLE IF EXISTS listing")
        try db.execute(sql: "DROP TABLE IF EXISTS store")
        // Without a rowid, a table's rows are stored in its key's order, so a range of folders
        // is one walk of one B-tree (not the key's index and then the table for each row).
        try db.execute(
          sql: """
            CREATE TABLE run (
              store TEXT NOT NULL,
              folder TEXT NOT NULL,
              signature TEXT NOT NULL,
              histories INTEGER NOT NULL,
              payload BLOB NOT NULL,
              PRIMARY KEY (store, folder)) WITHOUT ROWID
            """)
        try db.execute(
          sql: """
            CREATE TABLE listing (
              store TEXT NOT NULL,
              folder TEXT NOT NULL,
              signature TEXT NOT NULL,
              names BLOB NOT NULL,
              PRIMARY KEY (store, folder)) WITHOUT ROWID
            """)
        // How many runs each store has in `run`, kept with every update: a warm open reads one
        // row to learn whether the cache holds runs it did not find, rather than counting its
        // rows (a walk of every page of the store's runs).
        try db.execute(
          sql: """
            CREATE TABLE store (
              store TEXT NOT NULL PRIMARY KEY,
              runs INTEGER NOT NULL) WITHOUT ROWID
            """)
        try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
      }
    }
    return pool
  }

  /// The hits and misses so far.
  public var statistics: Statistics { lock.withLock { counters } }

  /// Whether an update was written through this instance.
  var wasWritten: Bool { lock.withLock { written } }

  /// One cached run of a store, to write.
  struct Entry: Sendable {
    var signature: String
    var histories: Bool
    var payload: Data
  }

  /// A cached run as stored: valid only during the call that gives it.
  struct StoredRun {
    /// The UTF-8 bytes of the `meta.yaml` signature it was read with, in SQLite's buffer.
    var signature: UnsafeRawBufferPointer
    /// Whether it holds full metric histories.
    var histories: Bool
    /// The payload (``RunCacheCodec``), in SQLite's buffer.
    var payload: UnsafeRawBufferPointer
  }

  /// The run folders of an experiment folder (its cache key) as cached, when they were listed
  /// with this `signature` (``RunFolderListing``); `nil` otherwise.
  func runFolders(store: String, folder: String, signature: String) -> [String]? {
    let names = cachedRunFolders(store: store, folder: folder, signature: signature)
    if names != nil { lock.withLock { counters.reusedListings += 1 } }
    return names
  }

  private func cachedRunFolders(store: String, folder: String, signature: String) -> [String]? {
    (try? pool.read { db -> [String]? in
      let statement = try db.makeStatement(
        sql: "SELECT names FROM listing WHERE store = ? AND folder = ? AND signature = ?")
      try statement.setArguments([store, folder, signature])
      let raw = statement.sqliteStatement
      defer { sqlite3_reset(raw) }
      guard sqlite3_step(raw) == SQLITE_ROW, sqlite3_column_type(raw, 0) == SQLITE_BLOB else {
        return nil
      }
      let start = sqlite3_column_blob(raw, 0)
      return RunFolderListing.decode(
        UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(raw, 0))))
    }) ?? nil
  }

  /// Gives `body` every cached run of a store whose folder lies between `first` and `last`
  /// (compared by their UTF-8 bytes, as SQLite compares text), in that order, with the folder's
  /// UTF-8 bytes. The bytes are valid only during the call; nothing is given when the cache
  /// cannot be read. Threads may read at the same time, each on its own connection.
  ///
  /// The statement is stepped with SQLite's C API, so no row, string or `Data` is made for the
  /// 20,000 rows of a warm open of a large store: the caller compares bytes.
  func forEach(
    store: String, from first: String, through last: String,
    _ body: (_ folder: UnsafeRawBufferPointer, _ run: StoredRun) -> Void
  ) {
    try? pool.read { db in
      // Each thread reads several ranges on its connection: the statement is prepared once.
      let statement = try db.cachedStatement(
        sql: "SELECT folder, signature, histories, payload FROM run "
          + "WHERE store = ? AND folder >= ? AND folder <= ? ORDER BY folder")
      try statement.setArguments([store, first, last])
      let raw = statement.sqliteStatement
      defer { sqlite3_reset(raw) }
      func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        // `sqlite3_column_blob` gives a text column's bytes too; call it before the length.
        let start = sqlite3_column_blob(raw, column)
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(raw, column)))
      }
      while true {
        let code = sqlite3_step(raw)
        if code == SQLITE_DONE { return }
        guard code == SQLITE_ROW else {
          throw DatabaseError(resultCode: ResultCode(rawValue: code))
        }
        guard sqlite3_column_type(raw, 3) == SQLITE_BLOB else { continue }
        let stored = StoredRun(
          signature: bytes(1), histories: sqlite3_column_int64(raw, 2) != 0, payload: bytes(3))
        body(bytes(0), stored)
      }
    }
  }

  /// How many runs of a store the cache holds (0 when it cannot be read), as the last update
  /// recorded it.
  func count(store: String) -> Int {
    (try? pool.read { db in
      try Int.fetchOne(db, sql: "SELECT runs FROM store WHERE store = ?", arguments: [store])
    } ?? 0) ?? 0
  }

  /// Counts hits and misses (a thread's share of a load at once, so that threads do not take
  /// the lock for each run).
  func count(hits: Int, misses: Int) {
    lock.withLock {
      counters.hits += hits
      counters.misses += misses
    }
  }

  /// An experiment folder's run folders, to cache.
  struct Listing: Sendable {
    /// The experiment folder's cache key.
    var folder: String
    /// Its ``RunFolderListing`` signature when it was listed.
    var signature: String
    /// Its run folders, sorted by their bytes.
    var names: [String]
  }

  /// Replaces the store's entries: writes the changed runs and listings, and drops the run
  /// folders that are gone and the listings of experiment folders not in `experiments`, in one
  /// transaction; the entries of other stores whose folder no longer exists (a store moved or
  /// deleted) go too, so the cache does not keep growing. Failing to write only costs the next
  /// open some time.
  func update(
    store: String, changed: [(folder: String, entry: Entry)], present: Set<String>,
    listings: [Listing], experiments: Set<String>
  ) {
    lock.withLock { written = true }
    try? pool.write { db in
      for listing in listings {
        try db.execute(
          sql: "INSERT OR REPLACE INTO listing (store, folder, signature, names) "
            + "VALUES (?, ?, ?, ?)",
          arguments: [
            store, listing.folder, listing.signature, RunFolderListing.encode(listing.names),
          ])
      }
      let listed = try String.fetchAll(
        db, sql: "SELECT folder FROM listing WHERE store = ?", arguments: [store])
      for folder in listed where !experiments.contains(folder) {
        try db.execute(
          sql: "DELETE FROM listing WHERE store = ? AND folder = ?", arguments: [store, folder])
      }
      for (folder, entry) in changed {
        try db.execute(
          sql: "INSERT OR REPLACE INTO run (store, folder, signature, histories, payload) "
            + "VALUES (?, ?, ?, ?, ?)",
          arguments: [store, folder, entry.signature, entry.histories, entry.payload])
      }
      let cached = try String.fetchAll(
        db, sql: "SELECT folder FROM run WHERE store = ?", arguments: [store])
      for folder in cached where !present.contains(folder) {
        try db.execute(
          sql: "DELETE FROM run WHERE store = ? AND folder = ?", arguments: [store, folder])
      }
      try db.execute(
        sql: "INSERT OR REPLACE INTO store (store, runs) "
          + "SELECT ?, count(*) FROM run WHERE store = ?", arguments: [store, store])
      let stores = try String.fetchAll(
        db,
        sql: "SELECT DISTINCT store FROM run UNION SELECT DISTINCT store FROM listing "
          + "UNION SELECT store FROM store")
      for other in stores where other != store && Self.isGone(other) {
        for table in ["run", "listing", "store"] {
          try db.execute(sql: "DELETE FROM \(table) WHERE store = ?", arguments: [other])
        }
      }
    }
  }

  /// Whether nothing is at `path` (not merely unreadable: a store the user may not read now
  /// keeps its entries).
  static func isGone(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) != 0 && errno == ENOENT
  }

  /// The payload of a run read from its files.
  static func encode(_ run: Run, diagnostics: [Diagnostic]) -> Data {
    Data(RunCacheCodec.encode(run, diagnostics: diagnostics))
  }
}
