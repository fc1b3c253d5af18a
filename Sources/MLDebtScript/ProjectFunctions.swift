import Foundation
import MLDebt

/// The project API: nodes, lineage, runs, findings, scores and history.
extension ScriptContext {
  func performProjectFunction(_ function: ScriptFunction, _ call: LuaCall, _ out: LuaOut) throws {
    switch function {
    case .features: try nodeList(call, out, "features") { $0.project.features.map(\.id) }
    case .datasets: try nodeList(call, out, "datasets") { $0.project.datasets.map(\.id) }
    case .models: try nodeList(call, out, "models") { $0.project.models.map(\.id) }
    case .consumers: try nodeList(call, out, "consumers") { $0.project.consumers.map(\.id) }
    case .jobs: try nodeList(call, out, "jobs") { $0.project.jobs.map(\.id) }
    case .nodes: try nodeList(call, out, "nodes") { $0.project.nodeIDs }
    case .node:
      let box = try project(call, "node")
      let id = try nodeID(call, 2, "node")
      if box.contains(id) { push(.node(box, id), out) } else { out.nil() }
    case .edges: try edges(call, out)
    case .upstream, .downstream:
      let (box, id, next) = try subject(call, function == .upstream ? "upstream" : "downstream")
      let depth = try optionalDepth(call, next)
      let reached = box.graph.reach(from: id, downstream: function == .downstream, depth: depth)
      nodes(reached.map(\.id), box, out)
    case .impact: try impact(call, out)
    case .path:
      let box = try project(call, "path")
      let from = try nodeID(call, 2, "path")
      let to = try nodeID(call, 3, "path")
      if let path = box.graph.path(from: from, to: to) {
        nodes(path.nodes, box, out)
        out.string(path.connection)
      } else {
        out.nil()
      }
    case .cycles:
      let box = try project(call, "cycles")
      let cycles = box.graph.cycles()
      out.table(array: cycles.count) { t in
        for (index, cycle) in cycles.enumerated() { t.item(index + 1) { nodes(cycle, box, t) } }
      }
    case .runs: try runs(call, out)
    case .run:
      let box = try project(call, "run")
      guard let text = call.string(2) else {
        throw LuaRaise("bad argument #1 to 'run' (run id expected, got \(call.typeName(2)))")
      }
      if let index = box.runIndex(for: text) { push(.run(box, index), out) } else { out.nil() }
    case .diff: try diff(call, out)
    case .findings: try findings(call, out)
    case .score: try score(call, out)
    case .history: try history(call, out)
    case .diagnostics:
      let box = try project(call, "diagnostics")
      out.value(
        .list(
          box.project.diagnostics.map { diagnostic in
            .map([
              ("severity", .string(diagnostic.severity.rawValue)),
              ("source", .string(diagnostic.source.rawValue)),
              ("file", .string(diagnostic.location.file)),
              ("line", diagnostic.location.line.map(LuaValue.int) ?? .none),
              ("message", .string(diagnostic.message)),
              ("text", .string(diagnostic.description)),
            ])
          }))
    case .metricHistory:
      guard case .run(let box, let index) = object(call, 1) else {
        throw LuaRaise("history must be called on a run (run:history(metric))")
      }
      guard let metric = call.string(2) else {
        throw LuaRaise("bad argument #1 to 'history' (metric name expected)")
      }
      let points = box.project.runs[index].metricHistory[metric] ?? []
      out.value(
        .list(
          points.map { point in
            .map([
              ("time", .number(Double(point.timestamp) / 1000)), ("value", .number(point.value)),
              ("step", .int(Int(point.step))),
            ])
          }))
    case .drift: try drift(call, out)
    default:
      throw LuaRaise("mldebt function \(function) is not implemented")
    }
  }

  // MARK: - Arguments

  /// The project that is `self` (argument 1), or the project of a node.
  func project(_ call: LuaCall, _ name: String) throws -> ProjectBox {
    switch object(call, 1) {
    case .project(let box): return box
    case .node(let box, _): return box
    case .run(let box, _): return box
    default:
      throw LuaRaise(
        "\(name) must be called on a project (use project:\(name)(…), with a colon); got "
          + call.typeName(1))
    }
  }

  /// A node id argument: `kind:name` text, or a node object.
  func nodeID(_ call: LuaCall, _ index: Int32, _ name: String) throws -> NodeID {
    if case .node(_, let id) = object(call, index) { return id }
    guard let text = call.string(index) else {
      throw LuaRaise(
        "bad argument #\(index - 1) to '\(name)' (node id such as \"feature:age\" expected, got "
          + "\(call.typeName(index)))")
    }
    guard let id = NodeID(parsing: text) else {
      throw LuaRaise(
        "bad argument #\(index - 1) to '\(name)' (\"\(text)\" is not a node id; write kind:name, "
          + "with kind one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return id
  }

  /// For methods that work on a project with an id, or on a node: the project, the node and the
  /// index of the next argument.
  func subject(_ call: LuaCall, _ name: String) throws -> (ProjectBox, NodeID, Int32) {
    if case .node(let box, let id) = object(call, 1) { return (box, id, 2) }
    let box = try project(call, name)
    let id = try nodeID(call, 2, name)
    guard box.contains(id) || box.graph.contains(id) else {
      throw LuaRaise("\(name): no node \(id) in project \(box.project.name)")
    }
    return (box, id, 3)
  }

  func optionalDepth(_ call: LuaCall, _ index: Int32) throws -> Int? {
    if call.isNil(index) { return nil }
    guard let depth = call.integer(index), depth >= 0 else {
      throw LuaRaise("bad depth (a whole number of hops ≥ 0 expected, got \(call.typeName(index)))")
    }
    return depth
  }

  // MARK: - Results

  func nodes(_ ids: [NodeID], _ box: ProjectBox, _ out: LuaOut) {
    out.table(array: ids.count) { t in
      for (index, id) in ids.enumerated() { t.item(index + 1) { push(.node(box, id), t) } }
    }
  }

  private func nodeList(
    _ call: LuaCall, _ out: LuaOut, _ name: String, _ ids: (ProjectBox) -> [NodeID]
  ) throws {
    guard case .project(let box) = object(call, 1) else {
      throw LuaRaise("\(name) must be called on a project: project:\(name)()")
    }
    nodes(ids(box), box, out)
  }

  private func edges(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "edges")
    var edges = box.project.edges
    if case .node(_, let id) = object(call, 1) {
      edges = edges.filter { $0.from == id || $0.to == id }
    }
    out.value(
      .list(
        edges.map { edge in
          .map([
            ("from", .string(edge.from.description)), ("to", .string(edge.to.description)),
            ("kind", .string(edge.kind.rawValue)),
          ])
        }))
  }

  private func impact(_ call: LuaCall, _ out: LuaOut) throws {
    let (box, id, _) = try subject(call, "impact")
    let reached = box.graph.reach(from: id, downstream: true, depth: nil).map(\.id)
    var owners: Set<String> = []
    for node in reached {
      let owner: String? =
        switch node.kind {
        case .feature: box.features[node]?.owner
        case .dataset: box.datasets[node]?.owner
        case .model: box.models[node]?.owner
        case .consumer: box.consumers[node]?.owner
        case .job: box.jobs[node]?.owner
        case .column: nil
        }
      if let owner { owners.insert(owner) }
    }
    let groups: [(String, NodeKind)] = [
      ("datasets", .dataset), ("features", .feature), ("jobs", .job), ("models", .model),
      ("consumers", .consumer),
    ]
    out.table(record: groups.count + 3) { t in
      t.field("node") { push(.node(box, id), t) }
      for (key, kind) in groups {
        t.field(key) { nodes(reached.filter { $0.kind == kind }, box, t) }
      }
      t.field("owners") { t.strings(owners.sorted()) }
      t.field("count") { t.int(reached.count) }
    }
  }

  private func runs(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "runs")
    let experiment = call.string(2)
    let includeDeleted = call.bool(3) ?? false
    if experiment == nil, !call.isNil(2) {
      throw LuaRaise("runs{experiment=} takes an experiment id or name")
    }
    let runs = box.project.runs.indices.filter { index in
      let run = box.project.runs[index]
      if run.deleted && !includeDeleted { return false }
      guard let experiment else { return true }
      return run.experimentID == experiment || box.experimentNames[run.experimentID] == experiment
    }.sorted { a, b in
      let left = box.project.runs[a]
      let right = box.project.runs[b]
      return ((left.startTime ?? 0), right.id) > ((right.startTime ?? 0), left.id)
    }
    out.table(array: runs.count) { t in
      for (position, index) in runs.enumerated() {
        t.item(position + 1) { push(.run(box, index), t) }
      }
    }
  }

  private func runArgument(_ call: LuaCall, _ index: Int32, _ box: ProjectBox) throws -> Run {
    if case .run(_, let runIndex) = object(call, index) { return box.project.runs[runIndex] }
    if let text = call.string(index), let runIndex = box.runIndex(for: text) {
      return box.project.runs[runIndex]
    }
    throw LuaRaise(
      "bad argument #\(index - 1) to 'diff' (a run or a run id expected, got "
        + (call.string(index).map { "unknown run \"\($0)\"" } ?? call.typeName(index)) + ")")
  }

  private func diff(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "diff")
    let a = try runArgument(call, 2, box)
    let b = try runArgument(call, 3, box)
    func changes(_ left: [String: String], _ right: [String: String]) -> LuaValue {
      let keys = Set(left.keys).union(right.keys).sorted().filter { left[$0] != right[$0] }
      return .list(
        keys.map { key in
          .map([("key", .string(key)), ("a", .text(left[key])), ("b", .text(right[key]))])
        })
    }
    let metricKeys = Set(a.metrics.keys).union(b.metrics.keys).sorted().filter {
      a.metrics[$0] != b.metrics[$0]
    }
    out.value(
      .map([
        ("a", .string(a.id)), ("b", .string(b.id)), ("params", changes(a.params, b.params)),
        (
          "metrics",
          .list(
            metricKeys.map { key in
              let left = a.metrics[key]
              let right = b.metrics[key]
              return .map([
                ("key", .string(key)), ("a", left.map(LuaValue.number) ?? .none),
                ("b", right.map(LuaValue.number) ?? .none),
                ("delta", left.flatMap { l in right.map { .number($0 - l) } } ?? .none),
              ])
            })
        ),
        ("tags", changes(a.tags, b.tags)),
      ]))
  }

  private func findings(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "findings")
    var area: DebtArea?
    if let text = call.string(2) {
      guard let parsed = DebtArea(rawValue: text) else {
        throw LuaRaise(
          "findings{area=}: unknown area \"\(text)\"; areas: "
            + DebtArea.allCases.map(\.rawValue).joined(separator: ", "))
      }
      area = parsed
    }
    var minimum: Finding.Severity?
    if let text = call.string(3) {
      guard let parsed = Finding.Severity(rawValue: text) else {
        throw LuaRaise(
          "findings{severity=}: unknown severity \"\(text)\"; severities: "
            + Finding.Severity.allCases.map(\.rawValue).joined(separator: ", "))
      }
      minimum = parsed
    }
    let rule = call.string(4)
    let selected = box.checklist.findings.filter { finding in
      (area == nil || finding.area == area) && (minimum.map { finding.severity >= $0 } ?? true)
        && (rule == nil || finding.rule == rule)
    }
    out.table(array: selected.count) { t in
      for (index, finding) in selected.enumerated() {
        t.item(index + 1) { push(.finding(finding), t) }
      }
    }
  }

  private func score(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "score")
    let checklist = box.checklist
    out.value(
      .map([
        ("overall", .number(checklist.overall)),
        ("ml_test_score", .number(checklist.mlTestScore.final)),
        ("ml_test_band", .string(checklist.mlTestScore.band)),
        ("findings", .int(checklist.findings.count)),
        (
          "areas",
          .list(
            checklist.areas.map { area in
              .map([
                ("area", .string(area.area.rawValue)), ("title", .string(area.area.title)),
                ("score", .number(area.score)), ("grade", .string(area.grade)),
                ("findings", .int(area.findingCount)),
              ])
            })
        ),
        (
          "by_area",
          .map(checklist.areas.map { ($0.area.rawValue, .number($0.score)) })
        ),
      ]))
  }

  private func history(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "history")
    let path = HistoryStore.path(for: box.project)
    guard case .file = FileAccess.entry(at: path) else {
      out.table { _ in }
      return
    }
    let snapshots: [HistoryStore.Snapshot]
    do {
      snapshots = try HistoryStore(path: path).snapshots()
    } catch {
      throw LuaRaise("history: cannot read \(path): \(error)")
    }
    let formatter = ISO8601DateFormatter()
    out.value(
      .list(
        snapshots.map { snapshot in
          .map([
            ("id", .int(Int(snapshot.id))),
            (
              "taken_at",
              formatter.date(from: snapshot.takenAt).map { .number($0.timeIntervalSince1970) }
                ?? .none
            ),
            ("git_commit", .text(snapshot.gitCommit)), ("overall", .number(snapshot.overall)),
            ("ml_test_score", .number(snapshot.mlTestScore)),
            ("findings", .int(snapshot.findingCount)),
            (
              "areas",
              .map(snapshot.areas.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
            ),
          ])
        }))
  }

  private func drift(_ call: LuaCall, _ out: LuaOut) throws {
    let box = try project(call, "drift")
    let monitoring = box.project.monitoring
    let name = call.string(2)
    guard
      let source = name.map({ name in monitoring.first { $0.name == name } }) ?? monitoring.first
    else {
      throw LuaRaise(
        name.map { "drift{source=}: no monitoring source \"\($0)\"; sources: " }
          .map { $0 + monitoring.map(\.name).joined(separator: ", ") }
          ?? "drift: the project declares no monitoring data (monitoring: in mldebt.yaml)")
    }
    var options = DriftOptions()
    if let feature = call.string(3) { options.columns = [feature] }
    if let text = call.string(4) {
      guard let window = WindowLength(text) else {
        throw LuaRaise(
          "drift{window=} takes a length such as \"1d\", \"1w\" or \"12h\", not \"\(text)\"")
      }
      options.window = window
    }
    if let text = call.string(5) {
      guard let method = DriftMethod(rawValue: text) else {
        throw LuaRaise(
          "drift{method=}: unknown method \"\(text)\"; methods: "
            + DriftMethod.allCases.map(\.rawValue).joined(separator: ", "))
      }
      options.method = method
    }
    let report: DriftReport
    do {
      report = try DriftEngine.analyse(source, in: box.project, options: options)
    } catch {
      throw LuaRaise("drift: \(error)")
    }
    func optional(_ value: Double?) -> LuaValue { value.map(LuaValue.number) ?? .none }
    out.value(
      .map([
        ("source", .string(report.source)), ("window", .text(report.windowLength)),
        ("columns", .strings(report.columns)),
        ("drift_share_threshold", .number(report.driftShareThreshold)),
        (
          "windows",
          .list(
            report.windows.map { window in
              .map([
                ("label", .string(window.label)), ("start", optional(window.start)),
                ("end", optional(window.end)), ("rows", .int(window.rows)),
                ("compared", .int(window.compared)), ("drifted", .int(window.drifted)),
                ("share", .number(window.share)), ("dataset_drift", .bool(window.datasetDrift)),
                (
                  "features",
                  .list(
                    window.features.map { feature in
                      .map([
                        ("column", .string(feature.column)),
                        ("method", .text(feature.method?.rawValue)),
                        ("score", optional(feature.score)),
                        ("threshold", optional(feature.threshold)),
                        ("drifted", .bool(feature.drifted)),
                      ])
                    })
                ),
              ])
            })
        ),
      ]))
  }
}
