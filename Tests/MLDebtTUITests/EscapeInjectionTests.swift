import MLDebt
import Testing

@testable import MLDebtTUI

@Suite("Escape injection")
struct EscapeInjectionTests {
  static let hostile = [
    "\u{1b}]0;pwned\u{07}", "\u{1b}[31m", "a\u{9b}2Jb", "line\nbreak", "\u{202e}evil",
  ]

  static func hostileProject() -> Project {
    var project = TestProject.make()
    project.name = "proj\u{1b}[2J"
    project.description = "desc \u{1b}]52;c;ZXZpbA==\u{07}"
    for name in hostile {
      project.features.append(
        Feature(id: NodeID(.feature, name), owner: "own\u{1b}[0m", description: name))
      project.edges.append(
        LineageEdge(from: NodeID(.feature, name), to: NodeID(.model, "default_risk"), kind: .trains)
      )
    }
    project.runs[0].name = "\u{1b}[31mred"
    project.runs[0].params["\u{1b}k"] = "\u{1b}v"
    project.diagnostics.append(
      Diagnostic(
        .error, source: .manifest, at: SourceLocation(file: "\u{1b}[1mf.yaml", line: 1),
        "bad \u{1b}]0;x\u{07}",
        hint: "\u{1b}[5m"))
    project.sources.append(SourceSummary(kind: .dvc, path: "\u{1b}P dcs", status: .failed))
    project.monitoring.append(MonitoringSource(name: "\u{1b}mon", reference: "\u{07}"))
    project.attestations.append(Attestation(item: "\u{1b}item", status: .none, by: "\u{1b}by"))
    return project
  }

  static func assertClean(
    _ buffer: CellBuffer, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    for cell in buffer.cells {
      #expect(
        !cell.text.unicodeScalars.contains(where: ScreenText.needsEscape),
        "\(cell.text.debugDescription)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: ViewID.allCases)
  func hostileNamesRenderEscaped(view: ViewID) {
    var state = AppState(project: Self.hostileProject(), size: Size(width: 160, height: 48))
    state.view = view
    var frames = [Shell.render(state, size: state.size)]
    _ = state.handle(.key(.character("G")))
    frames.append(Shell.render(state, size: state.size))
    _ = state.handle(.key(.enter))
    frames.append(Shell.render(state, size: state.size))
    for frame in frames { Self.assertClean(frame) }
  }

  @Test func escapesAreVisibleInTheLineageList() {
    var state = AppState(project: Self.hostileProject(), size: Size(width: 160, height: 48))
    _ = state.open(nodeNamed: "feature:\u{1b}]0;pwned\u{07}")
    #expect(state.selectedNode == NodeID(.feature, "\u{1b}]0;pwned\u{07}"))
    let text = Shell.render(state, size: state.size).plainText()
    #expect(text.contains("feature:\\x1b]0;pwned\\x07"))
    #expect(!text.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 })
    // The model's inputs, hostile names among them, in the centre column.
    _ = state.handle(.key(.character("l")))
    _ = state.handle(.key(.character("h")))
    let inputs = Shell.render(state, size: state.size)
    EscapeInjectionTests.assertClean(inputs)
    #expect(inputs.plainText().contains("F \\x1b[31m"))
  }

  @Test func paletteAndMessagesAreSanitized() {
    var state = TestProject.state()
    _ = state.handle(.key(.character(":")))
    for character in "open \u{1b}[2J" { _ = state.handle(.key(.character(character))) }
    Self.assertClean(Shell.render(state, size: state.size))
    _ = state.handle(.key(.enter))
    #expect(state.message?.text.contains("\\x1b[2J") == true)
    Self.assertClean(Shell.render(state, size: state.size))
  }
}
