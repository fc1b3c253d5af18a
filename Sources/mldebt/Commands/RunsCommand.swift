import ArgumentParser
import Foundation
import MLDebt

/// `mldebt runs [PATH]`: the run history, filtered and sorted; a diff of runs; the audit.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List tracked runs (filter, sort), diff two runs, or audit their reproducibility.",
    discussion: """
      --filter takes MLflow's search syntax plus OR, parentheses, NOT, IN for params and tags, \
      and regular expressions with ~ (docs/runs.md). --sort takes a column and ASC or DESC, \
      and may be repeated. --diff A B compares two runs (ids, id prefixes or names); --audit \
      checks every run for what recreating it needs.

      Exits 2 on an invalid filter or column (the error points at the column), an unknown \
      run, or a load error.
      """
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  @Option(name: .long, help: "Only runs of this experiment (id or name; repeatable).")
  var experiment: [String] = []

  @Option(name: .long, help: "A filter such as \"metrics.auc > 0.8 and params.model = 'xgb'\".")
  var filter: String?

  @Option(name: .long, help: "Sort by a column, such as \"metrics.auc DESC\" (repeatable).")
  var sort: [String] = []

  @Option(name: .long, help: "At most this many runs.")
  var limit: Int?

  @Option(name: .long, help: "Comma-separated extra columns (metrics.auc,params.C,tags.team).")
  var columns: String?

  @Flag(name: .long, help: "Include deleted runs and runs of deleted experiments.")
  var deleted = false

  @Option(
    name: .long, parsing: .upToNextOption,
    help: "Compare two or more runs side by side (ids, id prefixes or unique names).",
    completion: ProjectCompletions.runs)
  var diff: [String] = []

  @Flag(name: .long, help: "With --diff, also show the rows where all runs agree.")
  var showEqual = false

  @Flag(name: .long, help: "Audit each selected run's reproducibility.")
  var audit = false

  func validate() throws {
    if !diff.isEmpty && diff.count < 2 {
      throw ValidationError("--diff needs at least two runs, for example --diff RUN_A RUN_B")
    }
    if !diff.isEmpty && audit {
      throw ValidationError("--diff and --audit cannot be combined; run them one at a time")
    }
    if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit)") }
  }

  func run() throws {
    let query = try parseQuery()
    var options = project.loadOptions
    // The table needs latest values only; histories are read by the TUI's charts.
    options.metricHistories = false
    // A second open of a large file store reads only the runs that changed (docs/runs.md);
    // `--no-cache` (a project option) reads everything.
    let loaded: Project
    do {
      loaded = try Project.load(at: project.path, options: options)
    } catch {
      Console.error("mldebt: \(error)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    if output.format != .json { Console.report(loaded.diagnostics) }
    let index = RunIndex(loaded)
    // The process exits after this command: the runs are not worth freeing one by one.
    KeptUntilExit.keep(loaded)
    KeptUntilExit.keep(index)
    for name in experiment where index.experiment(name) == nil {
      let known = index.experiments.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
      Console.error(
        "mldebt: --experiment: no experiment has the id or name `\(name)`; the project has: "
          + (known.isEmpty ? "none" : known))
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    if !diff.isEmpty {
      try printDiff(index)
    } else if audit {
      printAudit(loaded, index.select(query))
    } else {
      let selected = index.select(query)
      KeptUntilExit.keep(selected)
      let extra = try extraColumns(selected)
      let auditor = RunAuditor(index: index, registeredModels: loaded.registeredModels)
      RunsOutput.list(
        selected, index: index, auditor: auditor, columns: extra, format: output.format,
        grouped: sort.isEmpty)
    }
    if loaded.hasErrors { throw ExitCode(ExitStatus.usageOrLoadError) }
  }

  private func parseQuery() throws -> RunQuery {
    var query = RunQuery(experiments: experiment, limit: limit, includeDeleted: deleted)
    if let filter {
      query.filter = try parsed("--filter", filter) { text throws(RunFilterError) in
        try RunFilter.parse(text)
      }
    }
    query.sort = try sort.map { text in
      try parsed("--sort", text) { text throws(RunFilterError) in try RunSort.parse(text) }
    }
    return query
  }

  /// Parses an option's value, or prints the error with a caret under its column and exits 2.
  private func parsed<T>(
    _ option: String, _ text: String, _ parse: (String) throws(RunFilterError) -> T
  ) throws -> T {
    do {
      return try parse(text)
    } catch {
      Console.error("mldebt: \(option): \(error)")
      Console.error(error.pointer(in: text), keepNewlines: true)
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
  }

  private func extraColumns(_ runs: [Run]) throws -> [RunColumn] {
    if let columns {
      return try columns.split(separator: ",").map { name in
        try parsed("--columns", String(name).trimmingCharacters(in: .whitespaces)) {
          text throws(RunFilterError) in try RunColumn.parse(text)
        }
      }
    }
    // JSON lists every param and metric, so it needs no choice of columns.
    return output.format == .json ? [] : RunsOutput.defaultColumns(runs)
  }

  private func printDiff(_ index: RunIndex) throws {
    var runs: [Run] = []
    for reference in diff {
      guard let run = index.find(reference) else {
        Console.error(
          "mldebt: --diff: no single run is `\(reference)`; give a run id, a unique id prefix "
            + "or a unique run name (mldebt runs lists them)")
        throw ExitCode(ExitStatus.usageOrLoadError)
      }
      runs.append(run)
    }
    RunsOutput.diff(RunDiff(runs), showEqual: showEqual, format: output.format)
  }

  private func printAudit(_ project: Project, _ runs: [Run]) {
    var report = RunAuditReport.compute(project)
    let byID = Dictionary(report.audits.map { ($0.runID, $0) }) { first, _ in first }
    report.audits = runs.compactMap { byID[$0.id] }
    RunsOutput.audit(report, runs: runs, format: output.format)
  }
}
