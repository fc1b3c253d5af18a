import ArgumentParser
import Foundation
import MLDebt
import MLDebtScript
import MLDebtTUI

extension ReviewFormat: ExpressibleByArgument {}

/// `mldebt review [PATH]`: the whole debt review as one document, for pull requests and tickets.
struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Write a complete debt review: scores, changes, findings, drift, lineage, runs.",
    discussion: """
      The same inputs give byte-identical output (use --as-of to fix the date), so reviews can \
      be committed and diffed. --baseline N (or latest) compares with a snapshot recorded by \
      `mldebt snapshot`: what is new, fixed and unchanged. --since N does the same and also \
      starts the trend sparklines at that snapshot. docs/review.md shows a sample.
      """
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var checklistOptions: ChecklistOptions

  @Option(name: .long, help: "Output format: markdown, text or json.")
  var format: ReviewFormat = .markdown

  @Option(help: "Compare with this snapshot (a number from `mldebt history`, or latest).")
  var baseline: String?

  @Option(help: "Compare with this snapshot and start the trends there (a number, or latest).")
  var since: String?

  @Option(help: "Columns for charts, code blocks and text lines (40 or more).")
  var width: Int = 100

  @Flag(help: "ASCII characters only, for tools that mangle Unicode.")
  var ascii = false

  @Option(help: "How many of the most severe findings to show in full.")
  var top: Int = 10

  func validate() throws {
    if baseline != nil && since != nil {
      throw ValidationError("Give --baseline or --since, not both.")
    }
    for (flag, value) in [("--baseline", baseline), ("--since", since)] {
      if let value, ReviewHistory.SnapshotReference(value) == nil {
        throw ValidationError("\(flag) takes a snapshot number or `latest`, not \(value)")
      }
    }
    if width < 40 { throw ValidationError("--width must be at least 40, not \(width)") }
    if top < 0 { throw ValidationError("--top must be 0 or more, not \(top)") }
  }

  func run() throws {
    let loaded = try project.load()
    let reference = (baseline ?? since).flatMap(ReviewHistory.SnapshotReference.init)
    let history: ReviewHistory
    do {
      history = try ReviewHistory.load(
        for: loaded, baseline: reference, trendFrom: since == nil ? nil : reference)
    } catch {
      Console.error("mldebt: \(error.description)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    let analysis = LuaChecks.analyse(loaded, now: try checklistOptions.now())
    var options = ReviewOptions()
    options.topFindings = top
    let review = DebtReview.build(analysis, history: history, options: options)
    Console.out(try format.write(review, width: width, ascii: ascii))
    Console.report(loaded.diagnostics.filter { $0.severity != .info })
    Console.report(analysis.diagnostics)
    if loaded.hasErrors { throw ExitCode(ExitStatus.usageOrLoadError) }
  }
}
