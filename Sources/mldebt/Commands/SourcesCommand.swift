import ArgumentParser
import MLDebt

/// `mldebt sources [PATH]`: lists every source found and every diagnostic.
struct SourcesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sources",
    abstract: "List the sources found in a project, what each gave, and every diagnostic.",
    discussion: "Exits 2 when any source has an error diagnostic."
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let loaded = try project.load()
    let report = SourcesReport(loaded)
    switch output.format {
    case .json:
      Console.out(try Console.json(report))
    case .table, .markdown:
      Console.out(Self.text(report, markdown: output.format == .markdown))
    }
    if output.format != .json { Console.report(loaded.diagnostics) }
    if loaded.hasErrors { throw ExitCode(ExitStatus.usageOrLoadError) }
  }

  static func text(_ report: SourcesReport, markdown: Bool) -> String {
    let sources = TextTable(
      headers: ["SOURCE", "PATH", "STATUS", "ERRORS", "WARNINGS", "CONTENTS"],
      alignments: [.left, .left, .left, .right, .right, .left],
      rows: report.sources.map {
        [
          $0.kind, $0.path, $0.status, String($0.errors), String($0.warnings),
          $0.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
            separator: " "),
        ]
      })
    let totals = report.totals.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
      .joined(separator: " ")
    let manifest = report.project.manifest ?? "none"
    if markdown {
      return """
        # Sources of \(TerminalText.sanitize(report.project.name))

        Manifest: `\(manifest)`. Totals: \(totals).

        \(sources.markdown())
        """
    }
    return "project \(TerminalText.sanitize(report.project.name)) (manifest: \(manifest))\n\n"
      + sources.plainText() + "\ntotals: \(totals)\n"
  }
}
