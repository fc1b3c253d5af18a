import Foundation

/// What `mldebt drift` was asked to do, independent of the argument parser.
public struct DriftRequest: Sendable {
  /// The output form.
  public enum Format: String, Sendable { case table, json, markdown }

  /// The project directory or manifest (used when `reference` is `nil`).
  public var projectPath = "."
  /// The monitoring source's name (default: the first).
  public var sourceName: String?
  /// An ad hoc reference CSV (needs `current`).
  public var reference: String?
  /// An ad hoc current CSV.
  public var current: String?
  /// Columns to compare (`--columns` and `--feature`).
  public var columns: [String] = []
  /// The timestamp column of an ad hoc current file.
  public var timestampColumn: String?
  /// The window length (`--window`).
  public var window: String?
  /// The prediction column of an ad hoc comparison.
  public var predictionColumn: String?
  /// The label column of an ad hoc comparison.
  public var labelColumn: String?
  /// A method for every column (`--method`).
  public var method: String?
  /// The output form.
  public var format: Format = .table
  /// Load options for the project.
  public var loadOptions = LoadOptions()
  /// Limits for reading the CSV files (`--max-field-size`).
  public var csv = CSVTable.Options()

  /// Creates a request.
  public init() {}
}

/// The result of `mldebt drift`: what goes to stdout and stderr, and the exit status.
public struct DriftRunResult: Sendable {
  /// Data for standard output.
  public var output: String
  /// Lines for standard error.
  public var errors: [String]
  /// 0 ok, 1 the latest window's drifted share crosses the threshold, 2 usage or load error.
  public var status: Int32
  /// The report, when one was made.
  public var report: DriftReport?
}

/// Runs `mldebt drift` as a function, so that its exit codes can be tested without the binary.
public enum DriftRun {
  /// Runs a request.
  public static func run(_ request: DriftRequest) -> DriftRunResult {
    func usage(_ message: String) -> DriftRunResult {
      DriftRunResult(output: "", errors: ["mldebt drift: \(message)"], status: 2, report: nil)
    }
    var options = DriftOptions()
    options.columns = request.columns
    options.csv = request.csv
    options.progress = request.loadOptions.progress
    if let method = request.method {
      guard let parsed = DriftMethod(rawValue: method.lowercased()) else {
        return usage(
          "unknown method `\(method)`; expected one of "
            + DriftMethod.allCases.map(\.rawValue).joined(separator: ", "))
      }
      options.method = parsed
    }
    if let window = request.window {
      guard let length = WindowLength(window) else {
        return usage("`\(window)` is not a window length; expected a number and h, d or w (1w)")
      }
      options.window = length
    }
    let report: DriftReport
    var errors: [String] = []
    do {
      if let reference = request.reference {
        guard let current = request.current else {
          return usage("--reference needs --current")
        }
        if request.timestampColumn != nil && request.window == nil {
          return usage("--timestamp needs --window (such as --window 1w)")
        }
        report = try DriftEngine.compare(
          reference: reference, current: current, timestampColumn: request.timestampColumn,
          window: request.window, predictionColumn: request.predictionColumn,
          labelColumn: request.labelColumn, options: options)
      } else {
        if request.current != nil { return usage("--current needs --reference") }
        let project: Project
        do {
          project = try Project.load(at: request.projectPath, options: request.loadOptions)
        } catch {
          return usage("\(error)")
        }
        errors += project.diagnostics.filter { $0.source == .monitoring || $0.severity == .error }
          .map(\.description)
        let sources = project.monitoring
        guard !sources.isEmpty else {
          return usage(
            "the project has no `monitoring:` source; add one to mldebt.yaml or use "
              + "--reference and --current")
        }
        let source: MonitoringSource
        if let name = request.sourceName {
          guard let found = sources.first(where: { $0.name == name }) else {
            return usage(
              "no monitoring source `\(name)`; sources: "
                + sources.map(\.name).joined(separator: ", "))
          }
          source = found
        } else {
          source = sources[0]
        }
        report = try DriftEngine.analyse(source, in: project, options: options)
      }
    } catch {
      return DriftRunResult(
        output: "", errors: errors + ["mldebt drift: \(error)"], status: 2, report: nil)
    }
    errors += report.diagnostics.map(\.description)
    let output: String
    switch request.format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      output =
        ((try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}")
        + "\n"
    case .table: output = DriftText.render(report, markdown: false)
    case .markdown: output = DriftText.render(report, markdown: true)
    }
    if report.windows.isEmpty {
      errors.append("mldebt drift: no production rows to compare")
      return DriftRunResult(output: output, errors: errors, status: 2, report: report)
    }
    return DriftRunResult(
      output: output, errors: errors, status: report.gateFailed ? 1 : 0, report: report)
  }
}

/// Table and Markdown forms of a drift report.
public enum DriftText {
  /// Renders the window summary and the latest window's per-column table.
  public static func render(_ report: DriftReport, markdown: Bool) -> String {
    func number(_ value: Double?) -> String {
      guard let value else { return "-" }
      if value.isInfinite { return value > 0 ? "inf" : "-inf" }
      if value != 0 && abs(value) < 0.001 { return String(format: "%.2e", value) }
      return String(format: "%.4f", value)
    }
    let windows = TextTable(
      headers: [
        "WINDOW", "ROWS", "DRIFTED", "SHARE", "VERDICT", "BIAS", "ACCURACY", "AUC", "UNLABELLED",
      ],
      alignments: [.left, .right, .right, .right, .left, .right, .right, .right, .right],
      rows: report.windows.map { w in
        [
          w.label, String(w.rows), "\(w.drifted)/\(w.compared)", String(format: "%.2f", w.share),
          w.datasetDrift ? "DRIFT" : "ok", number(w.quality?.bias), number(w.quality?.accuracy),
          number(w.quality?.rocAUC), w.quality.map { String($0.unlabelled) } ?? "-",
        ]
      })
    var text = ""
    let title =
      "drift of \(report.source) (\(report.input) input, reference \(report.reference ?? "-"), \(report.referenceRows) rows)"
    text += markdown ? "# \(title)\n\n" + windows.markdown() : title + "\n\n" + windows.plainText()
    if let latest = report.latest {
      let features = TextTable(
        headers: [
          "COLUMN", "TYPE", "METHOD", "SCORE", "THRESHOLD", "DRIFT", "MISSING REF→CUR", "NOTE",
        ],
        alignments: [.left, .left, .left, .right, .right, .left, .right, .left],
        rows: latest.features.map { f in
          [
            f.column, f.type.rawValue, f.method?.rawValue ?? "-", number(f.score),
            number(f.threshold), f.drifted ? "DRIFT" : "ok",
            String(
              format: "%.1f%%→%.1f%%", f.missing.referenceShare * 100, f.missing.currentShare * 100)
              + (f.missing.drifted ? " (drift)" : ""),
            ([f.note] + [
              f.unseenCategories.isEmpty
                ? nil : "unseen: " + f.unseenCategories.joined(separator: ", ")
            ])
            .compactMap { $0 }.joined(separator: "; "),
          ]
        })
      let heading =
        "latest window \(latest.label): \(latest.drifted) of \(latest.compared) columns drifted (share \(String(format: "%.2f", latest.share)), threshold \(report.driftShareThreshold))"
      text +=
        markdown
        ? "\n## \(heading)\n\n" + features.markdown()
        : "\n" + heading + "\n\n" + features.plainText()
    }
    return text
  }
}
