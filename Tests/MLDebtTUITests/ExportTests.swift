import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// `e` and `:export`: the update asks for a write (an effect), the writer does it atomically.
@Suite("Export")
struct ExportTests {
  func press(_ state: inout AppState, _ keys: Key...) -> [AppEffect] {
    keys.flatMap { state.handle(.key($0)) }
  }

  func type(_ state: inout AppState, command: String) -> [AppEffect] {
    var effects = press(&state, .character(":"))
    for character in command { effects += press(&state, .character(character)) }
    return effects + press(&state, .enter)
  }

  @Test func eWritesTheViewAsDrawn() {
    var state = TestProject.state()
    state.exportDirectory = "/exports"
    _ = press(&state, .character("2"))
    let drawn = Shell.render(state, size: state.size).plainText()
    #expect(
      press(&state, .character("e")) == [
        .writeFile(
          path: "/exports/mldebt-car-loans-lineage-1.txt", contents: drawn,
          what: "the Lineage view")
      ])
    let second = press(&state, .character("e"))
    guard case .writeFile(let path, _, _) = second.first else {
      Issue.record("no write: \(second)")
      return
    }
    #expect(path == "/exports/mldebt-car-loans-lineage-2.txt")
  }

  @Test func exportCommandAsksForTheReview() {
    let project = TestProject.make()
    var state = AppState(
      project: project,
      analysis: ProjectAnalysis.compute(project, now: Date(timeIntervalSince1970: 0)),
      size: Size(width: 80, height: 24))
    #expect(
      type(&state, command: "export markdown review.md") == [
        .exportReview(format: .markdown, path: "review.md")
      ])
    #expect(
      type(&state, command: "export json out/r.json") == [
        .exportReview(format: .json, path: "out/r.json")
      ])
    let view = type(&state, command: "export view screen.txt")
    guard case .writeFile(let path, _, _) = view.first else {
      Issue.record("no write: \(view)")
      return
    }
    #expect(path == "screen.txt")
    #expect(type(&state, command: "export pdf x.pdf").isEmpty)
    #expect(state.message?.isError == true)
    #expect(state.message?.text.contains("markdown, text, json, view") == true)
  }

  @Test func reviewExportWaitsForTheAnalysis() {
    var state = TestProject.state()
    #expect(type(&state, command: "export markdown review.md").isEmpty)
    #expect(state.message?.text.contains("still running") == true)
  }

  @Test func completionOffersEveryFormat() {
    let state = TestProject.state()
    #expect(
      state.completions(for: "export ") == [
        "export markdown ", "export text ", "export json ", "export view ",
      ])
  }

  @Test func defaultDirectoryIsNeverInsideTheProject() {
    let root = "/work/project"
    #expect(
      ExportWriter.defaultDirectory(environment: ["TMPDIR": "/work/project/tmp"], projectRoot: root)
        == "/tmp")
    #expect(
      ExportWriter.defaultDirectory(environment: ["TMPDIR": "/var/tmp"], projectRoot: root)
        == "/var/tmp")
    // Unless the user names it.
    #expect(
      ExportWriter.defaultDirectory(
        environment: ["MLDEBT_EXPORT_DIR": "/work/project/exports"], projectRoot: root)
        == "/work/project/exports")
  }

  @Test func writerWritesAtomicallyAndSaysWhere() throws {
    let folder = NSTemporaryDirectory() + "mldebt-export-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outcome = ExportWriter.write(
      "hello\n", to: folder + "/a/../view.txt", what: "the view", environment: [:])
    #expect(!outcome.isError)
    #expect(outcome.message == "wrote the view to \(folder)/view.txt")
    #expect(try String(contentsOfFile: folder + "/view.txt", encoding: .utf8) == "hello\n")
    let failed = ExportWriter.write(
      "x", to: folder + "/missing/view.txt", what: "the view", environment: [:])
    #expect(failed.isError)
    #expect(failed.message.contains("missing/view.txt"))
  }

  @Test func reviewExportWritesTheReview() throws {
    let folder = NSTemporaryDirectory() + "mldebt-export-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var project = TestProject.make()
    project.root = folder
    let analysis = ProjectAnalysis.compute(project, now: Date(timeIntervalSince1970: 0))
    let state = AppState(project: project, analysis: analysis, size: Size(width: 80, height: 24))
    let outcome = ExportWriter.review(
      state, format: .markdown, to: folder + "/review.md", environment: [:])
    #expect(!outcome.isError, "\(outcome.message)")
    let text = try String(contentsOfFile: folder + "/review.md", encoding: .utf8)
    #expect(text == (try ReviewFormat.markdown.write(DebtReview.build(analysis))))
    // Reading the (absent) history created nothing in the project.
    #expect(FileAccess.entry(at: folder + "/.mldebt") == .missing)
  }
}
