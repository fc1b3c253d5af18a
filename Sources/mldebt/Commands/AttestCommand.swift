import ArgumentParser
import Foundation
import MLDebt

/// `mldebt attest [PATH] ITEM --status S`: records a checklist answer in the attestations file.
struct AttestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attest",
    abstract: "Record the answer to a checklist practice item in the attestations file.",
    discussion: """
      Writes only the attestations file (atomically, under a lock, keeping other answers), never \
      the manifest. Items: \(ChecklistItem.builtIn.map(\.id).joined(separator: ", ")), or an ML \
      Test Score test id such as data-3.
      """
  )

  @Argument(help: "The project directory (or its mldebt.yaml).")
  var path: String

  @Argument(help: "The item to answer, such as infra.canary.")
  var item: String

  @Option(name: .long, help: "none, manual or automated.")
  var status: AttestationStatus

  @Option(name: .long, help: "Who attests it (default: $USER).")
  var by: String?

  @Option(name: .long, help: "A note.")
  var note: String?

  @Option(name: .long, help: "A link or path to the evidence.")
  var evidence: String?

  @Option(name: .long, help: "The date of the answer, YYYY-MM-DD (default: today).")
  var at: String?

  func validate() throws {
    let known = Set(ChecklistItem.builtIn.map(\.id))
    let isTest =
      item.range(of: #"^(mltest\.)?(data|model|infra|monitor)-[1-7]$"#, options: .regularExpression)
      != nil
    if !known.contains(item) && !isTest {
      throw ValidationError(
        "unknown item `\(item)`; items: \(known.sorted().joined(separator: ", ")), or data-1 … monitor-7"
      )
    }
    if let at, ISODates.day(at) == nil {
      throw ValidationError("--at takes a date as YYYY-MM-DD, not \(at)")
    }
  }

  func run() throws {
    let project: Project
    do {
      project = try Project.load(at: path)
    } catch {
      Console.error("mldebt: \(error)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    let date = at ?? String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    let answer = Attestation(
      item: item, status: status, by: by ?? ProcessInfo.processInfo.environment["USER"], at: date,
      note: note, evidence: evidence)
    do {
      let all = try AttestationStore.save(answer, in: project)
      Console.out(
        "\(project.attestationsPath): \(item) = \(status.rawValue) (\(all.count) answer(s))\n")
    } catch {
      Console.error("mldebt: \(error)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
  }
}

extension AttestationStatus: ExpressibleByArgument {}
