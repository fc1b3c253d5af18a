import Dispatch
import Foundation

/// Why a drift analysis could not run at all.
public struct DriftError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, in one sentence.
  public var description: String

  /// Creates an error.
  public init(_ description: String) { self.description = description }
}

/// Settings of one drift analysis.
public struct DriftOptions: Sendable {
  /// Compare only these columns (empty: the source's `columns`, else every column).
  public var columns: [String] = []
  /// Use this method for every column instead of the default choice.
  public var method: DriftMethod?
  /// Cut windows with this length instead of the source's `window`.
  public var window: WindowLength?
  /// The floor for empty bins in PSI (Evidently's rule, see ``DriftStatistics/fillZeros(_:floor:)``).
  public var emptyBinFloor: Double = 0.0001
  /// Limits for reading CSV files.
  public var csv = CSVTable.Options()
  /// How many columns to process at once (default: the number of cores).
  public var parallelism = ProcessInfo.processInfo.activeProcessorCount
  /// Told how many column-and-window comparisons are done; `nil` for no one.
  public var progress: (any ProgressObserver)?
  /// Stops the comparison between columns when raised (the report is then incomplete).
  public var cancellation: CancellationFlag?

  /// Creates default options.
  public init() {}
}

/// Computes a ``DriftReport`` from a project's monitoring source, or from files given directly.
public enum DriftEngine {
  /// Analyses one monitoring source of a project.
  public static func analyse(
    _ source: MonitoringSource, in project: Project, options: DriftOptions = DriftOptions()
  ) throws(DriftError) -> DriftReport {
    let root = project.root
    func resolve(_ path: String) -> String { FileAccess.resolve(path, relativeTo: root) }
    if source.reference == nil, let histograms = source.histograms {
      return try HistogramDrift.analyse(
        path: resolve(histograms), display: histograms, source: source,
        thresholds: project.thresholds, options: options)
    }
    guard let reference = source.reference else {
      throw DriftError("monitoring source `\(source.name)` has no reference data")
    }
    var inputs = RawInputs(
      reference: reference, referencePath: resolve(reference), currents: [], source: source)
    if let current = source.current {
      inputs.currents = [(current, resolve(current))]
    } else {
      inputs.currents = source.windows.map { ($0, resolve($0)) }
    }
    if inputs.currents.isEmpty {
      throw DriftError("monitoring source `\(source.name)` names no current data")
    }
    return try analyse(inputs, thresholds: project.thresholds, options: options)
  }

  /// Compares two CSV files (or a reference and a file cut into windows by `timestampColumn`).
  public static func compare(
    reference: String, current: String, timestampColumn: String? = nil, window: String? = nil,
    predictionColumn: String? = nil, labelColumn: String? = nil,
    columnTypes: [String: ColumnType] = [:], thresholds: Thresholds = .defaults,
    options: DriftOptions = DriftOptions()
  ) throws(DriftError) -> DriftReport {
    let source = MonitoringSource(
      name: "ad hoc", reference: reference, current: current, timestampColumn: timestampColumn,
      window: window, predictionColumn: predictionColumn, labelColumn: labelColumn,
      columnTypes: columnTypes)
    let inputs = RawInputs(
      reference: reference, referencePath: reference, currents: [(current, current)],
      source: source)
    return try analyse(inputs, thresholds: thresholds, options: options)
  }

  struct RawInputs {
    var reference: String
    var referencePath: String
    var currents: [(display: String, path: String)]
    var source: MonitoringSource
  }

  /// A window's rows: which table and which row indices.
  struct WindowRows {
    var label: String
    var start: Double?
    var end: Double?
    var table: Int
    var rows: [Int]
  }

  static func read(_ path: String, _ display: String, _ options: DriftOptions) throws(DriftError)
    -> CSVTable
  {
    do {
      return try CSVTable.read(path, displayPath: display, options: options.csv)
    } catch {
      throw DriftError(error.description)
    }
  }

  static func analyse(_ inputs: RawInputs, thresholds: Thresholds, options: DriftOptions)
    throws(DriftError) -> DriftReport
  {
    let source = inputs.source
    // Every file in parallel: each is parsed in one streaming pass on one thread.
    let files = [(display: inputs.reference, path: inputs.referencePath)] + inputs.currents
    let read = ParallelResults<Result<CSVTable, DriftError>>(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      read.set(
        index,
        Result { () throws(DriftError) in
          try Self.read(files[index].path, files[index].display, options)
        })
    }
    var loaded: [CSVTable] = []
    for result in read.values {
      loaded.append(try result!.get())
    }
    let reference = loaded[0]
    let tables = Array(loaded.dropFirst())
    var diagnostics = reference.diagnostics + tables.flatMap(\.diagnostics)
    if reference.header.isEmpty { throw DriftError("\(inputs.reference) has no header") }

    // Windows.
    var windows: [WindowRows] = []
    let length = options.window ?? source.window.flatMap(WindowLength.init)
    if let timestamp = source.timestampColumn, tables.count == 1, let length {
      let table = tables[0]
      guard let index = table.index(of: timestamp) else {
        throw DriftError(
          "\(inputs.currents[0].display) has no timestamp column `\(timestamp)`; columns: "
            + table.header.joined(separator: ", "))
      }
      let times = table.timestamps(index)
      var sink = DiagnosticSink(source: .monitoring, file: inputs.currents[0].display)
      windows = Windowing.cut(times, length: length, lines: table.lines, sink: &sink)
      diagnostics += sink.diagnostics
    } else if tables.count == 1 && source.timestampColumn != nil && length == nil {
      throw DriftError("a timestamp column needs a window length (such as --window 1w)")
    } else {
      for (index, table) in tables.enumerated() {
        let name = (inputs.currents[index].display as NSString).lastPathComponent
        let label = tables.count == 1 ? "current" : (name as NSString).deletingPathExtension
        windows.append(
          WindowRows(label: label, table: index, rows: Array(0..<table.rowCount)))
      }
    }

    // Columns.
    let excluded = Set(
      [source.timestampColumn, source.predictionColumn, source.labelColumn]
        .compactMap { $0 })
    var wanted = !options.columns.isEmpty ? options.columns : source.columns
    if wanted.isEmpty { wanted = reference.header.filter { !excluded.contains($0) } }
    var columns: [String] = []
    for name in wanted {
      if reference.index(of: name) == nil {
        diagnostics.append(
          Diagnostic(
            .warning, source: .monitoring, at: SourceLocation(file: inputs.reference, line: 1),
            "column `\(name)` is not in the reference; skipped"))
      } else if tables.contains(where: { $0.index(of: name) == nil }) {
        diagnostics.append(
          Diagnostic(
            .warning, source: .monitoring,
            at: SourceLocation(file: inputs.currents[0].display, line: 1),
            "column `\(name)` is missing from the current data; skipped"))
      } else {
        columns.append(name)
      }
    }

    // Per column, in parallel: parse, infer the type, compare in every window.
    let results = ParallelResults<[FeatureDrift]>(count: columns.count)
    let windowsCopy = windows
    let tablesCopy = tables
    let columnsCopy = columns
    let step = "drift comparisons (columns x windows)"
    options.progress?.started(step, total: columns.count * windows.count)
    DispatchQueue.concurrentPerform(iterations: columns.count) { index in
      if options.cancellation?.isCancelled == true { return }
      let name = columnsCopy[index]
      let referenceColumn = reference.column(named: name)!
      let currentColumns = tablesCopy.map { $0.column(named: name)! }
      let perWindow = ColumnComparison.compare(
        name: name, reference: referenceColumn, currents: currentColumns, windows: windowsCopy,
        declared: source.columnTypes[name], thresholds: thresholds, options: options)
      results.set(index, perWindow)
      options.progress?.advanced(step, by: windowsCopy.count)
    }
    options.progress?.finished(step)
    let perColumn = results.values.map { $0 ?? [] }

    // Prediction quality.
    var qualities: [PredictionQuality?] = Array(repeating: nil, count: windows.count)
    if let prediction = source.predictionColumn {
      let predictionColumns = tables.map { $0.column(named: prediction) }
      let labelColumns = tables.map { table in
        source.labelColumn.flatMap { table.column(named: $0) }
      }
      if predictionColumns.contains(where: { $0 == nil }) {
        diagnostics.append(
          Diagnostic(
            .warning, source: .monitoring,
            at: SourceLocation(file: inputs.currents[0].display, line: 1),
            "prediction column `\(prediction)` is missing; no bias or quality"))
      } else {
        for (index, window) in windows.enumerated() {
          qualities[index] = QualityMetrics.compute(
            predictions: predictionColumns[window.table]!, labels: labelColumns[window.table],
            rows: window.rows)
        }
      }
    }

    var report = assemble(
      source: source.name, input: "raw", reference: inputs.reference,
      referenceRows: reference.rowCount, windowLength: length?.description,
      thresholds: thresholds, columns: columns,
      windows: windows.map { ($0.label, $0.start, $0.end, $0.rows.count) },
      perColumn: perColumn, qualities: qualities)
    report.diagnostics = diagnostics
    return report
  }

  /// Builds the report from per-column, per-window results.
  static func assemble(
    source: String, input: String, reference: String?, referenceRows: Int, windowLength: String?,
    thresholds: Thresholds, columns: [String],
    windows: [(label: String, start: Double?, end: Double?, rows: Int)],
    perColumn: [[FeatureDrift]], qualities: [PredictionQuality?]
  ) -> DriftReport {
    var out: [DriftWindow] = []
    for (w, window) in windows.enumerated() {
      let features = perColumn.compactMap { $0.count > w ? $0[w] : nil }
      let compared = features.filter { $0.method != nil && $0.score != nil }.count
      let drifted = features.filter(\.drifted).count
      let share = compared == 0 ? 0 : Double(drifted) / Double(compared)
      out.append(
        DriftWindow(
          label: window.label, start: window.start, end: window.end, rows: window.rows,
          features: features, compared: compared, drifted: drifted, share: share,
          datasetDrift: compared > 0 && share >= thresholds.driftShare,
          quality: w < qualities.count ? qualities[w] : nil))
    }
    let series = columns.enumerated().map { index, column in
      FeatureSeries(
        column: column, method: perColumn[index].last?.method,
        windows: out.map(\.label), scores: perColumn[index].map(\.score),
        drifted: perColumn[index].map(\.drifted))
    }
    return DriftReport(
      source: source, input: input, reference: reference, referenceRows: referenceRows,
      windowLength: windowLength, driftShareThreshold: thresholds.driftShare, columns: columns,
      windows: out, series: series, diagnostics: [])
  }

  /// The threshold for a method and column, from the project thresholds and `perFeature`.
  public static func threshold(for method: DriftMethod, column: String, in thresholds: Thresholds)
    -> Double
  {
    let own = thresholds.perFeature[column]
    switch method {
    case .ks, .chiSquare, .z: return own?.pValue ?? thresholds.pValue
    case .wasserstein: return own?.wasserstein ?? thresholds.wasserstein
    case .psi: return own?.psi ?? thresholds.psi
    case .jensenShannon: return own?.jensenShannon ?? thresholds.jensenShannon
    }
  }

  /// Evidently's default method (`get_default_stattest`) for a column type, the reference's
  /// non-missing count and the number of distinct values in both samples.
  public static func defaultMethod(type: ColumnType, referenceCount: Int, distinctValues: Int)
    -> (method: DriftMethod, reason: String)
  {
    let small = referenceCount <= 1000
    let size = "\(referenceCount) reference values \(small ? "≤" : ">") 1000"
    switch (type, small) {
    case (.numeric, true):
      if distinctValues <= 5 {
        return distinctValues > 2
          ? (.chiSquare, "numeric, \(size), ≤ 5 distinct values")
          : (.z, "numeric, \(size), ≤ 2 distinct values")
      }
      return (.ks, "numeric, \(size)")
    case (.categorical, true):
      return distinctValues > 2
        ? (.chiSquare, "categorical, \(size), \(distinctValues) categories")
        : (.z, "categorical, \(size), binary")
    case (.numeric, false):
      return distinctValues <= 5
        ? (.jensenShannon, "numeric, \(size), ≤ 5 distinct values")
        : (.wasserstein, "numeric, \(size)")
    case (.categorical, false):
      return (.jensenShannon, "categorical, \(size)")
    }
  }

  /// The verdict of a score against a threshold.
  public static func drifted(_ method: DriftMethod, score: Double, threshold: Double) -> Bool {
    method.isTest ? score < threshold : score >= threshold
  }
}

/// Results written by parallel workers, one slot each.
final class ParallelResults<T: Sendable>: @unchecked Sendable {
  private var slots: [T?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: T) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [T?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
