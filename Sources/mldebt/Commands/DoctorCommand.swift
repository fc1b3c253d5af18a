import ArgumentParser
import Foundation
import MLDebt
import MLDebtScript
import MLDebtTUI

/// `mldebt doctor [PATH]`: checks the terminal, the libraries and every source of a project.
struct DoctorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check the terminal, the ncurses and Lua libraries, and every source of a project.",
    discussion: """
      Checks TERM and its terminfo entry, colors, the UTF-8 locale, mouse reporting and the \
      window size (from COLUMNS and LINES when standard output is not a terminal), the ncurses \
      and Lua versions, whether libcurl loads (for MLflow tracking servers), and each source the \
      project has. Prints a fix for each problem.

      Exit codes: 0 when nothing is broken (warnings allowed), 1 when something is broken.
      """
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  /// The whole answer, for JSON.
  struct Report: Encodable {
    /// Every check, in order.
    var checks: [DoctorCheck]
    /// How many are broken.
    var broken: Int
    /// How many are warnings.
    var warnings: Int
  }

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    var checks = Doctor.terminal(
      TerminalProbe.run(environment: environment),
      noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
    checks += Doctor.libraries(
      ncurses: TerminalProbe.run(environment: [:]).ncursesVersion,
      lua: MLDebtScript.luaVersion, curlProblem: MLflowServerSupport.problem)
    do {
      let loaded = try Project.load(at: project.path, options: project.loadOptions)
      checks += Doctor.sources(loaded, path: project.path)
    } catch {
      checks.append(
        DoctorCheck(
          area: "project", name: project.path, status: .broken, detail: "\(error)",
          fix: "run mldebt in a project directory, or `mldebt init \(project.path)` to start one"))
    }
    let report = Report(
      checks: checks, broken: checks.filter { $0.status == .broken }.count,
      warnings: checks.filter { $0.status == .warning }.count)
    switch output.format {
    case .json:
      Console.out(try Console.json(report))
    case .table, .markdown:
      Console.out(Self.text(report, markdown: output.format == .markdown))
    }
    if report.broken > 0 { throw ExitCode(ExitStatus.findings) }
  }

  /// The checks as a table, then a fix per problem, then a summary line.
  static func text(_ report: Report, markdown: Bool) -> String {
    let table = TextTable(
      headers: ["STATUS", "AREA", "CHECK", "DETAIL"],
      rows: report.checks.map { [$0.status.rawValue, $0.area, $0.name, $0.detail] })
    var text = markdown ? table.markdown() : table.plainText()
    let problems = report.checks.filter { $0.fix != nil }
    if !problems.isEmpty {
      text += markdown ? "\n### Fixes\n\n" : "\nFixes:\n"
      for check in problems {
        text += (markdown ? "- " : "  ") + "\(check.name): \(check.fix ?? "")\n"
      }
    }
    text +=
      "\n\(report.broken) broken, \(report.warnings) warning"
      + "\(report.warnings == 1 ? "" : "s")\n"
    return TerminalText.sanitize(text, keepNewlines: true)
  }
}
