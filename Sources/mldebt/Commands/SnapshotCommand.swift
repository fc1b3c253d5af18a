import ArgumentParser
import Foundation
import MLDebt

/// `mldebt snapshot [PATH]`: records the scores and findings in `.mldebt/history.sqlite`.
struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Record the current scores and findings in the project's history (.mldebt/).",
    discussion:
      "Each snapshot is keyed by time and by the git commit, when the project is in a repository."
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var checklistOptions: ChecklistOptions

  func run() throws {
    let loaded = try project.load()
    let checklist = ProjectChecklist.evaluate(loaded, now: try checklistOptions.now())
    let snapshot: HistoryStore.Snapshot
    do {
      snapshot = try HistoryStore(path: HistoryStore.path(for: loaded)).record(
        checklist, gitCommit: GitInfo.headCommit(of: loaded.root))
    } catch {
      Console.error(
        "mldebt: cannot record the snapshot in \(HistoryStore.path(for: loaded)): \(error)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    switch output.format {
    case .json: Console.out(try Console.json(snapshot))
    case .table, .markdown:
      Console.out(
        "snapshot \(snapshot.id) at \(snapshot.takenAt): overall \(ScoreOutput.number(snapshot.overall)), "
          + "\(snapshot.findingCount) finding(s)"
          + (snapshot.gitCommit.map { ", commit \($0.prefix(12))" } ?? "")
          + "\n")
    }
  }
}

/// `mldebt history [PATH]`: lists the recorded snapshots.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "List the snapshots recorded with `mldebt snapshot`.")

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let loaded = try project.load()
    let path = HistoryStore.path(for: loaded)
    guard FileAccess.entry(at: path) != .missing else {
      Console.error(
        "mldebt: no history yet in \(path); record one with `mldebt snapshot \(project.path)`")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
    let snapshots = try HistoryStore(path: path).snapshots()
    switch output.format {
    case .json: Console.out(try Console.json(snapshots))
    case .table, .markdown:
      let table = TextTable(
        headers: ["ID", "TAKEN", "COMMIT", "OVERALL", "ML TEST", "FINDINGS"],
        alignments: [.right, .left, .left, .right, .right, .right],
        rows: snapshots.map {
          [
            String($0.id), $0.takenAt, $0.gitCommit.map { String($0.prefix(12)) } ?? "-",
            ScoreOutput.number($0.overall), ScoreOutput.number($0.mlTestScore),
            String($0.findingCount),
          ]
        })
      Console.out(output.format == .markdown ? table.markdown() : table.plainText())
    }
  }
}
