import ArgumentParser
import MLDebt

/// `mldebt drift [PATH]`: data drift, prediction bias and model quality per window.
struct DriftCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drift",
    abstract: "Compare production windows with the reference sample: drift, bias, quality.",
    discussion: """
      With a project, reads its `monitoring:` source. Without one, compares two files: \
      mldebt drift --reference REF.csv --current CUR.csv [--columns a,b] \
      [--timestamp COL --window 1w]. docs/drift.md documents every statistic and the JSON.

      Exits 1 when the share of drifted columns in the latest window reaches the drift_share \
      threshold, 2 on usage or load errors.
      """
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  @Option(name: .long, help: "Compare only this column (repeatable).")
  var feature: [String] = []

  @Option(name: .long, help: "Comma-separated columns to compare.")
  var columns: String?

  @Option(name: .long, help: "The window length (1d, 1w, 12h), overriding the manifest.")
  var window: String?

  @Option(
    name: .long, help: "ks, wasserstein, psi, jensenshannon, chisquare or z for every column.")
  var method: String?

  @Option(name: .long, help: "The monitoring source to use (default: the first).")
  var source: String?

  @Option(name: .long, help: "An ad hoc reference CSV (with --current; no project needed).")
  var reference: String?

  @Option(name: .long, help: "An ad hoc current CSV.")
  var current: String?

  @Option(name: .long, help: "The timestamp column of --current, cut into --window windows.")
  var timestamp: String?

  @Option(name: .long, help: "The prediction column, for bias and quality.")
  var prediction: String?

  @Option(name: .long, help: "The label column, for bias and quality.")
  var label: String?

  @Option(name: .long, help: "The longest CSV field, in bytes (default 1 MiB).")
  var maxFieldSize: Int = CSVTable.Options().maxFieldSize

  func run() throws {
    var request = DriftRequest()
    request.projectPath = project.path
    request.loadOptions = project.loadOptions
    request.sourceName = source
    request.reference = reference
    request.current = current
    request.columns =
      feature
      + (columns?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [])
    request.timestampColumn = timestamp
    request.window = window
    request.predictionColumn = prediction
    request.labelColumn = label
    request.method = method
    request.csv.maxFieldSize = maxFieldSize
    request.format = DriftRequest.Format(rawValue: output.format.rawValue) ?? .table
    let result = DriftRun.run(request)
    Console.out(result.output)
    for line in result.errors { Console.error(line) }
    if result.status != ExitStatus.ok { throw ExitCode(result.status) }
  }
}
