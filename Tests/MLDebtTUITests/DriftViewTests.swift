import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// The Drift view on the car-loans example: goldens of what it draws, and its keys through
/// `AppState.handle`.
@Suite("Drift view")
struct DriftViewTests {
  /// The example project, analysed once at the date its checks are judged.
  static var example: ProjectAnalysis? { ExampleProject.loaded?.analysis }

  static func state(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) throws
    -> AppState
  {
    let analysis = try #require(example, "the example project did not load")
    var state = AppState(
      project: analysis.project, analysis: analysis, size: Size(width: width, height: height),
      glyphs: glyphs)
    _ = state.handle(.key(.character("4")))
    #expect(state.view == .drift)
    return state
  }

  static func screen(_ state: AppState) -> String {
    Shell.render(state, size: state.size).plainText()
  }

  static func select(
    _ id: String, _ state: inout AppState, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let found = state.select(id: id, in: .drift)
    #expect(found, "no column \(id)", sourceLocation: sourceLocation)
  }

  static func press(_ keys: String, _ state: inout AppState) {
    for key in keys { _ = state.handle(.key(.character(key))) }
  }

  // MARK: Goldens

  @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48)])
  func exampleAtFixedSizes(size: Size) throws {
    let state = try Self.state(width: size.width, height: size.height)
    let text = Self.screen(state)
    Golden.check(text, "drift-example-\(size.width)x\(size.height)")
    #expect(text.contains("production"))
    #expect(text.contains("Columns (7) by score"))
  }

  @Test func stackedLayoutWithBiasAndQuality() throws {
    let state = try Self.state(width: 110, height: 50)
    let text = Self.screen(state)
    Golden.check(text, "drift-example-110x50")
    #expect(text.contains("Bias (prediction - label)"))
    #expect(text.contains("Quality: ROC AUC"))
  }

  @Test func categoricalColumn() throws {
    var state = try Self.state(width: 160, height: 48)
    Self.select("salary_range", &state)
    let text = Self.screen(state)
    Golden.check(text, "drift-categorical-160x48")
    #expect(text.contains("salary_range (categorical)"))
    #expect(text.contains("ref "))
    #expect(text.contains("cur "))
  }

  @Test func categoricalColumnSmall() throws {
    var state = try Self.state()
    Self.select("size_of_downpayment", &state)
    Golden.check(Self.screen(state), "drift-categorical-80x24")
  }

  @Test func earlierWindow() throws {
    var state = try Self.state()
    let report = try #require(state.driftSource?.report)
    Self.press("W", &state)
    #expect(state.driftWindow == report.windows.count - 2)
    let text = Self.screen(state)
    Golden.check(text, "drift-earlier-window-80x24")
    #expect(text.contains(report.windows[report.windows.count - 2].label))
  }

  @Test func anotherMethod() throws {
    var state = try Self.state(width: 160, height: 48)
    Self.select("car_value", &state)
    let before = try #require(state.selectedDriftColumn?.method)
    Self.press("m", &state)
    let after = try #require(state.selectedDriftColumn?.method)
    #expect(after != before)
    let text = Self.screen(state)
    Golden.check(text, "drift-method-160x48")
    #expect(text.contains("chosen with m; the report uses \(before.rawValue)"))
  }

  @Test func detailsOverlay() throws {
    var state = try Self.state(width: 100, height: 40)
    Self.select("car_value", &state)
    Self.press("i", &state)
    let text = Self.screen(state)
    Golden.check(text, "drift-details-100x40")
    #expect(text.contains("By window"))
  }

  @Test func analysingState() throws {
    let analysis = try #require(Self.example)
    var state = AppState(project: analysis.project, size: Size(width: 80, height: 24))
    _ = state.handle(.key(.character("4")))
    let text = Self.screen(state)
    Golden.check(text, "drift-analysing-80x24")
    #expect(text.contains("analysing drift…"))
    Self.press("w", &state)
    #expect(state.message?.text == "next-window: drift is still being analysed")
    state.apply(analysis)
    #expect(Self.screen(state).contains("Columns (7) by score"))
    #expect(state.driftWindow == (analysis.drift[0].report?.windows.count ?? 0) - 1)
  }

  // MARK: State transitions

  @Test func windowSteppingClampsAtTheEnds() throws {
    var state = try Self.state()
    let count = try #require(state.driftSource?.report?.windows.count)
    #expect(count > 3)
    #expect(state.driftWindow == count - 1)
    Self.press("w", &state)
    #expect(state.driftWindow == count - 1)
    #expect(state.message?.text.hasPrefix("already at the latest window") == true)
    Self.press(String(repeating: "W", count: count + 3), &state)
    #expect(state.driftWindow == 0)
    #expect(state.message?.text.hasPrefix("already at the first window") == true)
    Self.press("w", &state)
    #expect(state.driftWindow == 1)
    Self.press(String(repeating: "w", count: count), &state)
    #expect(state.driftWindow == count - 1)
    #expect(state.driftView.window == nil, "back at the latest, the view follows the latest")
  }

  @Test func methodCyclingSkipsMethodsWithoutAStatistic() throws {
    var state = try Self.state()
    for name in ["car_value", "salary_range"] {
      Self.select(name, &state)
      let column = try #require(state.selectedDriftColumn)
      let available = column.availableMethods
      let statistics = try #require(column.result?.statistics)
      #expect(available.count >= 2, "\(name)")
      var seen: [DriftMethod] = []
      for _ in available.indices {
        Self.press("m", &state)
        let method = try #require(state.selectedDriftColumn?.method)
        #expect(statistics.score(for: method) != nil, "\(name): \(method) has no statistic")
        seen.append(method)
      }
      #expect(Set(seen) == Set(available), "\(name): every available method once")
      #expect(seen.last == column.method, "\(name): a full cycle returns to the report's method")
      #expect(state.driftView.methods.isEmpty, "back at the report's method, no choice is kept")
      let missing = DriftMethod.allCases.filter { statistics.score(for: $0) == nil }
      #expect(!missing.isEmpty, "\(name): some method does not apply")
      #expect(Set(seen).isDisjoint(with: missing))
    }
  }

  @Test func methodChoiceRescoresTheColumn() throws {
    var state = try Self.state()
    Self.select("car_value", &state)
    Self.press("m", &state)
    let column = try #require(state.selectedDriftColumn)
    let method = try #require(column.method)
    #expect(column.chosen)
    let statistics = try #require(column.result?.statistics)
    #expect(column.score == statistics.score(for: method))
    let thresholds = state.project.thresholds
    #expect(
      column.threshold == DriftEngine.threshold(for: method, column: "car_value", in: thresholds))
    #expect(state.message?.text.contains("car_value: method \(method.rawValue)") == true)
  }

  @Test func sortOrder() throws {
    var state = try Self.state()
    let byScore = state.visible(in: .drift).map(\.item.id)
    #expect(byScore.count == 7)
    let severities = byScore.map { state.driftColumn(named: $0)?.severity }
    for (a, b) in zip(severities, severities.dropFirst()) {
      switch (a, b) {
      case (let x?, let y?): #expect(x >= y)
      case (nil, .some): Issue.record("a column without a score sorts before one with a score")
      default: break
      }
    }
    let drifted = byScore.filter { state.driftColumn(named: $0)?.verdict == .drifted }
    #expect(Array(byScore.prefix(drifted.count)) == drifted, "drifted columns come first")
    Self.press("s", &state)
    #expect(state.driftView.sort == .name)
    #expect(state.visible(in: .drift).map(\.item.id) == byScore.sorted())
    Self.press("s", &state)
    #expect(state.visible(in: .drift).map(\.item.id) == byScore)
  }

  @Test func selectionSurvivesWindowStepsAndSorting() throws {
    var state = try Self.state()
    Self.select("loan_length", &state)
    Self.press("WWs", &state)
    #expect(state.selectedItem(in: .drift)?.id == "loan_length")
  }

  @Test func filterNarrowsTheColumns() throws {
    var state = try Self.state()
    Self.press("/", &state)
    Self.press("car", &state)
    _ = state.handle(.key(.enter))
    #expect(state.visible(in: .drift).map(\.item.id).contains("car_value"))
    #expect(Self.screen(state).contains("Columns (\(state.visible(in: .drift).count) of 7)"))
  }

  @Test func enterOpensTheFeatureOrItsDatasetInLineage() throws {
    var state = try Self.state()
    Self.select("debt_to_income_ratio", &state)
    _ = state.handle(.key(.enter))
    #expect(state.view == .lineage)
    #expect(state.selectedNode == NodeID(.feature, "debt_to_income_ratio"))
    _ = state.handle(.key(.escape))
    #expect(state.view == .drift)
    Self.select("car_value", &state)
    _ = state.handle(.key(.enter))
    #expect(state.view == .lineage)
    #expect(state.selectedNode == NodeID(.dataset, "loan_applications"))
    #expect(state.message?.text.contains("`car_value` is not a feature") == true)
  }

  @Test func aColumnWithoutANodeSaysSo() throws {
    let directory = try Self.hostileProject()
    defer { try? FileManager.default.removeItem(atPath: directory.path) }
    var state = try Self.hostileState(directory)
    Self.select("plain", &state)
    _ = state.handle(.key(.enter))
    #expect(state.view == .drift)
    #expect(
      state.message?.text
        == "no lineage node for column `plain`: declare it as a feature in mldebt.yaml")
  }

  // MARK: Several sources, failures, hostile data

  @Test func severalSourcesAndAFailedOne() throws {
    let analysis = try #require(Self.example)
    var project = analysis.project
    let shadow = MonitoringSource(
      name: "shadow", reference: "data/monitoring/missing.csv",
      current: "data/monitoring/analysis.csv")
    project.monitoring.append(shadow)
    // The engine's own error for the missing file (the first source's report is reused).
    let failure: String?
    do {
      _ = try DriftEngine.analyse(shadow, in: project)
      failure = nil
    } catch {
      failure = error.description
    }
    #expect(failure != nil)
    let twice = ProjectAnalysis(
      project: project, now: analysis.now, graph: analysis.graph,
      drift: analysis.drift + [MonitoringDrift(source: shadow, report: nil, error: failure)],
      checklist: analysis.checklist, diagnostics: analysis.diagnostics)
    var state = AppState(project: project, analysis: twice, size: Size(width: 80, height: 24))
    _ = state.handle(.key(.character("4")))
    #expect(Self.screen(state).contains("production (1/2, [ ])"))
    _ = state.handle(.key(.character("]")))
    #expect(state.driftSource?.source.name == "shadow")
    let text = Self.screen(state)
    Golden.check(text, "drift-failed-source-80x24")
    #expect(text.contains("No drift report"))
    #expect(text.contains("missing.csv"))
    Self.press("w", &state)
    #expect(state.message?.text == "next-window: this source has no drift report")
    _ = state.handle(.key(.character("[")))
    #expect(state.driftSource?.source.name == "production")
  }

  @Test func oneSourceCannotBeSwitched() throws {
    var state = try Self.state()
    _ = state.handle(.key(.character("]")))
    #expect(state.message?.text == "next-source: the project has one monitoring source or none")
  }

  /// A monitoring source whose column names and categories carry terminal escapes.
  static func hostileProject() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-drift-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let name = "\"\u{1b}]0;pwned\u{7}\""
    var reference = "\(name),plain\n"
    var current = "\(name),plain\n"
    for row in 0..<60 {
      reference += "\(row % 3 == 0 ? "a\u{1b}[31m" : "b"),\(row)\n"
      current += "\(row % 2 == 0 ? "a\u{1b}[31m" : "c\u{9b}2J"),\(row * 2)\n"
    }
    try reference.write(
      to: directory.appendingPathComponent("reference.csv"), atomically: true, encoding: .utf8)
    try current.write(
      to: directory.appendingPathComponent("current.csv"), atomically: true, encoding: .utf8)
    return directory
  }

  static func hostileState(_ directory: URL) throws -> AppState {
    let project = Project(
      root: directory.path, name: "hostile",
      monitoring: [
        MonitoringSource(name: "hostile", reference: "reference.csv", current: "current.csv")
      ])
    let analysis = ProjectAnalysis.compute(project, now: Date(timeIntervalSince1970: 0))
    #expect(analysis.drift.first?.report != nil, "\(analysis.drift.first?.error ?? "")")
    var state = AppState(project: project, analysis: analysis, size: Size(width: 120, height: 40))
    _ = state.handle(.key(.character("4")))
    return state
  }

  @Test func namesAndCategoriesFromDataAreSanitized() throws {
    let directory = try Self.hostileProject()
    defer { try? FileManager.default.removeItem(atPath: directory.path) }
    var state = try Self.hostileState(directory)
    Self.select("\u{1b}]0;pwned\u{7}", &state)
    for keys in ["", "i"] {
      Self.press(keys, &state)
      let buffer = Shell.render(state, size: state.size)
      let text = buffer.plainText()
      #expect(text.contains("\\x1b]0;pwned\\x07"), "\(text)")
      #expect(text.contains("a\\x1b[31m"), "\(text)")
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
      #expect(!text.unicodeScalars.contains { (0x80...0x9f).contains($0.value) })
    }
  }
}

extension DriftViewTests {
  @Test func glyphModesFollowTheState() throws {
    let ascii = try Self.state(glyphs: .ascii)
    let text = Self.screen(ascii)
    Golden.check(text, "drift-example-ascii-80x24")
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
    let blocks = try Self.state(glyphs: Glyphs.unicode.with(chartMode: .blocks))
    let blockText = Self.screen(blocks)
    Golden.check(blockText, "drift-example-blocks-80x24")
    #expect(!blockText.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
  }
}

extension DriftViewTests {
  /// Steps through every column, window and method (drawing every third window at 80×24, three
  /// at 160×48, and every method): nothing crashes, and every frame names the window and column.
  @Test func everyColumnWindowAndMethodRenders() throws {
    for size in [Size(width: 80, height: 24), Size(width: 160, height: 48)] {
      var state = try Self.state(width: size.width, height: size.height)
      let report = try #require(state.driftSource?.report)
      for name in report.columns {
        Self.select(name, &state)
        Self.press(String(repeating: "W", count: report.windows.count), &state)
        let count = report.windows.count
        let step = size.width < 100 ? 3 : count / 2
        let drawn = Set(stride(from: 0, to: count, by: step)).union([count - 1])
        for index in report.windows.indices {
          #expect(state.driftWindow == index)
          if drawn.contains(index) {
            let text = Self.screen(state)
            #expect(text.contains("window \(report.windows[index].label)"))
            #expect(text.contains("\(name) ("))
          }
          Self.press("w", &state)
        }
        let methods = try #require(state.selectedDriftColumn?.availableMethods)
        for _ in methods {
          Self.press("m", &state)
          #expect(Self.screen(state).contains("\(name) ("))
        }
      }
    }
  }

  /// A source of pre-aggregated histograms (no raw values, no predictions): KS is absent, so
  /// `m` never offers it, and the view has no bias or quality charts.
  @Test func histogramInput() throws {
    let fixtures = EndToEndTests.packageRoot.appendingPathComponent(
      "Tests/MLDebtTests/Fixtures/drift")
    let project = Project(
      root: fixtures.path, name: "histograms",
      monitoring: [MonitoringSource(name: "warehouse", histograms: "histograms.csv")])
    let analysis = ProjectAnalysis.compute(project, now: Date(timeIntervalSince1970: 0))
    let report = try #require(analysis.drift.first?.report, "\(analysis.drift.first?.error ?? "")")
    var state = AppState(project: project, analysis: analysis, size: Size(width: 160, height: 48))
    _ = state.handle(.key(.character("4")))
    for name in report.columns {
      Self.select(name, &state)
      let column = try #require(state.selectedDriftColumn)
      #expect(!column.availableMethods.contains(.ks), "\(name)")
      let text = Self.screen(state)
      #expect(!text.contains("Bias ("))
      #expect(text.contains("Distribution"))
    }
  }
}
