import MLDebt

/// The loading screen: shown in every view until the first load ends, it lists each source with
/// a spinner, a bar (when the reader counts its items), what it read, or why it failed.
public enum LoadingView {
  /// Draws the loading screen for the focused view in `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let load = state.load
    let title = "\(state.view.title): loading \(state.project.name)"
    let inner = Box(title: title, focused: true).render(into: &buffer, rect, glyphs: state.glyphs)
    guard inner.width > 10, inner.height > 2 else { return }
    var y = inner.y
    let x = inner.x + 1
    let width = inner.width - 2
    for line in headline(state) {
      buffer.put(spans: line, x: x, y: y, maxWidth: width)
      y += 1
    }
    y += 1
    let footer = footer(state)
    let room = inner.maxY - footer.count - 1 - y
    let rows = load.sources.enumerated().map { row(state, $1, index: $0, width: width) }
    let shown = rows.count > room ? max(0, room - 1) : rows.count
    for line in rows.prefix(shown) {
      buffer.put(spans: line, x: x, y: y, maxWidth: width)
      y += 1
    }
    if shown < rows.count {
      buffer.put(
        "\(state.glyphs.ellipsis) and \(rows.count - shown) more", x: x, y: y,
        style: Style(.muted), maxWidth: width)
    }
    for (offset, line) in footer.enumerated() {
      buffer.put(
        line, x: x, y: inner.maxY - footer.count + offset, style: Style(.muted), maxWidth: width)
    }
  }

  /// The first line: how far the load is, or that it was cancelled or failed.
  static func headline(_ state: AppState) -> [[Span]] {
    let load = state.load
    let sources = load.sources
    let done = sources.filter { if case .done = $0.state { true } else { false } }.count
    let failed = sources.filter { if case .failed = $0.state { true } else { false } }.count
    let summary =
      sources.isEmpty
      ? "finding sources"
      : "\(sources.count) source\(sources.count == 1 ? "" : "s"): \(done) read"
        + (failed > 0 ? ", \(failed) failed" : "")
    switch load.phase {
    case .loading:
      return [
        [
          Span(spinner(state), Style(.accent, [.bold])),
          Span(" Loading \(state.glyphs.dot) " + summary),
        ]
      ]
    case .cancelling:
      return [
        [Span(spinner(state), Style(.warn, [.bold])), Span(" Cancelling" + state.glyphs.ellipsis)]
      ]
    case .cancelled:
      return [
        [Span(state.cancelledMessage("Loading"), Style(.warn, [.bold]))],
        [Span(summary + " before it stopped", Style(.muted))],
      ]
    case .failed(let why):
      return [[Span("The project could not be loaded", Style(.bad, [.bold]))]]
        + ScreenText.wrap(why, width: max(10, state.size.width - 6)).map {
          [Span($0, Style(.bad))]
        }
    case .loaded:
      return [[Span("Loaded \(state.glyphs.dot) " + summary)]]
    }
  }

  /// One source's row: mark, kind, path and what it read so far.
  static func row(_ state: AppState, _ source: SourceProgress, index: Int, width: Int) -> [Span] {
    let glyphs = state.glyphs
    let mark: Span
    let detail: [Span]
    switch source.state {
    case .waiting:
      mark = Span(glyphs.waitingMark, Style(.muted))
      detail = [Span("waiting", Style(.muted))]
    case .reading(let step, let done, let total):
      mark = Span(spinner(state, offset: index), Style(.accent, [.bold]))
      if let total, total > 0 {
        let bar = HorizontalBar(value: Double(done), maximum: Double(total))
        detail = [
          Span(ScreenText.pad(bar.text(width: 12, glyphs: glyphs), to: 12), Style(.series1)),
          Span(" \(done)/\(total) \(step ?? "items")"),
        ]
      } else {
        detail = [Span("reading" + glyphs.ellipsis)]
      }
    case .done(let summary):
      let counts = summary.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      let problems =
        summary.errorCount > 0
        ? " (\(summary.errorCount) error\(summary.errorCount == 1 ? "" : "s"))" : ""
      mark = Span(glyphs.doneMark, Style(summary.errorCount > 0 ? .warn : .ok, [.bold]))
      detail = [Span((counts.isEmpty ? "read" : counts) + problems)]
    case .failed(let why):
      mark = Span(glyphs.failedMark, Style(.bad, [.bold]))
      detail = [Span(why, Style(.bad))]
    case .cancelled:
      mark = Span(glyphs.waitingMark, Style(.warn))
      detail = [Span("cancelled", Style(.warn))]
    }
    let pathWidth = max(8, min(20, width / 4))
    return [
      mark,
      Span(" " + ScreenText.pad(source.kind.rawValue, to: 17, ellipsis: glyphs.ellipsis) + " "),
      Span(
        ScreenText.pad(source.path, to: pathWidth, ellipsis: glyphs.ellipsis) + " ", Style(.muted)),
    ] + detail
  }

  /// The last lines: what happens next and the keys that work.
  static func footer(_ state: AppState) -> [String] {
    let first = state.load.isLoading ? "Esc cancels" : "r reloads"
    let keys = [first, "q quits", "? keys", ": commands"].joined(separator: " \(state.glyphs.dot) ")
    return ["The \(state.view.title) view fills in when loading ends.", keys]
  }

  /// The spinner's frame for the state's tick (shifted by `offset` so rows do not beat together).
  static func spinner(_ state: AppState, offset: Int = 0) -> String {
    let frames = state.glyphs.spinner
    return frames[(state.load.tick + offset) % frames.count]
  }
}
