import MLDebt

/// The Lineage view: Miller columns around one focused node (its direct upstream on the left,
/// the focus and its siblings in the centre, its direct downstream on the right), a pane with the
/// focus's details or the impact, cycles or path panel, and a legend of node and edge kinds.
///
/// Only what is on screen is laid out: side columns hold direct neighbours, and every list draws
/// just its visible rows. Keys are in `AppState+Lineage`; docs/lineage.md describes the view.
public enum LineageView {
  /// The view's list (the centre column before any walk, and what `/` filters): every node.
  static func items(_ project: Project, _ index: ProjectIndex) -> [ViewItem] {
    index.nodes.map { id in
      ViewItem(id: id.description, label: id.description, ref: .node(id))
    }
  }

  /// Below this width the pane goes under the columns instead of beside them.
  static let wideWidth = 150

  /// Draws the view into `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    guard rect.height >= 6, rect.width >= 20 else { return }
    let bottom = rect.bottom(1)
    let area = rect.dropBottom(1)
    let columns: Rect
    let pane: Rect
    if area.width >= wideWidth {
      (columns, pane) = SplitPane(.horizontal, ratio: 0.52).layout(area)
    } else {
      let height = max(5, min(area.height - 6, area.height * 2 / 5 + 1))
      columns = area.top(height)
      pane = area.dropTop(height)
    }
    renderColumns(state, into: &buffer, columns)
    let focus = state.lineageFocus
    if state.lineage.panel == .details {
      renderDetails(state, focus, into: &buffer, pane)
    } else {
      renderPanel(state, into: &buffer, pane)
    }
    if let prompt = state.lineage.prompt {
      renderPrompt(state, prompt, into: &buffer, bottom, above: pane)
    } else {
      renderLegend(state, into: &buffer, bottom)
    }
  }

  // MARK: - Columns

  private enum SideRow {
    case heading(EdgeKind)
    case entry(Int)
  }

  static func renderColumns(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let side = max(8, (rect.width - 2) / 3)
    let centreWidth = max(8, rect.width - 2 - 2 * side)
    let left = Rect(x: rect.x, y: rect.y, width: side, height: rect.height)
    let centre = Rect(x: left.maxX + 1, y: rect.y, width: centreWidth, height: rect.height)
    let right = Rect(
      x: centre.maxX + 1, y: rect.y, width: max(0, rect.maxX - centre.maxX - 1),
      height: rect.height)
    let focus = state.lineageFocus
    renderSide(state, focus, .upstream, into: &buffer, left)
    renderCentre(state, into: &buffer, centre)
    renderSide(state, focus, .downstream, into: &buffer, right)
  }

  private static func renderSide(
    _ state: AppState, _ focus: Int?, _ direction: LineageDirection,
    into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let glyphs = state.glyphs
    let lineage = state.lineage
    let entries = focus.map { lineage.entries(of: $0, direction) } ?? []
    let title =
      direction == .upstream
      ? "\(glyphs.arrowLeft) Upstream \(entries.count)"
      : "Downstream \(entries.count) \(glyphs.arrowRight)"
    let inner = Box(title: ScreenText.sanitize(title)).render(into: &buffer, rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    guard !entries.isEmpty else {
      let text = focus == nil ? "" : "nothing \(direction.rawValue)"
      buffer.put(text, x: inner.x + 1, y: inner.y, style: Style(.muted), maxWidth: inner.width - 1)
      return
    }
    var rows: [SideRow] = []
    var previous: EdgeKind?
    for (offset, entry) in entries.enumerated() {
      if entry.edge != previous { rows.append(.heading(entry.edge)) }
      previous = entry.edge
      rows.append(.entry(offset))
    }
    let chosen = lineage.preselected(in: entries)
    let chosenRow = rows.firstIndex {
      if case .entry(let offset) = $0 { return offset == chosen }
      return false
    }
    let first = ListWidget.offset(selected: chosenRow, count: rows.count, height: inner.height)
    for line in 0..<min(inner.height, rows.count - first) {
      let y = inner.y + line
      switch rows[first + line] {
      case .heading(let edge):
        buffer.put(
          edge.rawValue, x: inner.x + 1, y: y, style: Style(role(for: edge), [.bold]),
          maxWidth: inner.width - 1)
      case .entry(let offset):
        let node = entries[offset].node
        if offset == chosen {
          buffer.put(glyphs.pointer, x: inner.x, y: y, style: Style(.accent), maxWidth: 1)
        }
        buffer.put(
          spans: nodeSpans(lineage.graph, node, ellipsis: glyphs.ellipsis, width: inner.width - 1),
          x: inner.x + 1, y: y, maxWidth: inner.width - 1)
        buffer.addHit(Rect(x: inner.x, y: y, width: inner.width, height: 1), .lineageNode(node))
      }
    }
    scrollMark(first: first, shown: inner.height, count: rows.count, into: &buffer, inner)
  }

  private static func renderCentre(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let glyphs = state.glyphs
    let lineage = state.lineage
    let graph = lineage.graph
    let (count, selected) = state.lineageCentre
    let title: String
    switch state.lineageColumn {
    case .all:
      title =
        state.filters[.lineage] == nil
        ? "All nodes \(count)" : "Matches \(count)/\(state.items(in: .lineage).count)"
    case .neighbours(let node, let direction):
      title = "\(direction == .upstream ? "Upstream" : "Downstream") of \(graph[node].name)"
    case .single:
      title = "Focus"
    }
    let focused = state.lineage.panel == .details
    let inner = Box(title: ScreenText.sanitize(title), focused: focused).render(
      into: &buffer, rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    guard count > 0 else {
      buffer.put(
        state.filters[.lineage] == nil ? "No nodes." : "No node matches the filter.",
        x: inner.x + 1, y: inner.y, style: Style(.muted), maxWidth: inner.width - 1)
      return
    }
    let first = ListWidget.offset(selected: selected, count: count, height: inner.height)
    let visible = state.visible(in: .lineage)
    for line in 0..<min(inner.height, count - first) {
      let row = first + line
      let y = inner.y + line
      let width = inner.width - 1
      var spans: [Span]
      switch state.lineageColumn {
      case .all:
        let entry = visible[row]
        guard case .node(let id) = entry.item.ref else { continue }
        // The label is `kind:name`; the badge stands for the kind, so only the name is shown.
        let prefix = id.kind.rawValue.count + 1
        let name = String(entry.item.label.dropFirst(prefix))
        let positions = entry.match.positions.filter { $0 >= prefix }.map { $0 - prefix }
        spans =
          [Span(badge(for: id.kind) + " ", Style(role(for: id.kind), [.bold]))]
          + FuzzyMatch.highlight(name, positions: positions, style: Style(role(for: id.kind)))
      case .neighbours(let node, let direction):
        let entries = lineage.entries(of: node, direction)
        spans = nodeSpans(graph, entries[row].node, ellipsis: glyphs.ellipsis, width: width)
      case .single(let node):
        spans = nodeSpans(graph, node, ellipsis: glyphs.ellipsis, width: width)
      }
      let marker = row == selected ? glyphs.pointer : " "
      buffer.put(marker, x: inner.x, y: y, style: Style(.accent), maxWidth: 1)
      buffer.put(spans: clip(spans, to: width, ellipsis: glyphs.ellipsis), x: inner.x + 1, y: y)
      if row == selected, focused {
        buffer.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1)) {
          $0.background = .selection
        }
      }
      buffer.addHit(Rect(x: inner.x, y: y, width: inner.width, height: 1), .row(row))
    }
    scrollMark(first: first, shown: inner.height, count: count, into: &buffer, inner)
  }

  /// A node as a kind badge and its name, cut to `width`.
  static func nodeSpans(_ graph: LineageGraph, _ node: Int, ellipsis: String, width: Int)
    -> [Span]
  {
    let kind = graph.kind(node)
    let spans = [
      Span(badge(for: kind) + " ", Style(role(for: kind), [.bold])),
      Span(ScreenText.sanitize(graph[node].name), Style(role(for: kind))),
    ]
    return clip(spans, to: width, ellipsis: ellipsis)
  }

  /// `first-last/count` at the bottom right of a list that scrolls.
  static func scrollMark(
    first: Int, shown: Int, count: Int, into buffer: inout CellBuffer, _ inner: Rect
  ) {
    guard count > shown else { return }
    let text = "\(first + 1)-\(first + min(shown, count - first))/\(count)"
    let w = ScreenText.width(of: text)
    if inner.width > w + 4 {
      buffer.put(text, x: inner.maxX - w, y: inner.maxY - 1, style: Style(.muted))
    }
  }

  // MARK: - Panels

  static func renderPanel(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let glyphs = state.glyphs
    let lineage = state.lineage
    let graph = lineage.graph
    let subject = lineage.subject.map { graph.id($0).description } ?? ""
    let title: String
    switch lineage.panel {
    case .details: title = subject
    case .impact: title = "Impact of \(subject)"
    case .cycles: title = "Cycles through \(subject)"
    case .path(let target):
      title = "Path \(subject) \(glyphs.arrowRight) \(graph.id(target).description)"
    }
    let inner = Box(title: ScreenText.sanitize(title), focused: true).render(
      into: &buffer, rect, glyphs: glyphs)
    guard !inner.isEmpty else { return }
    var y = inner.y
    let summary =
      lineage.panel == .impact && inner.height < 16
      ? Array(lineage.panelSummary.prefix(1)) : lineage.panelSummary
    for line in summary.flatMap({ wrap($0, width: inner.width - 1) }) where y < inner.maxY - 1 {
      buffer.put(spans: line, x: inner.x + 1, y: y, maxWidth: inner.width - 1)
      y += 1
    }
    let list = Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y)
    guard !list.isEmpty else { return }
    let rows = lineage.panelRows
    let selected = rows.isEmpty ? nil : max(0, min(lineage.panelRow, rows.count - 1))
    let first = ListWidget.offset(selected: selected, count: rows.count, height: list.height)
    for line in 0..<min(list.height, rows.count - first) {
      let index = first + line
      let row = rows[index]
      let rowY = list.y + line
      let indent = min(row.depth * 2, list.width / 2)
      let width = list.width - 1 - indent
      var spans: [Span]
      switch row.content {
      case .text(let text, let role):
        spans = [Span(text, Style(role, role == .muted ? [] : [.bold]))]
      case .node(let node, let edge, let forward):
        spans = []
        if let edge {
          let arrow = forward ? glyphs.arrowRight : glyphs.arrowLeft
          let label = forward ? "\(edge.rawValue) \(arrow) " : "\(arrow) \(edge.rawValue) "
          spans.append(Span(label, Style(role(for: edge))))
        }
        let kind = graph.kind(node)
        spans.append(Span(badge(for: kind) + " ", Style(role(for: kind), [.bold])))
        spans.append(Span(graph.id(node).description, Style(role(for: kind))))
        if let owner = graph[node].owner {
          spans.append(Span("  " + owner, Style(.muted)))
        }
        if let note = row.note { spans.append(Span("  " + note, Style(.muted))) }
        buffer.addHit(
          Rect(x: list.x, y: rowY, width: list.width, height: 1), .lineageNode(node))
      }
      if index == selected {
        buffer.put(glyphs.pointer, x: list.x, y: rowY, style: Style(.accent), maxWidth: 1)
      }
      buffer.put(
        spans: clip(spans, to: width, ellipsis: glyphs.ellipsis), x: list.x + 1 + indent, y: rowY)
      if index == selected {
        buffer.restyle(Rect(x: list.x, y: rowY, width: list.width, height: 1)) {
          $0.background = .selection
        }
      }
    }
    scrollMark(first: first, shown: list.height, count: rows.count, into: &buffer, list)
  }

  /// Spans laid out on as many lines of `width` as they need, breaking only between spans;
  /// continuation lines are indented and drop a leading separator.
  static func wrap(_ spans: [Span], width: Int) -> [[Span]] {
    var lines: [[Span]] = [[]]
    var used = 0
    for span in spans {
      let w = ScreenText.width(of: ScreenText.sanitize(span.text))
      if used + w > width, used > 2 {
        let text = span.text.hasPrefix(" · ") ? String(span.text.dropFirst(3)) : span.text
        lines.append([Span("  "), Span(text, span.style)])
        used = 2 + ScreenText.width(of: ScreenText.sanitize(text))
      } else {
        lines[lines.count - 1].append(span)
        used += w
      }
    }
    return lines
  }

  // MARK: - Legend and prompt

  static func renderLegend(_ state: AppState, into buffer: inout CellBuffer, _ row: Rect) {
    var items: [[Span]] = NodeKind.allCases.sorted().map { kind in
      [
        Span(badge(for: kind), Style(role(for: kind), [.bold])),
        Span(" " + kind.rawValue, Style(role(for: kind))),
      ]
    }
    items.append([Span(state.glyphs.separator, Style(.border))])
    items += EdgeKind.allCases.map { [Span($0.rawValue, Style(role(for: $0)))] }
    var x = row.x + 1
    for item in items {
      let width = item.reduce(0) { $0 + ScreenText.width(of: $1.text) }
      guard x + width <= row.maxX else { break }
      x += buffer.put(spans: item, x: x, y: row.y) + 1
    }
  }

  static func renderPrompt(
    _ state: AppState, _ prompt: LineageViewState.PathPrompt, into buffer: inout CellBuffer,
    _ row: Rect, above pane: Rect
  ) {
    let from = state.selectedNode.map { ScreenText.sanitize($0.description) } ?? ""
    let matches = prompt.matches
    let shown = min(8, matches.count, max(0, pane.height - 2))
    if shown > 0 {
      let selected = max(0, min(prompt.selected, matches.count - 1))
      let first = ListWidget.offset(selected: selected, count: matches.count, height: shown)
      let frame = Rect(
        x: row.x, y: row.y - shown - 2, width: min(row.width, 56), height: shown + 2)
      buffer.fill(frame)
      let inner = Box(
        title: "\(matches.count) match\(matches.count == 1 ? "" : "es") · Tab", focused: true
      )
      .render(into: &buffer, frame, glyphs: state.glyphs)
      for line in 0..<shown {
        let index = first + line
        let node = matches[index]
        let y = inner.y + line
        if index == selected {
          buffer.put(state.glyphs.pointer, x: inner.x, y: y, style: Style(.accent), maxWidth: 1)
        }
        let kind = state.lineage.graph.kind(node)
        buffer.put(
          state.lineage.graph.id(node).description, x: inner.x + 1, y: y,
          style: Style(role(for: kind)), maxWidth: inner.width - 1)
        if index == selected {
          buffer.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1)) {
            $0.background = .selection
          }
        }
      }
    }
    let cursor = buffer.cursor
    prompt.input.render(into: &buffer, row, prompt: "path from \(from) to: ", style: .plain)
    if cursor != nil, buffer.cursor == nil { buffer.cursor = cursor }
  }

  // MARK: - Roles

  /// The one-letter badge of a node kind (the legend explains them).
  static func badge(for kind: NodeKind) -> String {
    switch kind {
    case .dataset: "D"
    case .column: "c"
    case .feature: "F"
    case .job: "J"
    case .model: "M"
    case .consumer: "C"
    }
  }

  /// The role a node kind's names are drawn in.
  static func role(for kind: NodeKind) -> ThemeRole {
    switch kind {
    case .dataset: .series1
    case .column: .series4
    case .feature: .series2
    case .job: .muted
    case .model: .accent
    case .consumer: .series3
    }
  }

  /// The role an edge kind is drawn in.
  static func role(for edge: EdgeKind) -> ThemeRole {
    switch edge {
    case .derives: .info
    case .trains: .accent
    case .serves: .ok
    case .consumes: .series3
    case .influences: .bad
    case .reads: .muted
    case .writes: .title
    }
  }

  /// Spans cut to `width` columns.
  static func clip(_ spans: [Span], to width: Int, ellipsis: String) -> [Span] {
    var out: [Span] = []
    var used = 0
    for span in spans {
      let text = ScreenText.sanitize(span.text)
      let w = ScreenText.width(of: text)
      if used + w <= width {
        out.append(Span(text, span.style))
        used += w
      } else {
        out.append(
          Span(ScreenText.truncate(text, to: max(0, width - used), ellipsis: ellipsis), span.style))
        break
      }
    }
    return out
  }
}
