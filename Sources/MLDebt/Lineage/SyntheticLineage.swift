/// Generates large, seeded, realistic-looking projects for benchmarks and scale tests.
///
/// Nodes are laid out in flow order and given kinds (35% datasets, 30% features, 15% jobs, 5%
/// models, 15% consumers). Edges mostly run forward between nearby nodes, with the kind each pair
/// allows (dataset → feature `derives`, feature → model `trains`, model → dataset `serves`, …),
/// so the graph is deep; a few consumer `influences` edges run backward and close feedback loops.
/// The same seed gives the same project on every machine.
public enum SyntheticLineage {
  /// A project with `nodes` nodes and (about) `edges` distinct edges, all in `project.edges`.
  ///
  /// The edge count is exact unless the node count is too small to hold that many distinct
  /// edges within the generator's locality window.
  public static func project(nodes: Int, edges: Int, seed: UInt64 = 42) -> Project {
    var random = Random(seed: seed)
    let count = max(2, nodes)
    var kinds: [NodeKind] = []
    kinds.reserveCapacity(count)
    for _ in 0..<count {
      let roll = random.next() % 100
      kinds.append(
        roll < 35
          ? .dataset : roll < 65 ? .feature : roll < 80 ? .job : roll < 85 ? .model : .consumer)
    }
    let owners = (0..<25).map { "team-\($0)" }
    func owner() -> String? {
      random.next() % 5 == 0 ? nil : owners[Int(random.next() % UInt64(owners.count))]
    }
    let ids = kinds.enumerated().map { NodeID($1, "\($1.rawValue.prefix(1))\($0)") }
    var project = Project(root: "/synthetic", name: "synthetic-\(count)-\(edges)-\(seed)")
    for (index, id) in ids.enumerated() {
      switch kinds[index] {
      case .dataset:
        project.datasets.append(
          Dataset(
            id: id, owner: owner(), versionPin: random.next() % 2 == 0 ? "v\(index)" : nil,
            provenance: [Provenance(.manifest, "mldebt.yaml")]))
      case .feature:
        project.features.append(
          Feature(id: id, owner: owner(), provenance: [Provenance(.manifest, "mldebt.yaml")]))
      case .model:
        project.models.append(
          Model(id: id, owner: owner(), provenance: [Provenance(.manifest, "mldebt.yaml")]))
      case .consumer:
        let declared = random.next() % 10 != 0
        project.consumers.append(
          Consumer(
            id: id, declared: declared, owner: owner(),
            provenance: [Provenance(declared ? .manifest : .openLineage, "x")]))
      case .job:
        project.jobs.append(
          Job(
            id: id, owner: owner(),
            provenance: [
              random.next() % 3 == 0
                ? Provenance(.openLineage, "lineage/events.jsonl") : Provenance(.dvc, "dvc.yaml")
            ]))
      case .column:
        break
      }
    }
    // Sorted by id, as a loaded project is.
    project.datasets.sort { $0.id < $1.id }
    project.features.sort { $0.id < $1.id }
    project.models.sort { $0.id < $1.id }
    project.consumers.sort { $0.id < $1.id }
    project.jobs.sort { $0.id < $1.id }
    let window = 48
    var seen: Set<UInt64> = []
    seen.reserveCapacity(edges)
    var list: [LineageEdge] = []
    list.reserveCapacity(edges)
    var attempts = 0
    let maximumAttempts = edges * 50
    while list.count < edges && attempts < maximumAttempts {
      attempts += 1
      let target = 1 + Int(random.next() % UInt64(count - 1))
      let backward = random.next() % 500 == 0
      let source: Int
      if backward {
        // A consumer acting on data a little upstream of it: a feedback path.
        source = min(count - 1, target + 1 + Int(random.next() % UInt64(window)))
      } else {
        source = max(0, target - 1 - Int(random.next() % UInt64(window)))
      }
      guard source != target,
        let kind = edgeKind(from: kinds[source], to: kinds[target], backward: backward)
      else { continue }
      let key = UInt64(source) << 32 | UInt64(target) << 3 | UInt64(kind.bit.trailingZeroBitCount)
      guard seen.insert(key).inserted else { continue }
      list.append(LineageEdge(from: ids[source], to: ids[target], kind: kind))
    }
    // Sorted as a loaded project's edges are.
    project.edges = list.sorted { ($0.from, $0.to, $0.kind.bit) < ($1.from, $1.to, $1.kind.bit) }
    return project
  }

  private static func edgeKind(from: NodeKind, to: NodeKind, backward: Bool) -> EdgeKind? {
    if backward { return from == .consumer && to == .dataset ? .influences : nil }
    switch (from, to) {
    case (.dataset, .feature), (.feature, .feature), (.dataset, .dataset), (.model, .feature):
      return .derives
    case (.feature, .model), (.dataset, .model): return .trains
    case (.model, .dataset): return .serves
    case (.dataset, .job): return .reads
    case (.job, .dataset): return .writes
    case (.dataset, .consumer), (.model, .consumer): return .consumes
    default: return nil
    }
  }

  /// A small, fast, seeded random number generator (SplitMix64), the same on every platform.
  public struct Random: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
