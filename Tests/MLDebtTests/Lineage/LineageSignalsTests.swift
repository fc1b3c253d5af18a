import Testing

@testable import MLDebt

@Suite("Lineage debt signals")
struct LineageSignalsTests {
  typealias P = LineageTestProjects

  func evidence(_ finding: Finding) -> [String] { finding.evidence.map(\.description) }

  @Test func hiddenLoopThroughTwoModelsAndAConsumer() {
    let findings = LineageSignals.feedbackLoops(in: LineageGraph(P.hiddenLoop))
    #expect(findings.count == 1)
    let loop = findings[0]
    #expect(loop.rule == "lineage.feedback-loop")
    #expect(loop.area == .feedbackLoops)
    #expect(loop.severity == .high)
    #expect(loop.title.hasPrefix("Hidden feedback loop: model:a"))
    #expect(loop.title.contains("model:b") && loop.title.contains("consumer:c"))
    #expect(
      evidence(loop) == [
        "model:a", "dataset:scores_a", "feature:fb", "model:b", "dataset:scores_b", "consumer:c",
        "dataset:labels",
      ])
  }

  @Test func directLoopIsMediumAndAModelFreeCycleIsGlueCode() {
    let findings = LineageSignals.feedbackLoops(in: LineageGraph(P.directLoop))
    #expect(findings.map(\.rule).sorted() == ["lineage.cycle", "lineage.feedback-loop"])
    let loop = findings.first { $0.rule == "lineage.feedback-loop" }!
    #expect(loop.severity == .medium)
    #expect(loop.title.hasPrefix("Direct feedback loop: model:m"))
    #expect(evidence(loop) == ["model:m", "dataset:preds", "job:relabel", "dataset:train"])
    let cycle = findings.first { $0.rule == "lineage.cycle" }!
    #expect(cycle.area == .glueCode && cycle.severity == .low)
    #expect(Set(evidence(cycle)) == ["dataset:x", "dataset:y", "job:j1", "job:j2"])
  }

  @Test func correctionCascadeTwoLevelsDeep() {
    let graph = LineageGraph(P.cascade)
    let cascades = LineageSignals.cascades(in: graph)
    #expect(cascades.map { "\(graph.id($0.model)):\($0.depth)" } == ["model:B:1", "model:C:2"])
    let deep = cascades[1]
    #expect(deep.chain.map { graph.id($0).description } == ["model:B", "model:A"])
    #expect(deep.carriers.map { graph.id($0).description } == ["feature:fb"])
    let findings = LineageSignals.correctionCascades(in: graph)
    #expect(findings.map(\.severity) == [.medium, .high])
    #expect(findings.allSatisfy { $0.rule == "lineage.correction-cascade" })
    #expect(findings.allSatisfy { $0.area == .dataDependencies })
    #expect(
      findings[1].title == "model:C is trained on the output of model:B ← model:A (cascade depth 2)"
    )
    #expect(evidence(findings[1]) == ["model:C", "model:B", "model:A", "feature:fb"])
  }

  @Test func cascadeInTheHiddenLoop() {
    let graph = LineageGraph(P.hiddenLoop)
    let cascades = LineageSignals.cascades(in: graph)
    #expect(cascades.count == 1)
    #expect(graph.id(cascades[0].model) == P.m("b") && cascades[0].depth == 1)
  }

  @Test func unusedFeatures() {
    let findings = LineageSignals.unusedFeatures(in: LineageGraph(P.small))
    #expect(findings.map { evidence($0)[0] } == ["feature:orphan"])
    #expect(findings[0].rule == "lineage.unused-feature")
    #expect(findings[0].area == .featureAudits && findings[0].severity == .low)
    #expect(LineageSignals.unusedFeatures(in: LineageGraph(P.cascade)).isEmpty)
  }

  @Test func undeclaredConsumers() {
    var project = P.small
    project.jobs.append(P.job("upsell", reads: [P.d("predictions")], from: .openLineage))
    project.jobs.append(P.job("stage", reads: [P.d("predictions")], from: .dvc))
    project.jobs.append(P.job("other", reads: [P.d("raw")], from: .openLineage))
    project.jobs.append(
      P.job("scorer", reads: [P.d("predictions")], writes: [P.d("predictions")], from: .openLineage)
    )
    project.consumers.append(P.consumer("shadow", reads: [P.d("raw")], declared: false))
    let graph = LineageGraph(project)
    let findings = LineageSignals.undeclaredConsumers(in: graph)
    // job:approvals is named like the declared consumer; job:stage is a DVC stage; job:other
    // reads no model output; job:scorer writes the model's output (it serves the model).
    #expect(findings.map { evidence($0)[0] } == ["job:upsell", "consumer:shadow"])
    let upsell = findings[0]
    #expect(upsell.rule == "lineage.undeclared-consumer" && upsell.area == .undeclaredConsumers)
    #expect(upsell.severity == .medium)
    #expect(evidence(upsell) == ["job:upsell", "dataset:predictions", "model:risk"])
    #expect(upsell.title.contains("(seen in openlineage)"))
    #expect(findings[1].severity == .low)
  }

  @Test func fanInHotSpots() {
    let graph = LineageGraph(P.cascade)
    let counts = LineageSignals.modelsDownstream(in: graph)
    func count(_ id: NodeID) -> Int { counts[graph.index(of: id)!] }
    #expect(count(P.d("raw")) == 3)
    #expect(count(P.m("A")) == 2)
    #expect(count(P.m("B")) == 1)
    #expect(count(P.m("C")) == 0)
    let spots = LineageSignals.hotSpots(in: graph)
    #expect(spots.map { graph.id($0.node) } == [P.d("raw")])
    let findings = LineageSignals.fanInHotSpots(in: graph)
    #expect(findings.count == 1)
    #expect(findings[0].severity == .medium)
    #expect(findings[0].title == "A change to dataset:raw reaches 3 of 3 models")
    #expect(evidence(findings[0]) == ["dataset:raw", "model:A", "model:B", "model:C"])
    // One model reached is below the default minimum.
    #expect(LineageSignals.hotSpots(in: LineageGraph(P.small)).isEmpty)
    // Models on a cycle count themselves.
    let loop = LineageGraph(P.hiddenLoop)
    #expect(LineageSignals.modelsDownstream(in: loop)[loop.index(of: P.m("a"))!] == 2)
  }

  @Test func unpinnedTrainingInputsDirectAndUpstream() {
    var project = P.small
    project.datasets.append(P.dataset("extra"))
    project.jobs[0].inputs.append(P.d("extra"))  // job build reads extra too
    let findings = LineageSignals.unpinnedTrainingInputs(in: LineageGraph(project))
    #expect(findings.map { evidence($0)[0] } == ["dataset:extra", "dataset:train_set"])
    #expect(findings.map(\.severity) == [.low, .medium])
    #expect(evidence(findings[0]) == ["dataset:extra", "dataset:train_set", "model:risk"])
    #expect(findings[1].title == "dataset:train_set trains model:risk but has no version pin")
    let loop = LineageSignals.unpinnedTrainingInputs(in: LineageGraph(P.hiddenLoop))
    #expect(loop.map(evidence) == [["dataset:scores_a", "feature:fb", "model:b"]])
  }

  @Test func pipelineJungleUnownedJobsAndMultipleWriters() {
    let cascade = LineageGraph(P.cascade)
    let shape = LineageSignals.shape(of: cascade)
    #expect(shape.depth == 8)
    #expect(
      shape.longestChain.map { cascade.id($0).description } == [
        "dataset:raw", "feature:base", "model:A", "dataset:scores_a", "feature:fa", "model:B",
        "feature:fb", "model:C",
      ])
    #expect(shape.sources == 1 && shape.sinks == 1)
    #expect(LineageSignals.pipelineJungle(in: cascade).isEmpty)
    var options = LineageSignalOptions.defaults
    options.maximumDepth = 5
    let jungle = LineageSignals.pipelineJungle(in: cascade, options: options)
    #expect(jungle.map(\.rule) == ["lineage.pipeline-jungle"])
    #expect(evidence(jungle[0]) == ["dataset:raw", "model:C"])

    var project = P.small
    project.jobs.append(P.job("backfill", writes: [P.d("train_set")], from: .dvc))
    let findings = LineageSignals.pipelineJungle(in: LineageGraph(project))
    #expect(findings.map(\.rule) == ["lineage.unowned-job", "lineage.multiple-writers"])
    #expect(findings[0].title == "job:backfill has no owner (seen in dvc)")
    #expect(evidence(findings[1]) == ["dataset:train_set", "job:backfill", "job:build"])
    #expect(findings[1].severity == .medium && findings[1].area == .glueCode)
  }

  @Test func shapeOfAHundredThousandNodeChain() {
    var project = Project(root: "/", name: "deep")
    project.edges = (0..<99_999).map {
      LineageEdge(from: P.d("n\($0)"), to: P.d("n\($0 + 1)"), kind: .derives)
    }
    let shape = LineageSignals.shape(of: LineageGraph(project))
    #expect(shape.depth == 100_000)
    #expect(shape.width == 1)
    #expect(shape.longestChain.count == 100_000)
  }

  @Test func shapeOfACycleCountsItOnce() {
    let shape = LineageSignals.shape(of: LineageGraph(P.hiddenLoop))
    #expect(shape.depth == 1)
    #expect(shape.width == 7)
  }

  @Test func allFindingsInRuleOrderWithKnownRules() {
    let findings = LineageSignals.findings(in: LineageGraph(P.hiddenLoop))
    #expect(
      findings.map(\.rule) == [
        "lineage.feedback-loop", "lineage.correction-cascade", "lineage.unpinned-training-input",
      ])
    let known = Set(LineageSignals.rules.map(\.id))
    #expect(findings.allSatisfy { known.contains($0.rule) })
    for finding in findings {
      #expect(LineageSignals.rules.first { $0.id == finding.rule }?.area == finding.area)
    }
  }
}
