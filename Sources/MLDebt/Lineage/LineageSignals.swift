/// Limits for the lineage debt signals, with documented defaults (docs/lineage.md).
public struct LineageSignalOptions: Sendable, Hashable {
  /// How many fan-in hot spots to report at most.
  public var hotSpotLimit: Int
  /// How many models a source must reach to be a hot spot.
  public var hotSpotMinimumModels: Int
  /// The longest chain of nodes (counting a cycle as one node) above which the pipeline counts
  /// as a jungle.
  public var maximumDepth: Int
  /// The most nodes on one level of the pipeline above which it counts as a jungle.
  public var maximumWidth: Int

  /// The defaults: 5 hot spots reaching at least 2 models; depth 15; width 50.
  public static let defaults = LineageSignalOptions(
    hotSpotLimit: 5, hotSpotMinimumModels: 2, maximumDepth: 15, maximumWidth: 50)

  /// Creates options.
  public init(hotSpotLimit: Int, hotSpotMinimumModels: Int, maximumDepth: Int, maximumWidth: Int) {
    self.hotSpotLimit = hotSpotLimit
    self.hotSpotMinimumModels = hotSpotMinimumModels
    self.maximumDepth = maximumDepth
    self.maximumWidth = maximumWidth
  }
}

/// The shape of a pipeline: how long its longest chain is and how wide it gets.
public struct LineageShape: Sendable, Hashable, Codable {
  /// Nodes on the longest chain, counting each strongly connected component as one step.
  public let depth: Int
  /// The most nodes on any one level (a node's level is the length of the longest chain that
  /// ends at it).
  public let width: Int
  /// The level with the most nodes (0 is the sources).
  public let widestLevel: Int
  /// One longest chain, from a source to its end (node indices).
  public let longestChain: [Int]
  /// Nodes with no incoming edge.
  public let sources: Int
  /// Nodes with no outgoing edge.
  public let sinks: Int
}

/// A source whose change reaches many models: part of the CACE ("changing anything changes
/// everything") blast radius.
public struct LineageHotSpot: Sendable, Hashable {
  /// The source node (it has no incoming edge).
  public let node: Int
  /// How many models are downstream of it.
  public let models: Int
}

/// A model trained on other models' outputs, with the longest chain of models behind it.
public struct LineageCascade: Sendable, Hashable {
  /// The model at the end of the cascade.
  public let model: Int
  /// How many models are upstream of it in the longest chain (1: it reads one model's output).
  public let depth: Int
  /// The longest chain of upstream models, nearest first (at most the limit asked for).
  public let chain: [Int]
  /// Its inputs (features or datasets) that carry another model's output.
  public let carriers: [Int]
}

/// The debt signals that lineage shows, each as ``Finding``s with the nodes as evidence.
///
/// | rule | area |
/// | --- | --- |
/// | `lineage.feedback-loop` | feedback loops |
/// | `lineage.cycle` | glue code |
/// | `lineage.correction-cascade` | data dependencies |
/// | `lineage.unused-feature` | feature audits |
/// | `lineage.undeclared-consumer` | undeclared consumers |
/// | `lineage.fan-in-hot-spot` | data dependencies |
/// | `lineage.unpinned-training-input` | data dependencies |
/// | `lineage.pipeline-jungle` | glue code |
/// | `lineage.unowned-job` | glue code |
/// | `lineage.multiple-writers` | glue code |
///
/// docs/lineage.md explains each one: what it means, why it is debt, and its severity.
public enum LineageSignals {
  /// A rule this module reports, for catalogs and documentation.
  public struct Rule: Sendable, Hashable {
    /// The rule id.
    public let id: String
    /// The area its findings count in.
    public let area: DebtArea
    /// One line: what it looks for.
    public let summary: String
  }

  /// Every rule, in the order ``findings(in:options:)`` reports them.
  public static let rules: [Rule] = [
    Rule(
      id: "lineage.feedback-loop", area: .feedbackLoops,
      summary: "A model's output reaches its own training data, directly or through others"),
    Rule(
      id: "lineage.cycle", area: .glueCode,
      summary: "Data flows in a circle with no model on it"),
    Rule(
      id: "lineage.correction-cascade", area: .dataDependencies,
      summary: "A model is trained on another model's output"),
    Rule(
      id: "lineage.unused-feature", area: .featureAudits,
      summary: "A feature that no model reads"),
    Rule(
      id: "lineage.undeclared-consumer", area: .undeclaredConsumers,
      summary: "A job or consumer seen in lineage reads a model's output but is not declared"),
    Rule(
      id: "lineage.fan-in-hot-spot", area: .dataDependencies,
      summary: "A source whose change reaches the most models"),
    Rule(
      id: "lineage.unpinned-training-input", area: .dataDependencies,
      summary: "A dataset that feeds training has no version pin"),
    Rule(
      id: "lineage.pipeline-jungle", area: .glueCode,
      summary: "The pipeline is deeper or wider than the limits"),
    Rule(
      id: "lineage.unowned-job", area: .glueCode,
      summary: "A job or pipeline stage that nobody owns"),
    Rule(
      id: "lineage.multiple-writers", area: .glueCode,
      summary: "A dataset written by more than one job"),
  ]

  /// Every lineage finding, rule by rule (in ``rules`` order), each rule's findings in node
  /// order.
  public static func findings(
    in graph: LineageGraph, options: LineageSignalOptions = .defaults
  ) -> [Finding] {
    feedbackLoops(in: graph) + correctionCascades(in: graph) + unusedFeatures(in: graph)
      + undeclaredConsumers(in: graph) + fanInHotSpots(in: graph, options: options)
      + unpinnedTrainingInputs(in: graph) + pipelineJungle(in: graph, options: options)
  }

  // MARK: - Feedback loops

  /// `lineage.feedback-loop` (and `lineage.cycle` for cycles with no model): one finding per
  /// strongly connected component, with a shortest cycle through its first model as evidence.
  ///
  /// A loop is *hidden* when it passes through another model or a consumer's `influences` edge
  /// (severity high: its owners cannot see it from their own pipeline), and *direct* when the
  /// model's output reaches its own training data through data alone (severity medium).
  public static func feedbackLoops(in graph: LineageGraph) -> [Finding] {
    var findings: [Finding] = []
    for members in graph.cyclicComponents {
      let models = members.filter { graph.kind($0) == .model }
      guard let start = models.first ?? members.first, let cycle = graph.cycle(through: start)
      else { continue }
      let path = cycle.steps.map { graph.id($0.node).description }.joined(separator: " → ")
      let evidence = cycle.nodes.map { Finding.Evidence.node(graph.id($0)) }
      guard !models.isEmpty else {
        findings.append(
          Finding(
            rule: "lineage.cycle", area: .glueCode, severity: .low,
            title: "Data flows in a circle: \(path)",
            why: "A cycle with no model on it means a dataset is rebuilt from itself; no run "
              + "can be reproduced from a fixed starting point.",
            fix: "Break the cycle: version the dataset each run writes, or read a snapshot.",
            evidence: evidence))
        continue
      }
      let component = Set(members)
      let influencers = members.filter { member in
        graph.outgoing(member).contains { $0.kind == .influences && component.contains($0.node) }
      }
      let hidden = models.count > 1 || !influencers.isEmpty
      let through = (models.dropFirst() + influencers).map { graph.id($0).description }
      let subject = graph.id(start)
      let title =
        hidden
        ? "Hidden feedback loop: \(subject)'s output reaches its own training data through "
          + through.joined(separator: ", ")
        : "Direct feedback loop: \(subject)'s output reaches its own training data"
      findings.append(
        Finding(
          rule: "lineage.feedback-loop", area: .feedbackLoops, severity: hidden ? .high : .medium,
          title: title,
          why: "The model's predictions shape the data it is next trained on (\(path)), so it "
            + "learns from its own decisions and its errors reinforce themselves"
            + (hidden
              ? "; the loop runs through others' systems, where its owners do not see it."
              : "."),
          fix: "Keep a holdout slice decided without the model, log the policy with each label, "
            + "and declare the loop (consumer influences) so it is monitored.",
          evidence: evidence))
    }
    return findings
  }

  // MARK: - Correction cascades

  /// The models trained on other models' outputs, each with the depth of its cascade.
  ///
  /// A model's output reaches another model through `serves` and `derives` edges (model →
  /// predictions table → feature) and then a `trains` edge. The depth is the number of models in
  /// the longest such chain behind a model: A → feature → B → feature → C is depth 2 at C.
  /// `chain` names the nearest `chainLimit` models of that chain.
  public static func cascades(in graph: LineageGraph, chainLimit: Int = 10) -> [LineageCascade] {
    let mask = EdgeKindMask([.derives, .serves, .trains])
    let components = StronglyConnected.components(
      nodeCount: graph.nodeCount, outStart: graph.outStart, targets: graph.edgeTo, include: mask,
      kinds: graph.edgeKind)
    // value[v]: the most models on a chain of masked edges ending at v (v included).
    // best[v]: the masked in-neighbour (outside v's component) with the highest value.
    var value = [Int32](repeating: 0, count: graph.nodeCount)
    var best = [Int32](repeating: -1, count: graph.nodeCount)
    for component in stride(from: components.count - 1, through: 0, by: -1) {
      let members = components.members[
        Int(components.start[component])..<Int(components.start[component + 1])]
      var incoming: Int32 = 0
      var models: Int32 = 0
      var bestSource: Int32 = -1
      for member in members.map(Int.init) {
        if graph.kinds[member] == .model { models += 1 }
        for slot in Int(graph.inStart[member])..<Int(graph.inStart[member + 1]) {
          let edge = Int(graph.inEdges[slot])
          guard mask.contains(graph.edgeKind[edge]) else { continue }
          let source = Int(graph.edgeFrom[edge])
          if components.componentOf[source] != Int32(component) && value[source] > incoming {
            incoming = value[source]
            bestSource = Int32(source)
          }
        }
      }
      for member in members {
        value[Int(member)] = incoming + models
        best[Int(member)] = bestSource
      }
    }
    var result: [LineageCascade] = []
    for model in graph.nodes(ofKind: .model) where value[model] > 1 {
      var carriers: [Int] = []
      for neighbour in graph.incoming(model) where mask.contains(neighbour.kind) {
        if value[neighbour.node] > 0 && neighbour.node != model { carriers.append(neighbour.node) }
      }
      // Walk back along the highest values to name the models of the longest chain (the
      // nearest `chainLimit` of them).
      var chain: [Int] = []
      var current = Int(best[model])
      while current >= 0 && chain.count < chainLimit {
        if graph.kinds[current] == .model { chain.append(current) }
        current = Int(best[current])
      }
      result.append(
        LineageCascade(
          model: model, depth: Int(value[model]) - 1, chain: chain, carriers: carriers.sorted()))
    }
    return result
  }

  /// `lineage.correction-cascade`: one finding per model trained on other models' outputs;
  /// severity medium at depth 1, high deeper.
  public static func correctionCascades(in graph: LineageGraph) -> [Finding] {
    cascades(in: graph).map { cascade in
      let subject = graph.id(cascade.model)
      let chain = cascade.chain.map { graph.id($0).description }
      let carriers = cascade.carriers.map { graph.id($0).description }
      return Finding(
        rule: "lineage.correction-cascade", area: .dataDependencies,
        severity: cascade.depth >= 2 ? .high : .medium,
        title: "\(subject) is trained on the output of "
          + chain.joined(separator: " ← ") + (cascade.depth > chain.count ? " ← …" : "")
          + " (cascade depth \(cascade.depth))",
        why: "Another model's output is an unstable input: when its owners retrain or fix it, "
          + "\(subject) changes too, and an improvement upstream can make it worse (a correction "
          + "cascade)"
          + (carriers.isEmpty
            ? "."
            : "; it arrives through "
              + carriers.joined(separator: ", ") + "."),
        fix: "Train on the upstream model's own inputs instead, or version its output and treat "
          + "each new version as a change to \(subject) that needs evaluation.",
        evidence: ([cascade.model] + cascade.chain + cascade.carriers).map {
          .node(graph.id($0))
        })
    }
  }

  // MARK: - Unused features

  /// `lineage.unused-feature`: features from which no model can be reached through data edges
  /// (`derives`, `trains`, `serves`, `reads`, `writes`); severity low.
  public static func unusedFeatures(in graph: LineageGraph) -> [Finding] {
    let models = graph.nodes(ofKind: .model)
    var used = [Bool](repeating: false, count: graph.nodeCount)
    graph.walk(
      from: models, direction: .upstream,
      mask: EdgeKindMask([.derives, .trains, .serves, .reads, .writes])
    ) { reach in
      used[reach.node] = true
      return true
    }
    return graph.nodes(ofKind: .feature).filter { !used[$0] }.map { feature in
      let node = graph[feature]
      let readers = graph.outgoing(feature).map { graph.id($0.node).description }
      return Finding(
        rule: "lineage.unused-feature", area: .featureAudits, severity: .low,
        title: "\(node.id) is read by no model",
        why: "An unused feature still costs: its pipeline runs, its upstream can break it, and "
          + "someone may start using it without knowing it is unmaintained"
          + (readers.isEmpty ? "." : " (only \(readers.joined(separator: ", ")) read it)."),
        fix: node.status == .deprecated
          ? "It is deprecated: remove it and the code that computes it."
          : "Remove it, or declare the model that reads it.",
        evidence: [.node(node.id)] + graph.incoming(feature).map { .node(graph.id($0.node)) })
    }
  }

  // MARK: - Undeclared consumers

  /// `lineage.undeclared-consumer`: consumers that no manifest declared (`declared == false`),
  /// and jobs seen only in lineage (not in the manifest or DVC, not named like a declared
  /// consumer, and not writing a model's output themselves) that read a model or a dataset a
  /// model serves. Severity medium when what it reads
  /// is a model's output, low otherwise.
  public static func undeclaredConsumers(in graph: LineageGraph) -> [Finding] {
    var findings: [Finding] = []
    let declaredNames = Set(
      graph.nodes(ofKind: .consumer).filter { graph[$0].declared }.map { graph[$0].name })
    func modelsBehind(_ node: Int) -> [Int] {
      if graph.kinds[node] == .model { return [node] }
      return graph.incoming(node).filter { $0.kind == .serves && graph.kinds[$0.node] == .model }
        .map(\.node)
    }
    for node in graph.nodes.indices {
      let details = graph[node]
      let reads: [Int]
      switch details.kind {
      case .consumer:
        guard !details.declared else { continue }
        reads = graph.incoming(node).map(\.node)
      case .job:
        let known = details.provenance.contains { $0.source == .manifest || $0.source == .dvc }
        guard !known, !declaredNames.contains(details.name) else { continue }
        // A job that writes a model's output is that model's serving job, not a consumer.
        let serving = graph.outgoing(node).contains {
          $0.kind == .writes && !modelsBehind($0.node).isEmpty
        }
        guard !serving else { continue }
        reads = graph.incoming(node).filter { !modelsBehind($0.node).isEmpty }.map(\.node)
        guard !reads.isEmpty else { continue }
      default:
        continue
      }
      let models = Array(Set(reads.flatMap(modelsBehind))).sorted()
      let sources = Set(details.provenance.map(\.source.rawValue)).sorted()
      let what = reads.map { graph.id($0).description }
      findings.append(
        Finding(
          rule: "lineage.undeclared-consumer", area: .undeclaredConsumers,
          severity: models.isEmpty ? .low : .medium,
          title: "\(details.id) reads "
            + (what.isEmpty ? "project data" : what.joined(separator: ", "))
            + " but is not declared"
            + (sources.isEmpty ? "" : " (seen in \(sources.joined(separator: ", ")))"),
          why: "The owners of "
            + (models.isEmpty
              ? "that data" : models.map { graph.id($0).description }.joined(separator: ", "))
            + " do not know this consumer exists: a change they make can silently break it, and "
            + "its decisions may feed back into their training data.",
          fix: "Declare it under consumers: in mldebt.yaml with its owner and an API contract, or "
            + "stop it reading the output.",
          evidence: ([node] + reads + models).map { .node(graph.id($0)) }))
    }
    return findings
  }

  // MARK: - Fan-in hot spots

  /// For every node, how many models are downstream of it (through every edge kind).
  ///
  /// Computed for all nodes at once, up to 512 models at a time as bit sets, over the components
  /// in topological order; the cost is (nodes + edges) × models / 64 word operations.
  public static func modelsDownstream(in graph: LineageGraph) -> [Int] {
    let models = graph.nodes(ofKind: .model)
    var counts = [Int](repeating: 0, count: graph.nodeCount)
    guard !models.isEmpty else { return counts }
    let componentCount = graph.componentCount
    // The condensation: for each component, the components its edges lead to.
    var targetStart = [Int32](repeating: 0, count: componentCount + 1)
    var targets: [Int32] = []
    targets.reserveCapacity(graph.edgeCount)
    for component in 0..<componentCount {
      for slot in Int(graph.componentStart[component])..<Int(graph.componentStart[component + 1]) {
        let member = Int(graph.componentMembers[slot])
        for edge in Int(graph.outStart[member])..<Int(graph.outStart[member + 1]) {
          let target = graph.componentOf[Int(graph.edgeTo[edge])]
          if target != Int32(component) { targets.append(target) }
        }
      }
      targetStart[component + 1] = Int32(targets.count)
    }
    var componentCounts = [Int](repeating: 0, count: componentCount)
    let width = min(8, (models.count + 63) / 64)  // 64-bit words per component and pass
    var words = [UInt64](repeating: 0, count: componentCount * width)
    words.withUnsafeMutableBufferPointer { words in
      for block in stride(from: 0, to: models.count, by: 64 * width) {
        for index in words.indices { words[index] = 0 }
        for (bit, model) in models[block..<min(block + 64 * width, models.count)].enumerated() {
          words[Int(graph.componentOf[model]) * width + bit / 64] |= 1 << UInt64(bit % 64)
        }
        // Tarjan's order: every component comes after the components it reaches.
        for component in 0..<componentCount {
          let base = component * width
          for slot in Int(targetStart[component])..<Int(targetStart[component + 1]) {
            let other = Int(targets[slot]) * width
            for word in 0..<width { words[base + word] |= words[other + word] }
          }
          var bits = 0
          for word in 0..<width { bits += words[base + word].nonzeroBitCount }
          componentCounts[component] += bits
        }
      }
    }
    for node in 0..<graph.nodeCount { counts[node] = componentCounts[Int(graph.componentOf[node])] }
    // A model counts itself above; "downstream" leaves it out unless it is on a cycle.
    for model in models where !graph.isOnCycle(model) { counts[model] -= 1 }
    return counts
  }

  /// The sources (nodes with no incoming edge) that reach the most models, most first.
  public static func hotSpots(
    in graph: LineageGraph, options: LineageSignalOptions = .defaults
  ) -> [LineageHotSpot] {
    let counts = modelsDownstream(in: graph)
    return (0..<graph.nodeCount)
      .filter { graph.inDegree($0) == 0 && counts[$0] >= options.hotSpotMinimumModels }
      .sorted { (counts[$1], $0) < (counts[$0], $1) }
      .prefix(options.hotSpotLimit)
      .map { LineageHotSpot(node: $0, models: counts[$0]) }
  }

  /// `lineage.fan-in-hot-spot`: the top sources by models reached; severity medium when a source
  /// reaches at least 3 models and half of all of them, low otherwise.
  public static func fanInHotSpots(
    in graph: LineageGraph, options: LineageSignalOptions = .defaults
  ) -> [Finding] {
    let total = graph.nodes(ofKind: .model).count
    return hotSpots(in: graph, options: options).map { spot in
      let models = graph.closure(of: spot.node, direction: .downstream)
        .filter { graph.kinds[$0.node] == .model }.map(\.node).sorted()
      let shown = models.prefix(20)
      let subject = graph.id(spot.node)
      return Finding(
        rule: "lineage.fan-in-hot-spot", area: .dataDependencies,
        severity: spot.models >= 3 && spot.models * 2 >= total ? .medium : .low,
        title: "A change to \(subject) reaches \(spot.models) of \(total) models",
        why: "Changing anything changes everything (CACE): every model downstream of this "
          + "source shifts when its contents, schema or semantics change, and nobody sees the "
          + "whole blast radius from one pipeline.",
        fix: "Give \(subject) an owner, a schema contract and a version pin; alert on its drift; "
          + "let downstream models read a pinned snapshot.",
        evidence: ([spot.node] + shown).map { .node(graph.id($0)) })
    }
  }

  // MARK: - Unpinned training inputs

  /// `lineage.unpinned-training-input`: datasets with no version pin that feed training.
  ///
  /// Direct inputs (a `trains` edge into a model, which includes `model.trainingData`) are
  /// severity medium. Datasets further upstream, through data edges (`derives`, `trains`,
  /// `reads`, `writes`; not through another model's `serves` or a consumer), are severity low;
  /// each names the nearest model it feeds and the input it reaches that model through.
  public static func unpinnedTrainingInputs(in graph: LineageGraph) -> [Finding] {
    func isDataset(_ node: Int) -> Bool { graph.kinds[node] == .dataset }
    var direct: [Int: [Int]] = [:]
    for model in graph.nodes(ofKind: .model) {
      for input in graph.incoming(model) where input.kind == .trains && isDataset(input.node) {
        direct[input.node, default: []].append(model)
      }
    }
    // Multi-source upstream walk from every model, remembering for each node the model it was
    // reached from and the model input it was reached through.
    let models = graph.nodes(ofKind: .model)
    var origin = [Int32](repeating: -1, count: graph.nodeCount)
    var through = [Int32](repeating: -1, count: graph.nodeCount)
    for model in models { origin[model] = Int32(model) }
    var upstream: [Int] = []
    graph.walk(
      from: models, direction: .upstream, mask: EdgeKindMask([.derives, .trains, .reads, .writes])
    ) { reach in
      origin[reach.node] = origin[reach.via]
      through[reach.node] = reach.depth == 1 ? Int32(reach.node) : through[reach.via]
      if isDataset(reach.node) && direct[reach.node] == nil { upstream.append(reach.node) }
      return graph.kinds[reach.node] != .model
    }
    var findings: [Finding] = []
    for dataset in Set(direct.keys).union(upstream).sorted()
    where graph[dataset].versionPin == nil {
      let subject = graph.id(dataset)
      if let models = direct[dataset] {
        let names = models.sorted().map { graph.id($0).description }
        findings.append(
          Finding(
            rule: "lineage.unpinned-training-input", area: .dataDependencies, severity: .medium,
            title: "\(subject) trains \(names.joined(separator: ", ")) but has no version pin",
            why: "Without a pin nobody can say which contents a model was trained on: the run "
              + "cannot be reproduced, and a silent change upstream becomes a new model.",
            fix: "Pin it (DVC-track it, record its digest with mlflow.log_input, or give it a "
              + "version in mldebt.yaml).",
            evidence: ([dataset] + models.sorted()).map { .node(graph.id($0)) }))
      } else {
        let model = Int(origin[dataset])
        let via = Int(through[dataset])
        findings.append(
          Finding(
            rule: "lineage.unpinned-training-input", area: .dataDependencies, severity: .low,
            title: "\(subject) feeds the training of \(graph.id(model)) through \(graph.id(via)) "
              + "but has no version pin",
            why: "Training data built from unpinned inputs changes whenever they do, so the "
              + "training set cannot be rebuilt as it was, even when the training set itself is "
              + "pinned.",
            fix: "Pin it, or snapshot it where the pipeline reads it.",
            evidence: [dataset, via, model].map { .node(graph.id($0)) }))
      }
    }
    return findings
  }

  // MARK: - Pipeline jungle

  /// The longest chain and the widest level of the graph, with cycles collapsed.
  public static func shape(of graph: LineageGraph) -> LineageShape {
    let count = graph.componentCount
    guard count > 0 else {
      return LineageShape(
        depth: 0, width: 0, widestLevel: 0, longestChain: [], sources: 0, sinks: 0)
    }
    var level = [Int32](repeating: 0, count: count)
    var previous = [Int32](repeating: -1, count: count)  // a member of the previous component
    var entry = [Int32](repeating: -1, count: count)  // the member the chain enters by
    for component in stride(from: count - 1, through: 0, by: -1) {
      for slot in Int(graph.componentStart[component])..<Int(graph.componentStart[component + 1]) {
        let member = Int(graph.componentMembers[slot])
        for edge in Int(graph.outStart[member])..<Int(graph.outStart[member + 1]) {
          let target = Int(graph.edgeTo[edge])
          let next = Int(graph.componentOf[target])
          if next != component && level[component] + 1 > level[next] {
            level[next] = level[component] + 1
            previous[next] = Int32(member)
            entry[next] = Int32(target)
          }
        }
      }
    }
    var perLevel = [Int](repeating: 0, count: Int(level.max() ?? 0) + 1)
    for node in 0..<graph.nodeCount { perLevel[Int(level[Int(graph.componentOf[node])])] += 1 }
    var widest = (key: 0, value: 0)
    for (key, value) in perLevel.enumerated() where value > widest.value { widest = (key, value) }
    var deepest = 0
    for component in 0..<count where level[component] > level[deepest] { deepest = component }
    // Walk back: each step names the node a chain leaves a component by, and the node it
    // entered that component by (when different; both lie on one cycle).
    var chain = [
      entry[deepest] >= 0
        ? Int(entry[deepest]) : Int(graph.componentMembers[Int(graph.componentStart[deepest])])
    ]
    var component = deepest
    while previous[component] >= 0 {
      let exit = Int(previous[component])
      component = Int(graph.componentOf[exit])
      chain.append(exit)
      if entry[component] >= 0 && Int(entry[component]) != exit {
        chain.append(Int(entry[component]))
      }
    }
    return LineageShape(
      depth: Int(level[deepest]) + 1, width: widest.value, widestLevel: widest.key,
      longestChain: chain.reversed(),
      sources: (0..<graph.nodeCount).filter { graph.inDegree($0) == 0 }.count,
      sinks: (0..<graph.nodeCount).filter { graph.outDegree($0) == 0 }.count)
  }

  /// `lineage.pipeline-jungle` (the shape over the limits, severity low),
  /// `lineage.unowned-job` (jobs with no owner, low) and `lineage.multiple-writers` (datasets
  /// written by more than one job or consumer, medium).
  public static func pipelineJungle(
    in graph: LineageGraph, options: LineageSignalOptions = .defaults
  ) -> [Finding] {
    var findings: [Finding] = []
    let shape = shape(of: graph)
    if shape.depth > options.maximumDepth || shape.width > options.maximumWidth {
      let ends = [shape.longestChain.first, shape.longestChain.last].compactMap { $0 }
      findings.append(
        Finding(
          rule: "lineage.pipeline-jungle", area: .glueCode, severity: .low,
          title: "The pipeline is \(shape.depth) steps deep and \(shape.width) nodes wide "
            + "(limits \(options.maximumDepth) and \(options.maximumWidth))",
          why: "Long chains of scrapes, joins and samplings grow into a pipeline jungle: hard to "
            + "test, where errors upstream surface far downstream.",
          fix: "Redesign the pipeline as a whole: merge steps, remove intermediate outputs that "
            + "nothing else reads, and give the remaining stages owners and tests.",
          evidence: Array(Set(ends)).sorted().map { .node(graph.id($0)) }))
    }
    let ownedConsumers = Set(
      graph.nodes(ofKind: .consumer).filter { graph[$0].owner != nil }.map { graph[$0].name })
    for job in graph.nodes(ofKind: .job)
    where graph[job].owner == nil && !ownedConsumers.contains(graph[job].name) {
      let sources = Set(graph[job].provenance.map(\.source.rawValue)).sorted()
      findings.append(
        Finding(
          rule: "lineage.unowned-job", area: .glueCode, severity: .low,
          title: "\(graph.id(job)) has no owner"
            + (sources.isEmpty ? "" : " (seen in \(sources.joined(separator: ", ")))"),
          why: "A job nobody owns is glue code nobody maintains: when it breaks or drifts, "
            + "nobody is told and nobody decides.",
          fix: "Declare it under jobs: in mldebt.yaml with an owner (or set the OpenLineage "
            + "ownership facet).",
          evidence: [.node(graph.id(job))]))
    }
    for dataset in graph.nodes(ofKind: .dataset) {
      let writers = graph.incoming(dataset).filter { $0.kind == .writes }.map(\.node)
      let names = Set(writers.map { graph[$0].name })
      guard names.count > 1 else { continue }
      findings.append(
        Finding(
          rule: "lineage.multiple-writers", area: .glueCode, severity: .medium,
          title: "\(graph.id(dataset)) is written by \(names.count) jobs: "
            + writers.map { graph.id($0).description }.joined(separator: ", "),
          why: "When several jobs write one dataset, its contents depend on which ran last; "
            + "lineage cannot say which rows came from where.",
          fix: "Give each writer its own output, or declare one owner job that merges them.",
          evidence: ([dataset] + writers).map { .node(graph.id($0)) }))
    }
    return findings
  }
}
