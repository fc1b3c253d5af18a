import ArgumentParser
import Foundation
import MLDebt

/// `mldebt init [PATH]`: writes a first manifest from what is already there.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract:
      "Write a first mldebt.yaml from the DVC, MLflow, OpenLineage, Feast and CSV files found.",
    discussion: "Never overwrites an existing manifest. Prints the next three things to fill in."
  )

  @Argument(help: "The project directory (default: the current directory).")
  var path: String = "."

  @Flag(name: .long, help: "Print the draft to stdout instead of writing mldebt.yaml.")
  var print = false

  func run() throws {
    let root = (path as NSString).standardizingPath
    guard FileAccess.entry(at: root) == .directory else {
      Console.error("mldebt: \(path) is not a directory; give the project's folder")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    let existing = Project.manifestNames.map { root + "/" + $0 }.first {
      FileAccess.entry(at: $0) != .missing
    }
    if let existing, !print {
      Console.error(
        "mldebt: \(existing) already exists; mldebt init never overwrites it (use --print to see a draft)"
      )
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    let project = try? Project.load(at: root)
    let draft = ManifestDraft.draft(root: (root as NSString).expandingTildeInPath, project: project)
    if print {
      Console.out(draft.text)
    } else {
      let target = root + "/mldebt.yaml"
      do {
        try AtomicFile.write(Data(draft.text.utf8), to: target)
      } catch {
        Console.error("mldebt: \(error)")
        throw ExitCode(ExitStatus.usageOrLoadError)
      }
      Console.out("wrote \(target)\n")
    }
    let steps = draft.nextSteps.enumerated().map { "  \($0.offset + 1). \($0.element)" }
    Console.error("Next, fill in:\n" + steps.joined(separator: "\n"), keepNewlines: true)
  }
}
