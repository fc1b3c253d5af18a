import Testing

@testable import MLDebtTUI

@Suite("Widget goldens")
struct WidgetGoldenTests {
  func canvas(_ width: Int, _ height: Int, _ draw: (inout CellBuffer) -> Void) -> String {
    var buffer = CellBuffer(size: Size(width: width, height: height))
    draw(&buffer)
    return buffer.plainText()
  }

  @Test(arguments: [("unicode", Glyphs.unicode), ("ascii", Glyphs.ascii)])
  func boxAndSplit(name: String, glyphs: Glyphs) {
    let text = canvas(30, 6) { buffer in
      let inner = Box(title: "Nodes", focused: true).render(
        into: &buffer, buffer.bounds, glyphs: glyphs)
      let (a, b) = SplitPane(.horizontal, ratio: 0.5).render(into: &buffer, inner, glyphs: glyphs)
      buffer.put("left", x: a.x, y: a.y)
      buffer.put("right", x: b.x, y: b.y)
    }
    Golden.check(text, "widget-box-split-\(name)")
  }

  @Test func listScrollsToTheSelection() {
    let rows = (1...20).map { ListWidget.Row([Span("item \($0)")], depth: $0 % 3 == 0 ? 1 : 0) }
    let text = canvas(24, 6) { buffer in
      ListWidget(rows: rows, selected: 12).render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    Golden.check(text, "widget-list")
    #expect(ListWidget.offset(selected: 12, count: 20, height: 6) == 7)
  }

  @Test func tableHasStickyHeaderSortMarkerAndHorizontalScroll() {
    let columns = [
      TableWidget.Column("Name", width: 8), TableWidget.Column("Status", width: 8),
      TableWidget.Column("C", width: 5, alignRight: true),
      TableWidget.Column("AUC", width: 6, alignRight: true),
    ]
    let rows = (1...9).map {
      ["run-\($0)", $0 % 2 == 0 ? "failed" : "finished", "0.\($0)", "0.8\($0)"]
    }
    let full = canvas(36, 5) { buffer in
      TableWidget(columns: columns, rows: rows, selected: 6, sort: (3, false))
        .render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    Golden.check(full, "widget-table")
    let scrolled = canvas(24, 5) { buffer in
      TableWidget(columns: columns, rows: rows, selected: 0, sort: (0, true), firstColumn: 2)
        .render(into: &buffer, buffer.bounds, glyphs: .ascii)
    }
    Golden.check(scrolled, "widget-table-scrolled-ascii")
  }

  @Test func statusBarDropsHintsBeforeFields() {
    let wide = canvas(60, 1) { buffer in
      StatusBar(fields: [Span("car-loans"), Span("Lineage")], hints: [Span("? help  q quit")])
        .render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    #expect(wide.hasPrefix(" car-loans │ Lineage "))
    #expect(wide.hasSuffix(" ? help  q quit\n"))
    #expect(ScreenText.width(of: wide) == 59)
    let narrow = canvas(24, 1) { buffer in
      StatusBar(fields: [Span("car-loans"), Span("Lineage")], hints: [Span("? help  q quit")])
        .render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    #expect(narrow == " car-loans │ Lineage\n")
  }

  @Test func sparklineLevels() {
    let line = Sparkline([0, 1, 2, 3, 4, 5, 6, 7, .nan, 7])
    #expect(line.text(width: 10, glyphs: .unicode) == "▁▂▃▄▅▆▇█ █")
    // Scaled to the values shown: equal values sit mid-height.
    #expect(line.text(width: 3, glyphs: .unicode) == "▅ ▅")
    #expect(Sparkline([2, 2]).text(width: 5, glyphs: .ascii) == "++")
  }

  @Test func horizontalBarUsesEighths() {
    #expect(HorizontalBar(value: 5, maximum: 10).text(width: 10, glyphs: .unicode) == "█████")
    #expect(HorizontalBar(value: 1, maximum: 16).text(width: 10, glyphs: .unicode) == "▋")
    #expect(HorizontalBar(value: 10, maximum: 10).text(width: 4, glyphs: .ascii) == "####")
    #expect(HorizontalBar(value: 0, maximum: 10).text(width: 4, glyphs: .unicode) == "")
  }

  @Test(arguments: [ChartMode.braille, .blocks, .ascii])
  func lineChart(mode: ChartMode) {
    let glyphs = mode == .ascii ? Glyphs.ascii : Glyphs.unicode.with(chartMode: mode)
    let values: [Double] = (0..<30).map { i in
      let bump: Double = i % 5 == 0 ? 0.03 : 0
      return 0.7 + 0.1 * Double(i) / 29 + bump
    }
    let text = canvas(40, 8) { buffer in
      LineChart(series: [LineChart.Series(values)], xStart: "step 0", xEnd: "step 29")
        .render(into: &buffer, buffer.bounds, glyphs: glyphs)
    }
    Golden.check(text, "widget-linechart-\(mode.rawValue)")
  }

  @Test(arguments: [ChartMode.braille, .ascii])
  func lineChartWithAThresholdAndAMarkedPoint(mode: ChartMode) {
    let glyphs = mode == .ascii ? Glyphs.ascii : Glyphs.unicode
    let values: [Double] = [0.02, 0.03, 0.02, 0.08, 0.3, 0.5, 0.45, 0.6, 0.55, 0.4]
    let text = canvas(40, 8) { buffer in
      LineChart(
        series: [LineChart.Series(values)], xStart: "w01", xEnd: "w10",
        rules: [LineChart.Rule(0.1)], mark: (index: 5, label: "w06")
      ).render(into: &buffer, buffer.bounds, glyphs: glyphs)
    }
    Golden.check(text, "widget-linechart-rule-\(mode.rawValue)")
    #expect(text.contains("0.1"), "the rule is labelled on the y axis")
    #expect(text.contains("w06"), "the marked point is labelled under the axis")
    #expect(text.contains(mode == .ascii ? "^" : "┴"))
  }

  @Test func lineChartRangeIncludesTheRule() {
    let text = canvas(30, 6) { buffer in
      LineChart(series: [LineChart.Series([0.5, 0.6, 0.7])], rules: [LineChart.Rule(0.1)])
        .render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[3].hasPrefix("0.1"), "the rule sits on the bottom row, the range's low end")
    #expect(lines[3].contains("┄"))
  }

  @Test func histogramOverlaysTwoSeries() {
    let text = canvas(32, 6) { buffer in
      Histogram(first: [1, 3, 6, 8, 5, 2, 1, 0], second: [0, 1, 3, 5, 8, 6, 3, 1])
        .render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    Golden.check(text, "widget-histogram")
  }

  @Test func modalClearsWhatIsUnderIt() {
    let text = canvas(40, 9) { buffer in
      buffer.fill(buffer.bounds, character: "x")
      Modal(title: "Help", lines: [[Span("one")], [Span("two")]], footer: "Esc closes")
        .render(into: &buffer, buffer.bounds, glyphs: .unicode)
    }
    Golden.check(text, "widget-modal")
  }

  @Test func textInputEditsAndPlacesTheCursor() {
    var input = TextInput()
    for character in "open fe" { _ = input.handle(.character(character)) }
    _ = input.handle(.backspace)
    _ = input.handle(.left)
    #expect(input.handle(.character("X")) == .edited)
    #expect(input.text == "open Xf")
    #expect(input.handle(.control("w")) == .edited)
    #expect(input.text == "open f")
    #expect(input.handle(.up) == .ignored)
    var buffer = CellBuffer(size: Size(width: 20, height: 1))
    input.render(into: &buffer, buffer.bounds, prompt: ":")
    #expect(buffer.plainText() == ":open f\n")
    #expect(buffer.cursor?.x == 6)
  }
}
