import MLDebt

/// The frame every view lives in: the view bar on top, the view, the filter or command line, the
/// status bar, and overlays (help, details, the palette's completions).
public enum Shell {
  /// Renders the whole screen for a state. Pure: the same state and size give the same cells.
  public static func render(_ state: AppState, size: Size) -> CellBuffer {
    var buffer = CellBuffer(size: size)
    let screen = buffer.bounds
    guard !state.isTooSmall, size.width >= state.minimumSize.width,
      size.height >= state.minimumSize.height
    else {
      renderTooSmall(state, into: &buffer, size: size)
      return buffer
    }
    renderViewBar(state, into: &buffer, screen.top(1))
    var body = screen.dropTop(1).dropBottom(1)
    let inputRow = body.bottom(1)
    switch state.mode {
    case .filter(let input):
      body = body.dropBottom(1)
      renderFilterLine(state, input: input, into: &buffer, inputRow)
    case .palette(let palette):
      body = body.dropBottom(1)
      palette.input.render(into: &buffer, inputRow, prompt: ":", style: .plain)
    default:
      if !state.currentFilter.isEmpty {
        body = body.dropBottom(1)
        renderFilterLine(state, input: nil, into: &buffer, inputRow)
      }
    }
    switch state.view {
    case _ where state.load.showsScreen: LoadingView.render(state, into: &buffer, body)
    case .overview: OverviewView.render(state, into: &buffer, body)
    case .lineage: LineageView.render(state, into: &buffer, body)
    case .runs: RunsView.render(state, into: &buffer, body)
    case .drift: DriftView.render(state, into: &buffer, body)
    case .checklist: ChecklistView.render(state, into: &buffer, body)
    case .sources: SourcesView.render(state, into: &buffer, body)
    }
    renderStatusBar(state, into: &buffer, screen.bottom(1))
    switch state.mode {
    case .help(let scroll):
      Modal(
        title: "Keys", lines: HelpOverlay.lines(state), scroll: scroll,
        footer: "j/k scroll · Esc or ? closes"
      )
      .render(into: &buffer, body, glyphs: state.glyphs)
    case .detail(let title, let lines, let scroll):
      Modal(title: title, lines: lines, scroll: scroll, footer: "j/k scroll · Esc closes")
        .render(into: &buffer, body, glyphs: state.glyphs)
    case .palette(let palette):
      let cursor = buffer.cursor
      renderCompletions(state, palette, into: &buffer, above: inputRow)
      buffer.cursor = cursor
    case .attest(let form):
      AttestationFormView.render(form, state: state, into: &buffer, body)
    default:
      break
    }
    return buffer
  }

  static func renderTooSmall(_ state: AppState, into buffer: inout CellBuffer, size: Size) {
    let need = state.minimumSize
    let lines = [
      "terminal too small: \(size.width)×\(size.height), need \(need.width)×\(need.height)",
      "enlarge the window, or press q to quit",
    ]
    for (offset, line) in lines.enumerated() {
      let wrapped = ScreenText.wrap(line, width: max(1, size.width))
      let y = max(0, size.height / 2 - 1) + offset * max(1, wrapped.count)
      for (row, text) in wrapped.enumerated() {
        let x = max(0, (size.width - ScreenText.width(of: text)) / 2)
        buffer.put(text, x: x, y: y + row, style: Style(offset == 0 ? .warn : .muted))
      }
    }
  }

  static func renderViewBar(_ state: AppState, into buffer: inout CellBuffer, _ row: Rect) {
    buffer.fill(row, style: Style(.tabInactive))
    var x =
      row.x
      + buffer.put(" mldebt ", x: row.x, y: row.y, style: Style(.accent, [.bold]).on(.tabInactive))
    for view in ViewID.allCases {
      let label = " \(view.number) \(view.title) "
      let active = view == state.view
      let w = buffer.put(
        label, x: x, y: row.y,
        style: Style(active ? .tabActive : .tabInactive, active ? [.bold] : []),
        maxWidth: row.maxX - x)
      buffer.addHit(Rect(x: x, y: row.y, width: w, height: 1), .tab(view))
      x += w
      if x >= row.maxX { break }
    }
    let name = ScreenText.sanitize(state.project.name)
    let room = row.maxX - x - 2
    if room > 4 {
      let text = ScreenText.truncate(name, to: room, ellipsis: state.glyphs.ellipsis)
      buffer.put(
        text, x: row.maxX - ScreenText.width(of: text) - 1, y: row.y,
        style: Style(.muted).on(.tabInactive))
    }
  }

  static func renderFilterLine(
    _ state: AppState, input: TextInput?, into buffer: inout CellBuffer, _ row: Rect
  ) {
    let count = state.visible(in: state.view).count
    let total = state.items(in: state.view).count
    let counter = " \(count)/\(total)"
    let counterWidth = ScreenText.width(of: counter)
    let field = Rect(x: row.x, y: row.y, width: row.width - counterWidth - 1, height: 1)
    if let input {
      input.render(into: &buffer, field, prompt: "/", style: .plain)
    } else {
      buffer.put(
        spans: [
          Span("/", Style(.accent, [.bold])), Span(state.currentFilter, Style(.match)),
          Span("  (Esc clears)", Style(.muted)),
        ], x: row.x, y: row.y, maxWidth: field.width)
    }
    buffer.put(
      counter, x: row.maxX - counterWidth - 1, y: row.y, style: Style(count == 0 ? .bad : .muted))
  }

  static func renderCompletions(
    _ state: AppState, _ palette: PaletteState, into buffer: inout CellBuffer, above row: Rect
  ) {
    let options = state.completions(for: palette.input.text)
    guard !options.isEmpty else { return }
    let shown = min(8, options.count, max(0, row.y - 2))
    guard shown > 0 else { return }
    let selected = max(0, min(palette.selected, options.count - 1))
    let first = ListWidget.offset(selected: selected, count: options.count, height: shown)
    let width = min(
      row.width,
      max(
        30,
        options[first..<first + shown].map { ScreenText.width(of: ScreenText.sanitize($0)) }.max()
          ?? 0) + 4)
    let frame = Rect(x: row.x, y: row.y - shown - 2, width: width, height: shown + 2)
    buffer.fill(frame)
    let inner = Box(
      title: "\(options.count) completion\(options.count == 1 ? "" : "s") · Tab", focused: true
    ).render(into: &buffer, frame, glyphs: state.glyphs)
    ListWidget(rows: options.map { ListWidget.Row([Span($0)]) }, selected: selected).render(
      into: &buffer, inner, glyphs: state.glyphs)
  }

  static func renderStatusBar(_ state: AppState, into buffer: inout CellBuffer, _ row: Rect) {
    var fields = [
      Span(state.project.name, Style(.statusAccent, [.bold]).on(.statusBar)),
      Span(state.view.title, Style(.statusBar)),
    ]
    var count = state.visible(in: state.view).count
    var position = state.selectedIndex(in: state.view)
    if state.view == .lineage {
      (count, position) = (state.lineageCentre.count, state.lineageCentre.row)
    }
    if let index = position, let id = state.focusedID {
      let shown = ScreenText.truncate(
        ScreenText.sanitize(id), to: 28, ellipsis: state.glyphs.ellipsis)
      fields.append(Span("\(index + 1)/\(count) \(shown)", Style(.statusBar)))
    }
    if state.load.hasData, state.load.isLoading {
      let done = state.load.sources.filter(\.isFinished).count
      fields.append(
        Span(
          LoadingView.spinner(state) + " loading \(done)/\(state.load.sources.count)",
          Style(.statusAccent).on(.statusBar)))
    }
    if let message = state.message {
      fields.append(
        Span(
          message.text,
          Style(message.isError ? .bad : .statusAccent, message.isError ? [.bold] : []).on(
            .statusBar)))
    }
    let fieldsWidth = fields.reduce(0) {
      $0 + ScreenText.width(of: ScreenText.sanitize($1.text)) + 3
    }
    StatusBar(fields: fields, hints: hints(state, width: row.width - fieldsWidth - 4)).render(
      into: &buffer, row, glyphs: state.glyphs)
  }

  /// Key hints for the status bar, from the key map (or the mode's own keys), as many as fit
  /// in `width` columns; help and quit are kept longest.
  static func hints(_ state: AppState, width: Int = .max) -> [Span] {
    var pairs: [(String, String)]
    switch state.mode {
    case .filter: pairs = [("enter", "keep"), ("esc", "clear")]
    case .palette: pairs = [("tab", "complete"), ("enter", "run"), ("esc", "close")]
    case .help, .detail: pairs = [("esc", "close")]
    case .attest:
      let arrows = state.glyphs.arrowLeft + "/" + state.glyphs.arrowRight
      pairs = [("tab", "field"), (arrows, "status"), ("enter", "save"), ("esc", "cancel")]
    case .normal where state.view == .lineage && state.lineage.prompt != nil:
      pairs = [("tab", "complete"), ("enter", "show path"), ("esc", "cancel")]
    case .normal:
      pairs = state.keymap.bindings.compactMap { binding in
        guard let hint = binding.hint, let key = binding.keys.first,
          binding.applies(in: state.view), binding.disabledReason(state) == nil,
          state.keymap.action(for: key, in: state.view) == binding.action
        else { return nil }
        return (key.shortName, hint)
      }
    }
    func total(_ pairs: [(String, String)]) -> Int {
      pairs.reduce(0) { $0 + ScreenText.width(of: $1.0 + " " + $1.1) + 1 }
    }
    let keep = ["help", "quit", "commands"]
    while total(pairs) > width,
      let drop = pairs.lastIndex(where: { !keep.contains($0.1) }) ?? pairs.indices.first
    {
      pairs.remove(at: drop)
    }
    var spans: [Span] = []
    for (index, (key, label)) in pairs.enumerated() {
      if index > 0 { spans.append(Span(" ", Style(.statusBar))) }
      spans.append(Span(key, Style(.statusAccent, [.bold]).on(.statusBar)))
      spans.append(Span(" " + label, Style(.statusBar)))
    }
    return spans
  }

  /// The detail overlay's lines for an item.
  static func detail(_ state: AppState, _ item: ViewItem) -> [[Span]] {
    switch item.ref {
    case .node(let node):
      state.lineage.graph.index(of: node).map { LineageView.details(state, $0, width: 70) } ?? []
    case .run(let offset): RunsView.detail(state, offset)
    case .diagnostic, .source: SourcesView.detail(state, item.ref)
    case .monitoring(let offset): DriftView.detail(state.project.monitoring[offset])
    case .checkItem, .checkFinding, .checkEvidence: ChecklistView.detail(state, item.ref)
    case .area, .finding, .driftAlert: OverviewView.detail(state, item.ref)
    case .driftColumn: DriftView.detailLines(state)
    }
  }
}
