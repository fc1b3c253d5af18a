import Testing

@testable import MLDebt

@Suite("Lineage graph and queries")
struct LineageGraphTests {
  typealias P = LineageTestProjects
  let graph = LineageGraph(P.small)

  func index(_ id: NodeID) -> Int { graph.index(of: id)! }
  func ids(_ nodes: [Int]) -> [String] { nodes.map { graph.id($0).description } }

  @Test func buildsNodesInIDOrderWithEdgesFromNodeFields() {
    #expect(graph.nodeCount == 11)
    #expect(graph.nodes.map(\.id) == graph.nodes.map(\.id).sorted())
    // raw→age, raw→income, raw→orphan, age→risk, income→risk, train_set→risk, risk→predictions,
    // predictions→consumer approvals, predictions→job approvals, raw→build, build→train_set.
    #expect(graph.edgeCount == 11)
    let risk = index(P.m("risk"))
    #expect(
      graph.neighboursByKind(of: risk, direction: .upstream).map(\.kind) == [.trains])
    #expect(ids(graph.outgoing(risk).map(\.node)) == ["dataset:predictions"])
    #expect(graph.outgoing(risk).first?.kind == .serves)
    let raw = graph[index(P.d("raw"))]
    #expect(raw.owner == "data-eng" && raw.versionPin == "md5:1" && raw.declared)
    #expect(raw.provenance == [Provenance(.manifest, "mldebt.yaml")])
    #expect(graph[index(P.j("approvals"))].declared == false)
  }

  @Test func duplicateEdgesMergeAndStubsAreAdded() {
    var project = P.small
    // Stated twice: once by a node field, once as an edge with another provenance.
    project.edges = [
      LineageEdge(
        from: P.d("raw"), to: P.f("age"), kind: .derives,
        provenance: [Provenance(.feast, "registry.json")]),
      LineageEdge(
        from: NodeID(.column, "raw.a"), to: NodeID(.column, "train_set.a"), kind: .derives),
    ]
    let graph = LineageGraph(project)
    #expect(graph.edgeCount == 12)
    let edge = graph.edges.first {
      graph.id($0.from) == P.d("raw") && graph.id($0.to) == P.f("age")
    }
    #expect(
      Set(edge?.provenance ?? [])
        == [Provenance(.feast, "registry.json"), Provenance(.manifest, "mldebt.yaml")])
    let column = graph.index(of: NodeID(.column, "raw.a"))
    #expect(column != nil)
    #expect(graph[column!].isStub)
  }

  @Test func upstreamClosureByDepth() {
    let reached = graph.closure(of: index(P.m("risk")), direction: .upstream)
    #expect(
      reached.map { "\(graph.id($0.node)):\($0.depth)" } == [
        "dataset:train_set:1", "feature:age:1", "feature:income:1", "dataset:raw:2",
        "job:build:2",
      ])
    let step = reached.first { graph.id($0.node) == P.j("build") }!
    #expect(graph.id(step.via) == P.d("train_set") && step.edge == .writes)
  }

  @Test func downstreamClosureWithDepthLimitAndKinds() {
    let raw = index(P.d("raw"))
    let one = graph.closure(of: raw, direction: .downstream, maxDepth: 1)
    #expect(
      ids(one.map(\.node)) == ["feature:age", "feature:income", "feature:orphan", "job:build"])
    let derivesOnly = graph.closure(of: raw, direction: .downstream, kinds: [.derives])
    #expect(derivesOnly.count == 3)
    let all = graph.closure(of: raw, direction: .downstream)
    #expect(all.count == 9)
    #expect(all.map(\.depth).max() == 4)
  }

  @Test func impactGroupsByKindAndOwner() {
    let impact = graph.impact(of: index(P.d("raw")))
    let groups = impact.groups.map { "\($0.kind.rawValue)/\($0.owner ?? "-"): \(ids($0.nodes))" }
    #expect(
      groups == [
        "feature/ml: [\"feature:age\", \"feature:income\"]",
        "feature/-: [\"feature:orphan\"]",
        "model/ml: [\"model:risk\"]",
        "consumer/lending: [\"consumer:approvals\"]",
        "job/data-eng: [\"job:build\"]",
        "job/-: [\"job:approvals\"]",
      ])
    #expect(impact.owners == ["data-eng", "lending", "ml"])
    #expect(ids(impact.nodes(ofKind: .model)) == ["model:risk"])
  }

  @Test func shortestPathsDirectedReversedUndirectedAndNone() {
    let raw = index(P.d("raw"))
    let consumer = index(P.c("approvals"))
    let forward = graph.path(from: raw, to: consumer)
    #expect(forward.connection == .directed)
    #expect(
      ids(forward.nodes) == [
        "dataset:raw", "feature:age", "model:risk", "dataset:predictions", "consumer:approvals",
      ])
    #expect(forward.steps.map(\.edge) == [nil, .derives, .trains, .serves, .consumes])
    let backward = graph.path(from: consumer, to: raw)
    #expect(backward.connection == .reversed)
    #expect(backward.length == 4 && backward.steps.dropFirst().allSatisfy { !$0.forward })
    let sideways = graph.path(from: index(P.f("orphan")), to: index(P.d("train_set")))
    #expect(sideways.connection == .undirected)
    #expect(
      ids(sideways.nodes) == ["feature:orphan", "dataset:raw", "job:build", "dataset:train_set"])
    let none = graph.path(from: raw, to: index(P.d("island")))
    #expect(none.connection == .none && none.steps.isEmpty)
    #expect(graph.path(from: raw, to: raw).length == 0)
  }

  @Test func componentsAndCycles() {
    #expect(graph.cyclicComponents.isEmpty)
    #expect(graph.cycle(through: index(P.m("risk"))) == nil)
    let loop = LineageGraph(P.hiddenLoop)
    #expect(loop.cyclicComponents.count == 1)
    let a = loop.index(of: P.m("a"))!
    let cycle = loop.cycle(through: a)!
    #expect(
      cycle.steps.map { loop.id($0.node).description } == [
        "model:a", "dataset:scores_a", "feature:fb", "model:b", "dataset:scores_b", "consumer:c",
        "dataset:labels", "model:a",
      ])
    #expect(
      cycle.edgeKinds == [.serves, .derives, .trains, .serves, .consumes, .influences, .trains])
    #expect(cycle.component.count == 7)
    #expect(loop.component(of: a) == cycle.component)
    #expect(loop.isOnCycle(a))
  }

  @Test func selfLoopIsACycle() {
    var project = Project(root: "/", name: "self")
    project.edges = [LineageEdge(from: P.d("x"), to: P.d("x"), kind: .derives)]
    let graph = LineageGraph(project)
    let cycle = graph.cycle(through: 0)
    #expect(cycle?.steps.count == 2)
    #expect(graph.cyclicComponents == [[0]])
  }

  @Test func tarjanHasNoRecursionOnAHundredThousandNodeChain() {
    var project = Project(root: "/", name: "deep")
    let count = 100_000
    project.edges = (0..<count).map {
      LineageEdge(from: P.d("n\($0)"), to: P.d("n\(($0 + 1) % count)"), kind: .derives)
    }
    let graph = LineageGraph(project)
    #expect(graph.nodeCount == count)
    #expect(graph.componentCount == 1)
    // Cut the ring: a chain of 100,000 singleton components, 100,000 deep.
    project.edges.removeLast()
    let chain = LineageGraph(project)
    #expect(chain.componentCount == count)
    #expect(
      chain.closure(of: chain.index(of: P.d("n0"))!, direction: .downstream).count == count - 1)
  }

  @Test func searchRanksExactPrefixSubstringOwnerTagAndFuzzy() {
    #expect(ids(graph.search("risk").map(\.node)).first == "model:risk")
    #expect(ids(graph.search("INC").map(\.node)) == ["feature:income"])
    let fuzzy = graph.search("trst")
    #expect(ids(fuzzy.map(\.node)) == ["dataset:train_set"])
    #expect(fuzzy.first!.score < 300)
    let owner = graph.search("lending")
    #expect(ids(owner.map(\.node)) == ["consumer:approvals"])
    #expect(owner.first?.field == .owner)
    #expect(graph.search("demographic").first?.field == .tag)
    #expect(graph.search("warehouse/raw").first.map { graph.id($0.node) } == P.d("raw"))
    #expect(graph.search("feature:").count == 3)
    #expect(graph.search("").isEmpty)
  }

  @Test func resolvesKindNameBareNameAliasesAndAmbiguity() {
    #expect(graph.resolve("model:risk") == .found(index(P.m("risk"))))
    #expect(graph.resolve("risk") == .found(index(P.m("risk"))))
    #expect(graph.resolve("warehouse/raw") == .found(index(P.d("raw"))))
    #expect(
      graph.resolve("approvals")
        == .ambiguous([index(P.c("approvals")), index(P.j("approvals"))].sorted()))
    guard case .notFound(let suggestions) = graph.resolve("rsik") else {
      Issue.record("expected notFound")
      return
    }
    #expect(ids(suggestions).first == "model:risk")
    guard case .notFound(let none) = graph.resolve("model:zzzzzzzzzz") else {
      Issue.record("expected notFound")
      return
    }
    #expect(none.isEmpty)
  }
}
