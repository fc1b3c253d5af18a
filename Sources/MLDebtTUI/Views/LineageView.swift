import MLDebt

/// The Lineage view: every node, filterable, and the selected node's upstream and downstream
/// neighbours. Enter (or `l`) moves into the neighbours; Enter on a neighbour opens it.
public enum LineageView {
  /// The focused list: every node, in flow order.
  static func items(_ project: Project, _ index: ProjectIndex) -> [ViewItem] {
    index.nodes.map { id in
      ViewItem(id: id.description, label: id.description, ref: .node(id))
    }
  }

  /// Draws the view into `rect`.
  public static func render(_ state: AppState, into buffer: inout CellBuffer, _ rect: Rect) {
    let glyphs = state.glyphs
    let (left, right) = SplitPane(.horizontal, ratio: 0.5, minimumFirst: 28, minimumSecond: 28)
      .layout(rect)
    let visible = state.visible(in: .lineage)
    let nodesFocused = state.lineageFocus == .nodes
    let title =
      state.currentFilter.isEmpty
      ? "Nodes (\(visible.count))"
      : "Nodes (\(visible.count) of \(state.items(in: .lineage).count))"
    let inner = Box(title: title, focused: nodesFocused).render(into: &buffer, left, glyphs: glyphs)
    let ownerWidth = max(0, min(14, inner.width - 28))
    let rows = visible.map { entry -> ListWidget.Row in
      guard case .node(let id) = entry.item.ref else { return ListWidget.Row([]) }
      let owner = state.index.owners[id].map(ScreenText.sanitize) ?? ""
      let labelWidth = inner.width - 2 - (ownerWidth > 0 ? ownerWidth + 1 : 0)
      var spans = FuzzyMatch.highlight(
        entry.item.label, positions: entry.match.positions, style: Style(role(for: id.kind)))
      let used = ScreenText.width(of: entry.item.label)
      if used < labelWidth { spans.append(Span(String(repeating: " ", count: labelWidth - used))) }
      if ownerWidth > 0 {
        spans = clip(spans, to: labelWidth, ellipsis: glyphs.ellipsis)
        spans.append(
          Span(
            " " + ScreenText.pad(owner, to: ownerWidth, ellipsis: glyphs.ellipsis), Style(.muted)))
      }
      return ListWidget.Row(spans)
    }
    ListWidget(
      rows: rows, selected: state.selectedIndex(in: .lineage), focused: nodesFocused,
      emptyText: "No node matches the filter.", hitTarget: { .row($0) }
    ).render(into: &buffer, inner, glyphs: glyphs)

    // The selected node and its neighbours.
    let detail = Box(title: state.selectedNode?.description ?? "No node", focused: !nodesFocused)
      .render(into: &buffer, right, glyphs: glyphs)
    guard let node = state.selectedNode, !detail.isEmpty else { return }
    var y = detail.y
    let owner = state.index.owners[node] ?? "no owner declared"
    buffer.put(
      spans: [
        Span("kind  ", Style(.muted)), Span(node.kind.rawValue, Style(role(for: node.kind))),
      ], x: detail.x + 1, y: y, maxWidth: detail.width - 1)
    y += 1
    buffer.put(
      spans: [
        Span("owner ", Style(.muted)),
        Span(owner, Style(state.index.owners[node] == nil ? .warn : .text)),
      ], x: detail.x + 1, y: y, maxWidth: detail.width - 1)
    y += 1
    if let description = state.index.descriptions[node] {
      for line in ScreenText.wrap(ScreenText.sanitize(description), width: max(1, detail.width - 2))
        .prefix(2)
      {
        buffer.put(line, x: detail.x + 1, y: y, style: Style(.muted))
        y += 1
      }
    }
    let neighbours = state.index.neighbours(of: node)
    let upCount = neighbours.filter(\.upstream).count
    y += 1
    buffer.put(
      "Upstream \(upCount) \(glyphs.separator) Downstream \(neighbours.count - upCount)",
      x: detail.x + 1, y: y,
      style: Style(.title, [.bold]), maxWidth: detail.width - 1)
    y += 1
    let neighbourRows = neighbours.map { entry -> ListWidget.Row in
      let arrow = entry.upstream ? glyphs.arrowLeft : glyphs.arrowRight
      return ListWidget.Row([
        Span(arrow + " ", Style(.muted)),
        Span(entry.node.description, Style(role(for: entry.node.kind))),
        Span(" (\(entry.edge.kind.rawValue))", Style(.muted)),
      ])
    }
    let area = Rect(x: detail.x, y: y, width: detail.width, height: detail.maxY - y)
    ListWidget(
      rows: neighbourRows,
      selected: neighbours.isEmpty
        ? nil : max(0, min(state.neighbourSelection, neighbours.count - 1)),
      focused: !nodesFocused, emptyText: "No edges: nothing feeds or reads this node.",
      hitTarget: { .neighbour($0) }
    ).render(into: &buffer, area, glyphs: glyphs)
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
          Span(ScreenText.truncate(text, to: width - used, ellipsis: ellipsis), span.style))
        break
      }
    }
    return out
  }

  /// The role a node kind's names are drawn in.
  static func role(for kind: NodeKind) -> ThemeRole {
    switch kind {
    case .dataset, .column: .series1
    case .feature: .series2
    case .job: .muted
    case .model: .accent
    case .consumer: .series3
    }
  }

  /// A node's details, for a node with no neighbours to move into.
  static func detail(_ state: AppState, _ node: NodeID) -> [[Span]] {
    var lines: [[Span]] = [
      [Span("kind   ", Style(.muted)), Span(node.kind.rawValue)],
      [Span("owner  ", Style(.muted)), Span(state.index.owners[node] ?? "no owner declared")],
    ]
    if let description = state.index.descriptions[node] {
      lines += ScreenText.wrap(ScreenText.sanitize(description), width: 70).map { [Span($0)] }
    }
    lines.append([Span("No edges: nothing feeds or reads this node.", Style(.muted))])
    return lines
  }
}
