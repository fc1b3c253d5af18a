import ArgumentParser
import Foundation
import MLDebt

/// The `mldebt` command: opens the TUI by default, and holds every CLI subcommand.
@main
struct MLDebtCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mldebt",
    abstract: "Show the hidden technical debt in an ML system.",
    discussion: """
      mldebt reads what an ML team already has (an mldebt.yaml manifest, DVC, MLflow, \
      OpenLineage, Feast, monitoring data) and never writes to it. `mldebt [PATH]` opens the \
      terminal workbench; the subcommands print the same data as a table, JSON or Markdown.

      Exit codes: 0 ok, 1 findings over a threshold, 2 usage or load error.
      """,
    version: MLDebtVersion.version,
    subcommands: [
      OpenCommand.self, SourcesCommand.self, ScoreCommand.self, CheckCommand.self,
      SnapshotCommand.self,
      HistoryCommand.self, AttestCommand.self, InitCommand.self, LineageCommand.self,
      DriftCommand.self, BenchLineageCommand.self, ScriptCommand.self,
      BenchTUICommand.self,
      RenderCommand.self, ReviewCommand.self,
      RunsCommand.self,
      GenerateShellFilesCommand.self, ConfigCommand.self, DoctorCommand.self,
    ],
    defaultSubcommand: OpenCommand.self
  )

  /// Runs the command line, mapping usage errors to exit code 2 (ArgumentParser's default is 64)
  /// so that every command keeps the documented codes: 0 ok, 1 findings, 2 usage or load error.
  static func main() {
    HeapTuning.apply()
    if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
      Console.out(VersionLine.text(executable: Bundle.main.executablePath) + "\n")
      return
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usageOrLoadError)
      }
      exit(withError: error)
    }
  }
}
