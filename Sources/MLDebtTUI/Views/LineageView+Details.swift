import MLDebt

extension LineageView {
  /// The width of the labels in the details pane.
  static let labelWidth = 10

  /// Draws the focus's details in a box; lines that do not fit are left for `Enter`.
  static func renderDetails(
    _ state: AppState, _ focus: Int?, into buffer: inout CellBuffer, _ rect: Rect
  ) {
    let graph = state.lineage.graph
    let title = focus.map { graph.id($0).description } ?? "No node"
    let inner = Box(title: ScreenText.sanitize(title)).render(
      into: &buffer, rect, glyphs: state.glyphs)
    guard !inner.isEmpty else { return }
    guard let focus else {
      buffer.put(
        "Nothing to show: the project has no lineage nodes.", x: inner.x + 1, y: inner.y,
        style: Style(.muted), maxWidth: inner.width - 1)
      return
    }
    let lines = details(state, focus, width: inner.width - 1)
    for (offset, line) in lines.prefix(inner.height).enumerated() {
      buffer.put(
        spans: clip(line, to: inner.width - 1, ellipsis: state.glyphs.ellipsis), x: inner.x + 1,
        y: inner.y + offset)
    }
    if lines.count > inner.height, inner.height > 0 {
      let more = "+\(lines.count - inner.height) more: Enter"
      let w = ScreenText.width(of: more)
      if inner.width > w + 2 {
        buffer.put(more, x: inner.maxX - w, y: inner.maxY - 1, style: Style(.muted))
      }
    }
  }

  /// A node's details, one line each: kind and type, owner, description, schema or inputs,
  /// provenance, linked runs, drift status and the findings that name it.
  static func details(_ state: AppState, _ node: Int, width: Int) -> [[Span]] {
    let graph = state.lineage.graph
    let lookups = state.lineage.lookups
    let project = state.project
    let info = graph[node]
    let kind = info.kind
    var lines: [[Span]] = []
    func add(_ label: String, _ value: [Span]) {
      lines.append([Span(ScreenText.pad(label, to: labelWidth), Style(.muted))] + value)
    }
    func add(_ label: String, _ text: String, _ role: ThemeRole = .text) {
      add(label, [Span(text, Style(role))])
    }

    // What it is.
    var kindLine = [Span(kind.rawValue, Style(role(for: kind), [.bold]))]
    func detail(_ text: String?) {
      guard let text, !text.isEmpty else { return }
      kindLine.append(Span(" · " + text, Style(.text)))
    }
    let feature = lookups.features[node].map { project.features[$0] }
    let dataset = lookups.datasets[node].map { project.datasets[$0] }
    let model = lookups.models[node].map { project.models[$0] }
    detail(feature?.dtype.map { "dtype \($0)" })
    detail(info.status?.rawValue)
    detail(feature?.since.map { "since \($0)" })
    if info.isStub { detail(kind == .column ? "column lineage" : "named only by an edge") }
    add("kind", kindLine)
    if let owner = info.owner {
      add("owner", owner)
    } else {
      add("owner", "no owner declared", .warn)
    }
    if let description = info.description {
      let wrapped = ScreenText.wrap(
        ScreenText.sanitize(description), width: max(10, width - labelWidth))
      for (offset, text) in wrapped.enumerated() { add(offset == 0 ? "about" : "", text) }
    }

    // Its shape.
    if let dataset {
      if let location = dataset.location { add("location", location) }
      if let pin = dataset.versionPin {
        add("version", pin)
      } else {
        add("version", "unpinned: no version or hash", .warn)
      }
      if dataset.schema.isEmpty {
        add("schema", "not declared", .muted)
      } else {
        let columns = dataset.schema.map { column in
          column.dtype.map { "\(column.name) \($0)" } ?? column.name
        }
        add("schema", "\(columns.count) columns: " + columns.joined(separator: ", "))
      }
      if !dataset.facets.isEmpty {
        add("facets", dataset.facets.keys.sorted().joined(separator: ", "))
      }
    }
    if kind == .model {
      var counts: [NodeKind: Int] = [:]
      for edge in graph.incoming(node) where edge.kind == .trains {
        counts[graph.kind(edge.node), default: 0] += 1
      }
      var parts = NodeKind.allCases.sorted().compactMap { kind in
        counts[kind].map { "\($0) \(LineageViewState.plural(kind, $0))" }
      }
      if parts.isEmpty { parts = ["no declared inputs"] }
      if let registered = model?.registeredModel { parts.append("registered as \(registered)") }
      add("trains on", parts.joined(separator: " · "))
    }

    // Where it comes from.
    var sources: [String] = []
    for provenance in info.provenance {
      let text = "\(provenance.source.rawValue) \(provenance.path)"
      if !sources.contains(text) { sources.append(text) }
    }
    if info.isStub {
      add("declared", "by no source (an edge names it)", .muted)
    } else if sources.isEmpty {
      add("declared", "no provenance recorded", .muted)
    } else {
      add("declared", sources.joined(separator: ", "))
    }

    // Runs.
    if [.dataset, .feature, .model].contains(kind) {
      let runs = lookups.runs[node] ?? []
      if runs.isEmpty {
        add("runs", "none linked", .muted)
      } else {
        let shown = runs.prefix(3).map { offset -> String in
          let run = project.runs[offset]
          let id = String(run.id.prefix(8))
          return run.name.map { "\($0) (\(id))" } ?? id
        }
        add(
          "runs",
          "\(runs.count): " + shown.joined(separator: ", ") + (runs.count > 3 ? ", …" : ""))
      }
    }

    // Drift.
    if let drift = driftStatus(state, node) { add("drift", [drift]) }

    // Findings.
    guard let byNode = lookups.findings else {
      add("findings", "analysing…", .muted)
      return lines
    }
    let findings = byNode[node] ?? []
    if findings.isEmpty {
      add("findings", "none", .ok)
    } else {
      add("findings", "\(findings.count)", .warn)
      for offset in findings {
        let finding = lookups.allFindings[offset]
        lines.append([
          Span(
            "  " + ScreenText.pad(finding.severity.rawValue, to: labelWidth - 2),
            Style(severityRole(finding.severity), [.bold])),
          Span(finding.rule + "  ", Style(.muted)),
          Span(finding.title),
        ])
      }
    }
    return lines
  }

  /// The drift line of a feature, column or model; `nil` for other kinds.
  static func driftStatus(_ state: AppState, _ node: Int) -> Span? {
    let graph = state.lineage.graph
    let lookups = state.lineage.lookups
    let kind = graph.kind(node)
    guard [.feature, .column, .model].contains(kind) else { return nil }
    guard let columns = lookups.columnDrift else { return Span("analysing…", Style(.muted)) }
    if kind == .model {
      guard let model = lookups.modelDrift[node] else {
        return Span("no monitoring declared for this model", Style(.warn))
      }
      guard let window = model.window else {
        return Span("no drift report: \(model.error ?? "no window")", Style(.warn))
      }
      return Span(
        "\(model.drifted) of \(model.compared) columns drifted in \(window) (\(model.source))",
        Style(model.drifted > 0 ? .bad : .ok))
    }
    let name = graph[node].name
    let column = name.split(separator: ".").last.map(String.init) ?? name
    guard let drift = columns[name] ?? columns[column] else {
      return Span("not monitored", Style(.muted))
    }
    let feature = drift.drift
    var text = feature.drifted ? "drifted in \(drift.window)" : "stable in \(drift.window)"
    if let method = feature.method, let score = feature.score {
      text += " (\(method.rawValue) \(Format.number(score))"
      if let threshold = feature.threshold {
        text +=
          feature.drifted ? " > \(Format.number(threshold))" : " <= \(Format.number(threshold))"
      }
      text += ")"
    }
    return Span(text, Style(feature.drifted ? .bad : .ok))
  }

  /// The role a finding's severity is drawn in.
  static func severityRole(_ severity: Finding.Severity) -> ThemeRole {
    switch severity {
    case .critical, .high: .bad
    case .medium: .warn
    case .low, .info: .muted
    }
  }
}
