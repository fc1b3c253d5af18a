import Foundation
import GRDB

/// Reads an MLflow SQLite tracking store (`mlflow.db`), strictly read-only.
///
/// The tables are MLflow's SQLAlchemy schema (`mlflow/store/tracking/dbmodels/models.py` and
/// `mlflow/store/model_registry/dbmodels/models.py`, checked against MLflow 3.17): `experiments`,
/// `experiment_tags`, `runs`, `params`, `tags`, `metrics`, `latest_metrics`, `datasets`,
/// `inputs`, `input_tags`, `registered_models`, `model_versions` and
/// `registered_model_aliases`. Only `experiments` and `runs` are required, so stores written
/// by older MLflow versions (before datasets or aliases existed) load too.
///
/// The database is opened with `SQLITE_OPEN_READONLY` and, through a URI filename, as
/// `immutable=1`: SQLite then takes no locks and creates no `-journal`, `-wal` or `-shm` file
/// beside it. When a `-wal` file exists (a writer is active, or crashed), `mode=ro` is used
/// instead so that the data in the WAL is seen. The schema is never migrated.
public struct MLflowSQLiteReader: SourceReader {
  /// The MLflow SQLite source.
  public static let kind = SourceKind.mlflowSQLite
  /// The database file, relative to the project root where it lies inside it.
  public let path: String

  /// Creates a reader for the database at `path` (relative to the project root, or absolute).
  public init(path: String) {
    self.path = path
  }

  /// Finds the database: `--mlflow`, the manifest's `sources.mlflow`, or `mlflow.db` beside it.
  public static func discover(_ context: LoadContext) -> [MLflowSQLiteReader] {
    MLflowStoreLocation.discover(context).compactMap {
      guard case .sqlite(let path) = $0 else { return nil }
      return MLflowSQLiteReader(path: context.relative(path))
    }
  }

  /// Reads the database.
  public func read(_ context: LoadContext) -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: path)
    let absolute = context.absolute(path)
    if let problem = Self.checkFile(absolute, shown: path) {
      contribution.fail(problem)
      return contribution
    }
    let queue: DatabaseQueue
    do {
      queue = try Self.open(absolute)
    } catch {
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: path),
          "\(path) cannot be opened read-only: \(Self.describe(error))",
          expected: "an MLflow SQLite database",
          hint: "check the file's permissions, or that no other program holds it"))
      return contribution
    }
    do {
      try queue.read { db in
        var reader = MLflowSQLiteStore(
          db: db, shown: path, metricHistories: context.options.metricHistories)
        reader.progress = context.options.progress
        reader.projectRoot = context.root
        reader.read(into: &contribution)
      }
    } catch {
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: path),
          "\(path) could not be read: \(Self.describe(error))",
          expected: "an MLflow SQLite database",
          hint:
            "check that the file is a complete copy; `sqlite3 \(path) 'PRAGMA integrity_check'` tells"
        ))
    }
    try? queue.close()
    return contribution
  }

  /// A reason the file cannot be an SQLite database, before SQLite opens it.
  static func checkFile(_ absolute: String, shown: String) -> Diagnostic? {
    switch FileAccess.entry(at: absolute) {
    case .file: break
    case .missing:
      return Diagnostic(
        .error, source: kind, at: SourceLocation(file: shown),
        "the MLflow database \(shown) does not exist", expected: "an mlflow.db file",
        hint: "check sources.mlflow in the manifest or --mlflow")
    case .brokenLink:
      return FileReadError.brokenLink(shown).diagnostic(source: kind, file: shown)
    case .directory:
      return FileReadError.notRegularFile(shown, kind: "directory")
        .diagnostic(source: kind, file: shown)
    case .other(let what):
      return FileReadError.notRegularFile(shown, kind: what).diagnostic(source: kind, file: shown)
    }
    switch MLflowDirectory.readPrefix(absolute, count: 16) {
    case .failure(let error):
      return error.diagnostic(source: kind, file: shown)
    case .success(let header):
      let magic = Array("SQLite format 3\0".utf8)
      guard header.count >= 16, Array(header.prefix(16)) == magic else {
        return Diagnostic(
          .error, source: kind, at: SourceLocation(file: shown),
          "\(shown) is not a SQLite database (its first bytes are not `SQLite format 3`)",
          expected: "an MLflow SQLite database",
          hint: "point sources.mlflow at the file MLflow's sqlite:/// tracking URI names")
      }
      return nil
    }
  }

  /// Opens the database read-only, without locks or side files where SQLite allows it.
  static func open(_ absolute: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.readonly = true
    configuration.label = "mldebt.mlflow-sqlite"
    configuration.foreignKeysEnabled = false
    let walExists: Bool
    if case .file(let size) = FileAccess.entry(at: absolute + "-wal"), size > 0 {
      walExists = true
    } else {
      walExists = false
    }
    let uri = "file:" + uriEscaped(absolute) + (walExists ? "?mode=ro" : "?immutable=1")
    do {
      let queue = try DatabaseQueue(path: uri, configuration: configuration)
      try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
      return queue
    } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
      // This SQLite does not take URI filenames (SQLITE_USE_URI off); with
      // SQLITE_OPEN_READONLY the literal name was not created, so open the plain path.
      return try DatabaseQueue(path: absolute, configuration: configuration)
    }
  }

  private static func uriEscaped(_ path: String) -> String {
    var result = ""
    for character in path.unicodeScalars {
      switch character {
      case "%": result += "%25"
      case "?": result += "%3F"
      case "#": result += "%23"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? DatabaseError {
      return error.message ?? "SQLite error \(error.resultCode.rawValue)"
    }
    return "\(error)"
  }
}

/// The queries of one read of an MLflow SQLite store.
struct MLflowSQLiteStore {
  let db: Database
  let shown: String
  let metricHistories: Bool
  var diagnostics: [Diagnostic] = []
  /// Told how many metric points have been read.
  var progress: (any ProgressObserver)?
  /// The project root, where moved logged-model artifact folders are looked for.
  var projectRoot = ""

  static let kind = SourceKind.mlflowSQLite

  init(db: Database, shown: String, metricHistories: Bool) {
    self.db = db
    self.shown = shown
    self.metricHistories = metricHistories
  }

  private mutating func report(
    _ severity: Diagnostic.Severity, _ keyPath: String?, _ message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        severity, source: Self.kind, at: SourceLocation(file: shown, keyPath: keyPath), message,
        expected: expected, hint: hint))
  }

  /// The columns of each table, lower-cased.
  private var columns: [String: Set<String>] = [:]

  private func has(_ table: String, _ column: String? = nil) -> Bool {
    guard let names = columns[table] else { return false }
    guard let column else { return true }
    return names.contains(column)
  }

  /// `column` when the table has it, `NULL` otherwise, for stores of older MLflow versions.
  private func column(_ table: String, _ column: String) -> String {
    has(table, column) ? "\"\(column)\"" : "NULL"
  }

  mutating func read(into contribution: inout SourceContribution) {
    do {
      for table in try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      {
        let names = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(table)\")").compactMap {
          ($0["name"] as DatabaseValue).text?.lowercased()
        }
        columns[table.lowercased()] = Set(names)
      }
    } catch {
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: shown),
          "\(shown) is not a readable SQLite database: \(MLflowSQLiteReader.describe(error))",
          expected: "an MLflow SQLite database"))
      return
    }
    let missing = ["experiments", "runs"].filter { !has($0) }
    let missingColumns = [("experiments", "experiment_id"), ("runs", "run_uuid")].filter {
      has($0.0) && !has($0.0, $0.1)
    }
    guard missing.isEmpty, missingColumns.isEmpty else {
      let what =
        missing.isEmpty
        ? missingColumns.map { "column \($0.0).\($0.1) is missing" }.joined(separator: ", ")
        : "table\(missing.count == 1 ? "" : "s") \(missing.joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") missing"
      let tables = columns.keys.sorted().prefix(8).joined(separator: ", ")
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: shown),
          "\(shown) is not an MLflow database: \(what) (it has \(tables.isEmpty ? "no tables" : tables))",
          expected: "MLflow's tracking tables (experiments, runs, params, tags, metrics)",
          hint: "point sources.mlflow at the database MLflow's sqlite:/// tracking URI names"))
      return
    }

    let experiments = readExperiments()
    let runs = readRuns(deletedExperiments: Set(experiments.filter(\.deleted).map(\.id)))
    let models = readRegistry()
    contribution.experiments = experiments
    contribution.runs = runs
    contribution.registeredModels = models
    contribution.counts = MLflowFormat.counts(
      experiments: experiments, runs: runs, registeredModels: models)
    contribution.diagnostics += diagnostics
  }

  // MARK: - Queries

  /// Runs a query and hands every row to `body`; a failing query becomes one error diagnostic.
  private mutating func each(
    _ sql: String, _ what: String, _ body: (inout Self, Row) -> Void
  ) {
    do {
      let cursor = try Row.fetchCursor(db, sql: sql)
      while let row = try cursor.next() { body(&self, row) }
    } catch {
      report(
        .error, what,
        "reading \(what) failed: \(MLflowSQLiteReader.describe(error)); what it holds is missing",
        expected: "MLflow's schema for \(what)",
        hint: "the database may come from an MLflow version mldebt does not know; please report it"
      )
    }
  }

  private mutating func readExperiments() -> [Experiment] {
    var experiments: [Experiment] = []
    var index: [String: Int] = [:]
    each(
      "SELECT experiment_id, \(column("experiments", "name")), \(column("experiments", "lifecycle_stage")) FROM experiments",
      "table experiments"
    ) { store, row in
      guard let id = row.text(0) else { return }
      let name = row.text(1) ?? id
      index[id] = experiments.count
      experiments.append(
        Experiment(
          id: id, name: name.isEmpty ? id : name, deleted: row.text(2)?.lowercased() == "deleted",
          provenance: Provenance(Self.kind, store.shown)))
    }
    if has("experiment_tags", "experiment_id") {
      each("SELECT experiment_id, \"key\", value FROM experiment_tags", "table experiment_tags") {
        _, row in
        guard let id = row.text(0), let slot = index[id], let key = row.text(1) else { return }
        experiments[slot].tags[key] = row.text(2) ?? ""
      }
    }
    return experiments.sorted { $0.id.localizedStandardCompare($1.id) == .orderedAscending }
  }

  private mutating func readRuns(deletedExperiments: Set<String>) -> [Run] {
    var runs: [Run] = []
    var index: [String: Int] = [:]
    let table = "runs"
    let sql = """
      SELECT run_uuid, \(column(table, "experiment_id")), \(column(table, "name")),
        \(column(table, "status")), \(column(table, "start_time")), \(column(table, "end_time")),
        \(column(table, "lifecycle_stage")), \(column(table, "artifact_uri")),
        \(column(table, "user_id"))
      FROM runs
      """
    each(sql, "table runs") { store, row in
      guard let id = row.text(0), !id.isEmpty else { return }
      var run = Run(
        id: id, experimentID: row.text(1) ?? "", name: row.text(2), status: .running,
        startTime: row.int64(4), endTime: row.int64(5),
        deleted: row.text(6)?.lowercased() == "deleted", user: row.text(8),
        artifactURI: row.text(7), provenance: Provenance(Self.kind, store.shown))
      if let text = row.text(3) {
        if let status = MLflowFormat.status(text) {
          run.status = status
        } else {
          store.report(
            .warning, "runs[\(id)].status",
            "run \(id) has status `\(text)`, which is not a run status; it is taken as RUNNING",
            expected: MLflowFormat.statusNames)
        }
      }
      if deletedExperiments.contains(run.experimentID) { run.deleted = true }
      index[id] = runs.count
      runs.append(run)
    }

    each("SELECT run_uuid, \"key\", value FROM params", "table params") { _, row in
      guard let id = row.text(0), let slot = index[id], let key = row.text(1) else { return }
      runs[slot].params[key] = row.text(2) ?? ""
    }
    each("SELECT run_uuid, \"key\", value FROM tags", "table tags") { _, row in
      guard let id = row.text(0), let slot = index[id], let key = row.text(1) else { return }
      runs[slot].tags[key] = row.text(2) ?? ""
    }
    readMetrics(into: &runs, index: index)
    readInputs(into: &runs, index: index)
    readLoggedModels(into: &runs, index: index)
    for slot in runs.indices { MLflowFormat.applySystemTags(&runs[slot]) }
    return runs
  }

  private mutating func readMetrics(into runs: inout [Run], index: [String: Int]) {
    let hasLatest = has("latest_metrics", "run_uuid")
    if hasLatest {
      let isNaN = column("latest_metrics", "is_nan")
      each(
        "SELECT run_uuid, \"key\", value, \(isNaN) FROM latest_metrics", "table latest_metrics"
      ) { _, row in
        guard let id = row.text(0), let slot = index[id], let key = row.text(1) else { return }
        runs[slot].metrics[key] = row.int64(3) == 1 ? .nan : (row.double(2) ?? .nan)
      }
    }
    guard metricHistories || !hasLatest, has("metrics", "run_uuid") else { return }
    var histories: [Int: [String: [MetricPoint]]] = [:]
    let isNaN = column("metrics", "is_nan")
    let step = column("metrics", "step")
    let total = progress.flatMap { _ in try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM metrics") }
    if let total { progress?.started("MLflow metric points", total: total) }
    var read = 0
    defer { if total != nil { progress?.finished("MLflow metric points") } }
    each(
      "SELECT run_uuid, \"key\", value, timestamp, \(step), \(isNaN) FROM metrics", "table metrics"
    ) { reader, row in
      read += 1
      if read % 10_000 == 0, total != nil {
        reader.progress?.advanced("MLflow metric points", by: 10_000)
      }
      guard let id = row.text(0), let slot = index[id], let key = row.text(1) else { return }
      let value = row.int64(5) == 1 ? .nan : (row.double(2) ?? .nan)
      histories[slot, default: [:]][key, default: []].append(
        MetricPoint(timestamp: row.int64(3) ?? 0, value: value, step: row.int64(4) ?? 0))
    }
    for (slot, series) in histories {
      for (key, points) in series {
        // MLflow's get_metric_history orders by timestamp, step and value.
        let sorted = points.sorted {
          ($0.timestamp, $0.step) < ($1.timestamp, $1.step)
            || (($0.timestamp, $0.step) == ($1.timestamp, $1.step) && $0.value < $1.value)
        }
        if metricHistories { runs[slot].metricHistory[key] = sorted }
        if runs[slot].metrics[key] == nil, let latest = MLflowMetricFile.latest(of: sorted) {
          runs[slot].metrics[key] = latest.value
        }
      }
    }
  }

  private mutating func readInputs(into runs: inout [Run], index: [String: Int]) {
    guard has("inputs", "source_id"), has("datasets", "dataset_uuid") else { return }
    var contexts: [String: String] = [:]
    if has("input_tags", "input_uuid") {
      each(
        "SELECT input_uuid, value FROM input_tags WHERE name = '\(MLflowFormat.datasetContextTag)'",
        "table input_tags"
      ) { _, row in
        if let id = row.text(0), let value = row.text(1) { contexts[id] = value }
      }
    }
    let source = column("datasets", "dataset_source")
    each(
      """
      SELECT i.destination_id, i.input_uuid, d.name, d.digest, d.\(source == "NULL" ? "name" : source)
      FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
      WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN'
      """, "tables inputs and datasets"
    ) { _, row in
      guard let id = row.text(0), let slot = index[id] else { return }
      runs[slot].inputs.append(
        RunInput(
          name: row.text(2) ?? "", digest: row.text(3),
          source: source == "NULL" ? nil : MLflowFormat.datasetSource(row.text(4)),
          context: row.text(1).flatMap { contexts[$0] }))
    }
  }

  /// MLflow 3 logged models (`logged_models`), attached to the runs that logged them.
  private mutating func readLoggedModels(into runs: inout [Run], index: [String: Int]) {
    guard has("logged_models", "source_run_id") else { return }
    let stage = column("logged_models", "lifecycle_stage")
    each(
      "SELECT model_id, name, artifact_location, source_run_id, \(stage) FROM logged_models "
        + "ORDER BY model_id", "table logged_models"
    ) { store, row in
      guard let id = row.text(3), let slot = index[id], let modelID = row.text(0),
        row.text(4)?.lowercased() != "deleted"
      else { return }
      var model = LoggedModel(
        id: modelID, name: row.text(1) ?? modelID, artifactLocation: row.text(2))
      model.artifacts = MLflowLoggedModelFiles.list(
        location: model.artifactLocation, defaultFolder: nil, projectRoot: store.projectRoot)
      runs[slot].loggedModels.append(model)
    }
  }

  private mutating func readRegistry() -> [RegisteredModel] {
    guard has("registered_models", "name") else { return [] }
    var models: [RegisteredModel] = []
    var index: [String: Int] = [:]
    each("SELECT name FROM registered_models ORDER BY name", "table registered_models") {
      store, row in
      guard let name = row.text(0), index[name] == nil else { return }
      index[name] = models.count
      models.append(
        RegisteredModel(name: name, provenance: Provenance(Self.kind, store.shown)))
    }
    if has("model_versions", "name") {
      let stage = column("model_versions", "current_stage")
      each(
        "SELECT name, version, run_id, \(stage) FROM model_versions", "table model_versions"
      ) { _, row in
        guard let name = row.text(0), let slot = index[name], let version = row.text(1) else {
          return
        }
        let stage = MLflowFormat.stage(row.text(3))
        if stage == MLflowFormat.deletedStage { return }
        models[slot].versions.append(
          ModelVersion(
            version: version, runID: row.text(2).flatMap { $0.isEmpty ? nil : $0 }, stage: stage))
      }
    }
    for slot in models.indices {
      models[slot].versions.sort {
        (Int($0.version) ?? 0, $0.version) < (Int($1.version) ?? 0, $1.version)
      }
    }
    if has("registered_model_aliases", "alias") {
      each(
        "SELECT name, alias, version FROM registered_model_aliases ORDER BY alias",
        "table registered_model_aliases"
      ) { store, row in
        guard let name = row.text(0), let slot = index[name], let alias = row.text(1),
          let version = row.text(2)
        else { return }
        if let position = models[slot].versions.firstIndex(where: { $0.version == version }) {
          models[slot].versions[position].aliases.append(alias)
        } else {
          store.report(
            .warning, "registered_model_aliases[\(name).\(alias)]",
            "alias `\(alias)` of registered model \(name) points at version \(version), which does not exist",
            expected: "an existing version", hint: "move the alias in MLflow")
        }
      }
    }
    return models
  }
}

extension DatabaseValue {
  /// The value as text, whatever its storage; `nil` for NULL.
  fileprivate var text: String? {
    switch storage {
    case .null: nil
    case .string(let text): text
    case .int64(let value): String(value)
    case .double(let value):
      value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    case .blob(let data): String(decoding: data, as: UTF8.self)
    }
  }
}

extension Row {
  /// Column `index` as text, whatever its storage; `nil` for NULL. Never traps.
  fileprivate func text(_ index: Int) -> String? {
    (self[index] as DatabaseValue).text
  }

  /// Column `index` as a whole number; `nil` for NULL or text that is not one. Never traps.
  fileprivate func int64(_ index: Int) -> Int64? {
    switch (self[index] as DatabaseValue).storage {
    case .int64(let value): value
    case .double(let value): Int64(exactly: value.rounded())
    case .string(let text): Int64(text)
    case .null, .blob: nil
    }
  }

  /// Column `index` as a number; `nil` for NULL or text that is not one. Never traps.
  fileprivate func double(_ index: Int) -> Double? {
    switch (self[index] as DatabaseValue).storage {
    case .int64(let value): Double(value)
    case .double(let value): value
    case .string(let text): MLflowMetricFile.number(text)
    case .null, .blob: nil
    }
  }
}
