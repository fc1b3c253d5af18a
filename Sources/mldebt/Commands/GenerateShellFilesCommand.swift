import ArgumentParser
import Foundation
import MLDebt

/// `mldebt generate-shell-files --output DIR` (hidden; what `make completions man` runs): writes
/// the bash, zsh and fish completion scripts and the man page, all from the command definitions.
struct GenerateShellFilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-shell-files",
    abstract: "Write shell completions and the man page generated from the command definitions.",
    discussion: """
      Writes DIR/completions/mldebt.bash, DIR/completions/_mldebt (zsh), \
      DIR/completions/mldebt.fish and DIR/man/man1/mldebt.1.
      """,
    shouldDisplay: false
  )

  @Option(help: "The folder to write into (created when missing).", completion: .directory)
  var output: String

  /// The files written, relative to the output folder, with the shell each completes.
  static let completionFiles: [(path: String, shell: CompletionShell)] = [
    ("completions/mldebt.bash", .bash), ("completions/_mldebt", .zsh),
    ("completions/mldebt.fish", .fish),
  ]

  /// The man page's path, relative to the output folder.
  static let manualFile = "man/man1/mldebt.1"

  func run() throws {
    let folder = (output as NSString).standardizingPath
    for (path, shell) in Self.completionFiles {
      try write(MLDebtCommand.completionScript(for: shell), to: folder + "/" + path)
    }
    let dump = try Self.helpDump()
    try write(
      ManualPage.render(dump, version: "mldebt \(MLDebtVersion.version)"),
      to: folder + "/" + Self.manualFile)
    Console.error("wrote completions and the man page to \(folder)")
  }

  /// The command tree as this binary's `--experimental-dump-help` describes it.
  static func helpDump() throws -> HelpDump {
    guard let executable = Bundle.main.executablePath else {
      throw ValidationError("cannot find this program's own path to ask it for its help")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--experimental-dump-help"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONDecoder().decode(HelpDump.self, from: data)
  }

  private func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try AtomicFile.write(Data(text.utf8), to: path)
  }
}
