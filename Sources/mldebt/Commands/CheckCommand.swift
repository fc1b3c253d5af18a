import ArgumentParser
import Foundation
import MLDebt

/// `mldebt check [PATH]`: the CI gate.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Fail (exit 1) when the debt crosses a gate, for CI.",
    discussion: """
      Prints the findings and exits 1 when the overall score is below --fail-under or a finding \
      is at least as severe as --fail-on. --format junit and --format sarif give CI systems and \
      code hosts their native reports.
      """
  )

  /// The formats `check` writes.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown, junit, sarif
  }

  @OptionGroup var project: ProjectOptions
  @OptionGroup var checklistOptions: ChecklistOptions

  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Output format: table, json, markdown, junit or sarif (default: the configured format).",
      valueName: "format"))
  var formatFlag: Format?

  /// The format: the flag, else the configured default (docs/config.md), else table.
  var format: Format {
    formatFlag ?? Format(rawValue: CommandSettings.current().format.value) ?? .table
  }

  @Option(name: .long, help: "Fail when the overall score is below this (0–100).")
  var failUnder: Double?

  @Option(
    name: .long,
    help: "Fail when any finding is at least this severe: info, low, medium, high, critical.")
  var failOn: Finding.Severity?

  @Option(
    name: .long,
    help: "Judge only findings that are new since this snapshot (see `mldebt history`).")
  var baseline: Int64?

  func validate() throws {
    if let failUnder, !(0...100).contains(failUnder) {
      throw ValidationError("--fail-under takes a score from 0 to 100, not \(failUnder)")
    }
  }

  func run() throws {
    let loaded = try project.load()
    var checklist = ProjectChecklist.evaluate(loaded, now: try checklistOptions.now())
    if let baseline {
      let path = HistoryStore.path(for: loaded)
      do {
        let store = try HistoryStore(path: path)
        guard try store.snapshots().contains(where: { $0.id == baseline }) else {
          Console.error("mldebt: no snapshot \(baseline) in \(path); see `mldebt history`")
          throw ExitCode(ExitStatus.usageOrLoadError)
        }
        let comparison = try store.compare(checklist.findings, with: baseline)
        Console.error(
          "since snapshot \(baseline): \(comparison.new.count) new, \(comparison.fixed.count) fixed, "
            + "\(comparison.unchanged.count) unchanged")
        checklist.findings = comparison.new
      } catch let exit as ExitCode {
        throw exit
      } catch {
        Console.error("mldebt: cannot read the history in \(path): \(error)")
        throw ExitCode(ExitStatus.usageOrLoadError)
      }
    }
    let gate = Gate(failUnder: failUnder, failOn: failOn).judge(checklist)
    switch format {
    case .table, .markdown:
      Console.out(CheckOutput.text(checklist, gate: gate, markdown: format == .markdown))
    case .json:
      Console.out(try CheckOutput.json(checklist, project: loaded, gate: gate))
    case .junit:
      Console.out(CheckOutput.junit(checklist, project: loaded, gate: gate))
    case .sarif:
      Console.out(try CheckOutput.sarif(checklist, project: loaded))
    }
    if format == .table || format == .markdown {
      Console.report(loaded.diagnostics.filter { $0.severity != .info })
    }
    if loaded.hasErrors { throw ExitCode(ExitStatus.usageOrLoadError) }
    if !gate.passed { throw ExitCode(ExitStatus.findings) }
  }
}

extension Finding.Severity: ExpressibleByArgument {}
