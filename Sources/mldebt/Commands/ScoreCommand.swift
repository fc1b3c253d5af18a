import ArgumentParser
import Foundation
import MLDebt

/// `mldebt score [PATH]`: the nine area scores, the overall score and the ML Test Score.
struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score the nine debt areas and the ML Test Score.",
    discussion:
      "With --explain AREA, lists every finding and attestation that moved that area's score."
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var checklistOptions: ChecklistOptions

  @Option(name: .long, help: "Explain one area's score (an area id such as feature-audits).")
  var explain: String?

  func validate() throws {
    if let explain, DebtArea(rawValue: explain) == nil {
      throw ValidationError(
        "unknown area `\(explain)`; areas: \(DebtArea.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
  }

  func run() throws {
    let loaded = try project.load()
    let checklist = ProjectChecklist.evaluate(loaded, now: try checklistOptions.now())
    if let explain, let area = DebtArea(rawValue: explain),
      let score = checklist.areas.first(where: { $0.area == area })
    {
      Console.out(try ScoreOutput.explanation(score, format: output.format))
    } else {
      Console.out(try ScoreOutput.summary(checklist, project: loaded, format: output.format))
    }
    if output.format != .json { Console.report(loaded.diagnostics.filter { $0.severity != .info }) }
    if loaded.hasErrors { throw ExitCode(ExitStatus.usageOrLoadError) }
  }
}
