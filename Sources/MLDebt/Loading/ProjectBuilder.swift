import OrderedCollections

/// Merges the contributions of all sources into one ``Project``.
///
/// The rules (docs/sources.md):
/// - A node is identified by its ``NodeID``. A dataset is also found by any of its aliases or its
///   location, so that an OpenLineage `namespace/name` or a DVC path lands on the manifest's node.
/// - Contributions merge in order; the manifest comes first. A field empty in one source is filled
///   from the next. Where two sources give different values, the first one (the manifest's,
///   when it has one) wins and the disagreement becomes a warning.
/// - Lists (aliases, tags, schema columns, provenance) are united.
/// - A node that an edge mentions but no source declares is added with what is known, and a
///   warning is given when the mention came from the manifest.
public struct ProjectBuilder {
  private var project: Project
  private var datasets: OrderedDictionary<NodeID, Dataset> = [:]
  private var features: OrderedDictionary<NodeID, Feature> = [:]
  private var models: OrderedDictionary<NodeID, Model> = [:]
  private var consumers: OrderedDictionary<NodeID, Consumer> = [:]
  private var jobs: OrderedDictionary<NodeID, Job> = [:]
  private var edges: OrderedDictionary<EdgeKey, LineageEdge> = [:]
  private var aliases: [String: NodeID] = [:]
  private var runs = FirstRunByID()
  private var experiments: OrderedDictionary<String, Experiment> = [:]
  /// The provenance of the node being merged, for disagreement records.
  private var currentProvenance: [Provenance] = []

  private struct EdgeKey: Hashable {
    var from: NodeID
    var to: NodeID
    var kind: EdgeKind
  }

  /// Starts a project at `root` named `name`.
  public init(root: String, name: String) {
    project = Project(root: root, name: name)
  }

  /// Sets what the manifest says about the project itself, with the diagnostics parsing gave.
  public mutating func apply(_ manifest: Manifest, path: String, diagnostics: [Diagnostic] = []) {
    if let name = manifest.name { project.name = name }
    project.description = manifest.description
    project.manifestPath = path
    project.owners = manifest.owners
    project.thresholds = manifest.thresholds
    project.attestationsPath = manifest.attestationsPath
    project.checkFiles = manifest.checks
    var contribution = SourceContribution(kind: .manifest, path: path)
    contribution.datasets = manifest.datasets
    contribution.features = manifest.features
    contribution.models = manifest.models
    contribution.consumers = manifest.consumers
    contribution.jobs = manifest.jobs
    contribution.edges = manifest.edges
    contribution.monitoring = manifest.monitoring
    contribution.diagnostics = diagnostics
    contribution.counts = [
      "datasets": manifest.datasets.count, "features": manifest.features.count,
      "models": manifest.models.count, "consumers": manifest.consumers.count,
      "owners": manifest.owners.count,
    ]
    merge(contribution)
  }

  /// Records a diagnostic that belongs to no single contribution.
  public mutating func report(_ diagnostic: Diagnostic) {
    project.diagnostics.append(diagnostic)
  }

  /// Adds a source summary without a contribution (for example a source that was skipped).
  public mutating func addSummary(_ summary: SourceSummary) {
    project.sources.append(summary)
  }

  /// Merges one source's contribution.
  public mutating func merge(_ contribution: SourceContribution) {
    var contribution = contribution
    project.sources.append(contribution.summary)
    project.diagnostics += contribution.diagnostics
    let renames = datasetRenames(contribution.datasets)
    if !renames.isEmpty { contribution.rename(renames) }
    for dataset in contribution.datasets { mergeDataset(dataset, from: contribution.kind) }
    for feature in contribution.features { mergeFeature(feature, from: contribution.kind) }
    for model in contribution.models { mergeModel(model, from: contribution.kind) }
    for consumer in contribution.consumers { mergeConsumer(consumer, from: contribution.kind) }
    for job in contribution.jobs { mergeJob(job, from: contribution.kind) }
    for edge in contribution.edges { addEdge(edge) }
    for experiment in contribution.experiments where experiments[experiment.id] == nil {
      experiments[experiment.id] = experiment
    }
    // The first source's run with an id is kept (``FirstRunByID``).
    runs.add(contentsOf: contribution.runs)
    project.registeredModels += contribution.registeredModels
    project.monitoring += contribution.monitoring
    project.parameters.merge(contribution.parameters) { old, _ in old }
    project.attestations += contribution.attestations
  }

  /// Finishes the project: derives edges from node fields, adds nodes that edges mention, sorts.
  public consuming func build() -> Project {
    for feature in features.values {
      for source in feature.derivedFrom {
        addEdge(
          LineageEdge(from: source, to: feature.id, kind: .derives, provenance: feature.provenance))
      }
    }
    for model in models.values {
      for input in model.inputs + model.trainingData {
        addEdge(LineageEdge(from: input, to: model.id, kind: .trains, provenance: model.provenance))
      }
      for output in model.outputs {
        addEdge(
          LineageEdge(from: model.id, to: output, kind: .serves, provenance: model.provenance))
      }
    }
    for consumer in consumers.values {
      for read in consumer.reads {
        addEdge(
          LineageEdge(from: read, to: consumer.id, kind: .consumes, provenance: consumer.provenance)
        )
      }
      for target in consumer.influences {
        addEdge(
          LineageEdge(
            from: consumer.id, to: target, kind: .influences, provenance: consumer.provenance))
      }
    }
    for job in jobs.values {
      for input in job.inputs {
        addEdge(LineageEdge(from: input, to: job.id, kind: .reads, provenance: job.provenance))
      }
      for output in job.outputs {
        addEdge(LineageEdge(from: job.id, to: output, kind: .writes, provenance: job.provenance))
      }
    }
    addMissingEndpoints()
    project.datasets = datasets.values.sorted { $0.id < $1.id }
    project.features = features.values.sorted { $0.id < $1.id }
    project.models = models.values.sorted { $0.id < $1.id }
    project.consumers = consumers.values.sorted { $0.id < $1.id }
    project.jobs = jobs.values.sorted { $0.id < $1.id }
    project.edges = edges.values.sorted {
      ($0.from, $0.to, $0.kind.rawValue) < ($1.from, $1.to, $1.kind.rawValue)
    }
    project.experiments = experiments.values.sorted {
      $0.id.localizedStandardCompare($1.id) == .orderedAscending
    }
    // Newest first (the id breaks ties); the start times are read out of the runs once, and
    // sorted beside the runs' positions; the runs are then put in that order in place (moved,
    // not copied: a copy of 20,000 runs retains each, and freeing the old array releases each).
    var all = runs.takeAll()
    var order = all.indices.map { (start: all[$0].startTime ?? 0, position: $0) }
    order.sort {
      $0.start != $1.start ? $0.start > $1.start : all[$0.position].id > all[$1.position].id
    }
    all.permute(into: order.map(\.position))
    project.runs = all
    return project
  }

  // MARK: - Nodes

  private func datasetRenames(_ incoming: [Dataset]) -> [NodeID: NodeID] {
    var renames: [NodeID: NodeID] = [:]
    for dataset in incoming where datasets[dataset.id] == nil {
      let keys = [dataset.id.name] + dataset.aliases + [dataset.location].compactMap { $0 }
      if let target = keys.lazy.compactMap({ aliases[Self.aliasKey($0)] }).first,
        target != dataset.id
      {
        renames[dataset.id] = target
      }
    }
    return renames
  }

  static func aliasKey(_ text: String) -> String {
    var key = text
    while key.hasPrefix("./") { key.removeFirst(2) }
    return key
  }

  private mutating func registerAliases(of dataset: Dataset) {
    for key in dataset.aliases + [dataset.location].compactMap({ $0 }) {
      let normalized = Self.aliasKey(key)
      if aliases[normalized] == nil { aliases[normalized] = dataset.id }
    }
  }

  private mutating func mergeDataset(_ dataset: Dataset, from source: SourceKind) {
    currentProvenance = dataset.provenance
    guard var existing = datasets[dataset.id] else {
      datasets[dataset.id] = dataset
      registerAliases(of: dataset)
      return
    }
    existing.location = field(
      "location", existing.id, existing.location, dataset.location, source, existing.provenance)
    existing.owner = field(
      "owner", existing.id, existing.owner, dataset.owner, source, existing.provenance)
    existing.description = existing.description ?? dataset.description
    existing.versionPin = existing.versionPin ?? dataset.versionPin
    existing.schema = mergeSchema(existing, dataset.schema, source)
    existing.aliases = united(existing.aliases, dataset.aliases)
    existing.tags = united(existing.tags, dataset.tags)
    existing.provenance = united(existing.provenance, dataset.provenance)
    existing.facets.merge(dataset.facets) { old, _ in old }
    datasets[dataset.id] = existing
    registerAliases(of: existing)
  }

  private mutating func mergeSchema(
    _ existing: Dataset, _ incoming: [SchemaColumn], _ source: SourceKind
  )
    -> [SchemaColumn]
  {
    if existing.schema.isEmpty { return incoming }
    var columns = existing.schema
    for column in incoming {
      if let index = columns.firstIndex(where: { $0.name == column.name }) {
        let known = columns[index]
        if let a = known.dtype, let b = column.dtype, !DataTypes.compatible(a, b) {
          disagreement(
            "the type of column \(column.name)", existing.id, a, b, source, existing.provenance)
        }
        if known.dtype == nil { columns[index].dtype = column.dtype }
      } else if existing.provenance.contains(where: { $0.source == .manifest }) {
        disagreement(
          "the schema", existing.id, "no column \(column.name)", "a column \(column.name)", source,
          existing.provenance)
        columns.append(column)
      } else {
        columns.append(column)
      }
    }
    return columns
  }

  private mutating func mergeFeature(_ feature: Feature, from source: SourceKind) {
    currentProvenance = feature.provenance
    guard var existing = features[feature.id] else {
      features[feature.id] = feature
      return
    }
    existing.dtype = field(
      "dtype", existing.id, existing.dtype, feature.dtype, source, existing.provenance)
    existing.owner = field(
      "owner", existing.id, existing.owner, feature.owner, source, existing.provenance)
    existing.description = existing.description ?? feature.description
    existing.status = existing.status ?? feature.status
    existing.since = existing.since ?? feature.since
    existing.derivedFrom = united(existing.derivedFrom, feature.derivedFrom)
    existing.tags = united(existing.tags, feature.tags)
    existing.provenance = united(existing.provenance, feature.provenance)
    features[feature.id] = existing
  }

  private mutating func mergeModel(_ model: Model, from source: SourceKind) {
    currentProvenance = model.provenance
    guard var existing = models[model.id] else {
      models[model.id] = model
      return
    }
    existing.owner = field(
      "owner", existing.id, existing.owner, model.owner, source, existing.provenance)
    existing.description = existing.description ?? model.description
    existing.inputs = united(existing.inputs, model.inputs)
    existing.trainingData = united(existing.trainingData, model.trainingData)
    existing.outputs = united(existing.outputs, model.outputs)
    existing.registeredModel = existing.registeredModel ?? model.registeredModel
    existing.linkedRun = existing.linkedRun ?? model.linkedRun
    existing.tags = united(existing.tags, model.tags)
    existing.provenance = united(existing.provenance, model.provenance)
    models[model.id] = existing
  }

  private mutating func mergeConsumer(_ consumer: Consumer, from source: SourceKind) {
    currentProvenance = consumer.provenance
    guard var existing = consumers[consumer.id] else {
      consumers[consumer.id] = consumer
      return
    }
    existing.declared = existing.declared || consumer.declared
    existing.owner = field(
      "owner", existing.id, existing.owner, consumer.owner, source, existing.provenance)
    existing.description = existing.description ?? consumer.description
    existing.reads = united(existing.reads, consumer.reads)
    existing.influences = united(existing.influences, consumer.influences)
    existing.contract = existing.contract ?? consumer.contract
    existing.policy = existing.policy ?? consumer.policy
    existing.tags = united(existing.tags, consumer.tags)
    existing.provenance = united(existing.provenance, consumer.provenance)
    consumers[consumer.id] = existing
  }

  private mutating func mergeJob(_ job: Job, from source: SourceKind) {
    currentProvenance = job.provenance
    guard var existing = jobs[job.id] else {
      jobs[job.id] = job
      return
    }
    existing.command = existing.command ?? job.command
    existing.owner = field(
      "owner", existing.id, existing.owner, job.owner, source, existing.provenance)
    existing.description = existing.description ?? job.description
    existing.inputs = united(existing.inputs, job.inputs)
    existing.outputs = united(existing.outputs, job.outputs)
    existing.params = united(existing.params, job.params)
    existing.code = united(existing.code, job.code)
    existing.upToDate = existing.upToDate ?? job.upToDate
    existing.tags = united(existing.tags, job.tags)
    existing.provenance = united(existing.provenance, job.provenance)
    existing.facets.merge(job.facets) { old, _ in old }
    jobs[job.id] = existing
  }

  private mutating func addEdge(_ edge: LineageEdge) {
    let key = EdgeKey(from: edge.from, to: edge.to, kind: edge.kind)
    if var existing = edges[key] {
      existing.provenance = united(existing.provenance, edge.provenance)
      edges[key] = existing
    } else {
      edges[key] = edge
    }
  }

  private mutating func addMissingEndpoints() {
    var reported: Set<NodeID> = []
    for edge in edges.values {
      for id in [edge.from, edge.to] where !exists(id) && id.kind != .column {
        addStub(id, provenance: edge.provenance)
        if edge.provenance.contains(where: { $0.source == .manifest }), reported.insert(id).inserted
        {
          let file = edge.provenance.first { $0.source == .manifest }?.path ?? "mldebt.yaml"
          project.diagnostics.append(
            Diagnostic(
              .warning, source: .manifest, at: SourceLocation(file: file),
              "\(edge.from) → \(edge.to) (\(edge.kind.rawValue)) names \(id), which no source declares",
              expected: "a declaration of \(id) in the manifest or in a tool's files",
              hint: "declare \(id) under \(id.kind.rawValue)s:, or fix the name"))
        }
      }
    }
  }

  private func exists(_ id: NodeID) -> Bool {
    switch id.kind {
    case .dataset: datasets[id] != nil
    case .feature: features[id] != nil
    case .model: models[id] != nil
    case .consumer: consumers[id] != nil
    case .job: jobs[id] != nil
    case .column: true
    }
  }

  private mutating func addStub(_ id: NodeID, provenance: [Provenance]) {
    switch id.kind {
    case .dataset: datasets[id] = Dataset(id: id, provenance: provenance)
    case .feature: features[id] = Feature(id: id, provenance: provenance)
    case .model: models[id] = Model(id: id, provenance: provenance)
    case .consumer: consumers[id] = Consumer(id: id, declared: false, provenance: provenance)
    case .job: jobs[id] = Job(id: id, provenance: provenance)
    case .column: break
    }
  }

  // MARK: - Field merging

  private mutating func field(
    _ name: String, _ id: NodeID, _ existing: String?, _ incoming: String?, _ source: SourceKind,
    _ provenance: [Provenance]
  ) -> String? {
    guard let existing else { return incoming }
    if let incoming, incoming != existing {
      disagreement("the \(name)", id, existing, incoming, source, provenance)
    }
    return existing
  }

  private mutating func disagreement(
    _ what: String, _ id: NodeID, _ kept: String, _ other: String, _ source: SourceKind,
    _ provenance: [Provenance]
  ) {
    let winner = provenance.first { $0.source == .manifest } ?? provenance.first
    let file = winner?.path ?? project.manifestPath ?? "."
    project.diagnostics.append(
      Diagnostic(
        .warning, source: source, at: SourceLocation(file: file, keyPath: id.description),
        "sources disagree on \(what) of \(id): \(winner?.source.rawValue ?? "the first source") says `\(kept)`, \(source.rawValue) says `\(other)`; the first is kept",
        hint: "make the sources agree, or declare the value in the manifest"))
    let others = currentProvenance.filter { $0.source == source }.map {
      SourceLocation(file: $0.path)
    }
    project.disagreements.append(
      Disagreement(
        node: id, field: String(what.dropFirst(what.hasPrefix("the ") ? 4 : 0)),
        kept: .init(source: winner?.source ?? source, value: kept),
        other: .init(source: source, value: other),
        locations: [SourceLocation(file: file)] + others))
  }

  private func united<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
    var seen = Set(a)
    return a + b.filter { seen.insert($0).inserted }
  }
}

extension SourceContribution {
  /// Replaces dataset ids throughout, after the builder matched them to known datasets by alias.
  mutating func rename(_ renames: [NodeID: NodeID]) {
    func map(_ id: NodeID) -> NodeID { renames[id] ?? id }
    func map(_ ids: [NodeID]) -> [NodeID] { ids.map(map) }
    datasets = datasets.map {
      var d = $0
      d.id = map(d.id)
      return d
    }
    features = features.map {
      var f = $0
      f.derivedFrom = map(f.derivedFrom)
      return f
    }
    models = models.map {
      var m = $0
      m.inputs = map(m.inputs)
      m.trainingData = map(m.trainingData)
      m.outputs = map(m.outputs)
      return m
    }
    consumers = consumers.map {
      var c = $0
      c.reads = map(c.reads)
      c.influences = map(c.influences)
      return c
    }
    jobs = jobs.map {
      var j = $0
      j.inputs = map(j.inputs)
      j.outputs = map(j.outputs)
      return j
    }
    // Column nodes are named `dataset.column`: they follow their dataset's new name.
    func mapColumn(_ id: NodeID) -> NodeID {
      guard id.kind == .column else { return map(id) }
      for (old, new) in renames where id.name.hasPrefix(old.name + ".") {
        return NodeID(.column, new.name + id.name.dropFirst(old.name.count))
      }
      return id
    }
    edges = edges.map {
      var e = $0
      e.from = mapColumn(e.from)
      e.to = mapColumn(e.to)
      return e
    }
  }
}
