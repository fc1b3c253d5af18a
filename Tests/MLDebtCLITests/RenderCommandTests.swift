import Foundation
import MLDebt
import MLDebtScript
import MLDebtTUI
import Testing

/// `mldebt render` prints exactly the TUI's cell buffer for the same view, size and selection.
@Suite("mldebt render")
struct RenderCommandTests {
  static let asOf = "2026-11-23"

  /// What the TUI draws, computed in this process the way the app does.
  static func drawn(
    _ view: ViewID, size: Size, select: String? = nil, glyphs: Glyphs = .unicode
  ) throws -> CellBuffer {
    let project = try Project.load(at: CLIRunner.packageRoot + "/examples/car-loans")
    let analysis = LuaChecks.analyse(
      project, now: Date(timeIntervalSince1970: ISODates.day(asOf)!))
    var state = AppState(project: project, analysis: analysis, size: size, glyphs: glyphs)
    state.view = view
    if let select {
      let found = state.select(id: select, in: view)
      #expect(found)
    }
    return Shell.render(state, size: size)
  }

  @Test(arguments: ViewID.allCases)
  func everyViewEqualsTheTUIBuffer(view: ViewID) throws {
    let result = try CLIRunner.run(
      ["render", view.rawValue, "examples/car-loans", "--size", "120x40", "--as-of", Self.asOf])
    #expect(result.status == 0, "\(result.stderr)")
    let expected = try Self.drawn(view, size: Size(width: 120, height: 40)).plainText()
    #expect(result.stdout == expected)
  }

  @Test func selectionSizeAndASCII() throws {
    let result = try CLIRunner.run([
      "render", "lineage", "examples/car-loans", "--size", "100x30", "--select",
      "feature:driver_tenure", "--ascii", "--as-of", Self.asOf,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let expected = try Self.drawn(
      .lineage, size: Size(width: 100, height: 30), select: "feature:driver_tenure",
      glyphs: .ascii
    ).plainText()
    #expect(result.stdout == expected)
    #expect(result.stdout.contains("feature:driver_tenure"))
  }

  @Test func colourIsTheSameScreenWithSGRCodes() throws {
    let arguments = ["render", "overview", "examples/car-loans", "--as-of", Self.asOf]
    let plain = try CLIRunner.run(arguments)
    // An empty NO_COLOR counts as unset (the test runner's own may be set).
    let colour = try CLIRunner.run(arguments + ["--color"], environment: ["NO_COLOR": ""])
    #expect(colour.status == 0)
    #expect(colour.stdout.utf8.contains(0x1b))
    #expect(!plain.stdout.utf8.contains(0x1b))
    let stripped = colour.stdout.replacing(/\x{1b}\[[0-9;]*m/, with: "")
      .split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.reversed().drop { $0 == " " }.reversed())
      }.joined(separator: "\n")
    #expect(stripped == plain.stdout)
    let forcedPlain = try CLIRunner.run(arguments + ["--theme", "dark", "--no-color"])
    #expect(forcedPlain.stdout == plain.stdout)
    let noColor = try CLIRunner.run(arguments + ["--color"], environment: ["NO_COLOR": "1"])
    #expect(noColor.stdout == plain.stdout)
  }

  @Test func badViewSizeOrSelectionExitTwo() throws {
    let view = try CLIRunner.run(["render", "nope", "examples/car-loans"])
    #expect(view.status == 2)
    #expect(view.stderr.contains("views are overview"))
    let size = try CLIRunner.run(["render", "runs", "examples/car-loans", "--size", "wide"])
    #expect(size.status == 2)
    #expect(size.stderr.contains("COLUMNSxROWS"))
    let select = try CLIRunner.run([
      "render", "lineage", "examples/car-loans", "--select", "feature:nope",
    ])
    #expect(select.status == 2)
    #expect(select.stderr.contains("no row `feature:nope` in the lineage view"))
  }
}
