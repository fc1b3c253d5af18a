import MLDebt

/// What the Lineage view's details pane shows about a node, indexed once by graph node so that
/// drawing a frame never scans the project: the node's declaration, its linked runs, the
/// findings that name it and its drift status.
public struct LineageLookups: Sendable {
  /// The drift of one monitored column in the latest window of its monitoring source.
  public struct ColumnDrift: Sendable, Hashable {
    /// The monitoring source.
    public var source: String
    /// The latest window's label.
    public var window: String
    /// The comparison.
    public var drift: FeatureDrift
  }

  /// The drift of a monitored model: how many of its columns drifted in the latest window.
  public struct ModelDrift: Sendable, Hashable {
    /// The monitoring source.
    public var source: String
    /// The latest window's label (`nil` when the source has no report).
    public var window: String?
    /// Columns that drifted in it.
    public var drifted: Int
    /// Columns compared in it.
    public var compared: Int
    /// Why there is no report, if there is none.
    public var error: String?
  }

  /// Each dataset node's index in `project.datasets`.
  public private(set) var datasets: [Int: Int] = [:]
  /// Each feature node's index in `project.features`.
  public private(set) var features: [Int: Int] = [:]
  /// Each model node's index in `project.models`.
  public private(set) var models: [Int: Int] = [:]
  /// Each node's linked runs (indices in `project.runs`, newest first).
  public private(set) var runs: [Int: [Int]] = [:]
  /// Each node's findings (indices in the checklist's findings, most severe first); `nil` until
  /// the analysis arrives.
  public private(set) var findings: [Int: [Int]]?
  /// The drift of each monitored column by name; `nil` until the analysis arrives.
  public private(set) var columnDrift: [String: ColumnDrift]?
  /// The drift of each monitored model node.
  public private(set) var modelDrift: [Int: ModelDrift] = [:]
  /// The analysis's findings (empty until it arrives).
  public private(set) var allFindings: [Finding] = []

  /// Indexes what needs only the project: declarations and linked runs.
  ///
  /// A dataset's runs are those that recorded it as an input (by name, alias or location); a
  /// model's are its linked run and its registered versions' runs; a feature's are the runs of
  /// the models that read it.
  public init(project: Project, graph: LineageGraph) {
    for (offset, dataset) in project.datasets.enumerated() {
      if let node = graph.index(of: dataset.id) { datasets[node] = offset }
    }
    for (offset, feature) in project.features.enumerated() {
      if let node = graph.index(of: feature.id) { features[node] = offset }
    }
    for (offset, model) in project.models.enumerated() {
      if let node = graph.index(of: model.id) { models[node] = offset }
    }
    var datasetByName: [String: Int] = [:]
    for dataset in project.datasets {
      guard let node = graph.index(of: dataset.id) else { continue }
      for name in [dataset.id.name] + dataset.aliases + [dataset.location].compactMap({ $0 }) {
        datasetByName[name] = datasetByName[name] ?? node
      }
    }
    var runIndex: [String: Int] = [:]
    var found: [Int: Set<Int>] = [:]
    for (offset, run) in project.runs.enumerated() {
      runIndex[run.id] = offset
      for input in run.inputs {
        for name in [input.name, input.source].compactMap({ $0 }) {
          if let node = datasetByName[name] { found[node, default: []].insert(offset) }
        }
      }
    }
    for (node, offset) in models {
      let model = project.models[offset]
      var ids = [model.linkedRun].compactMap { $0 }
      for registered in project.registeredModels where registered.name == model.registeredModel {
        ids += registered.versions.compactMap(\.runID)
      }
      for id in ids {
        if let run = runIndex[id] { found[node, default: []].insert(run) }
      }
    }
    for (node, _) in features {
      for neighbour in graph.outgoing(node) where models[neighbour.node] != nil {
        found[node, default: []].formUnion(found[neighbour.node] ?? [])
      }
    }
    runs = found.mapValues { set in
      set.sorted {
        let a = project.runs[$0].startTime ?? 0
        let b = project.runs[$1].startTime ?? 0
        return a != b ? a > b : $0 < $1
      }
    }
  }

  /// Indexes what needs the analysis: the findings naming each node (as evidence, or as a
  /// drifted feature) and the drift of each monitored column and model.
  public mutating func apply(_ analysis: ProjectAnalysis, graph: LineageGraph) {
    allFindings = analysis.checklist.findings
    var byNode: [Int: [Int]] = [:]
    for (offset, finding) in allFindings.enumerated() {
      var nodes = Set<Int>()
      for evidence in finding.evidence {
        switch evidence {
        case .node(let id):
          if let node = graph.index(of: id) { nodes.insert(node) }
        case .drift(let feature, _):
          if let node = graph.index(of: NodeID(.feature, feature)) { nodes.insert(node) }
        case .run, .file:
          break
        }
      }
      for node in nodes { byNode[node, default: []].append(offset) }
    }
    findings = byNode.mapValues { offsets in
      offsets.sorted {
        let a = allFindings[$0].severity
        let b = allFindings[$1].severity
        return a != b ? a > b : $0 < $1
      }
    }
    var columns: [String: ColumnDrift] = [:]
    var models: [Int: ModelDrift] = [:]
    for drift in analysis.drift {
      let latest = drift.report?.latest
      if let latest {
        for feature in latest.features where columns[feature.column] == nil {
          columns[feature.column] = ColumnDrift(
            source: drift.source.name, window: latest.label, drift: feature)
        }
      }
      if let model = drift.source.model, let node = graph.index(of: model), models[node] == nil {
        models[node] = ModelDrift(
          source: drift.source.name, window: latest?.label, drifted: latest?.drifted ?? 0,
          compared: latest?.compared ?? 0, error: drift.error)
      }
    }
    columnDrift = columns
    modelDrift = models
  }
}
