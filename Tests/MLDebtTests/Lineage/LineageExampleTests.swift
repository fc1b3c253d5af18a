import Testing

@testable import MLDebt

@Suite("Lineage of the car-loans example")
struct LineageExampleTests {
  static let project = try! Project.load(at: Fixtures.example)
  let graph = LineageGraph(LineageExampleTests.project)

  func findings(_ rule: String) -> [Finding] {
    LineageSignals.findings(in: graph).filter { $0.rule == rule }
  }

  func subjects(_ rule: String) -> [String] {
    findings(rule).map { $0.evidence[0].description }
  }

  @Test func exactlyTheseRulesFire() {
    let rules = LineageSignals.findings(in: graph).map(\.rule)
    #expect(
      Set(rules) == [
        "lineage.feedback-loop", "lineage.correction-cascade", "lineage.unused-feature",
        "lineage.undeclared-consumer", "lineage.fan-in-hot-spot",
        "lineage.unpinned-training-input",
      ])
  }

  @Test func hiddenFeedbackLoopThroughTheApprovalService() throws {
    let loops = findings("lineage.feedback-loop")
    #expect(loops.count == 1)
    let loop = try #require(loops.first)
    #expect(loop.severity == .high)
    let evidence = loop.evidence.map(\.description)
    #expect(evidence.first == "model:default_risk")
    #expect(evidence.contains("consumer:loan_approval_service"))
    #expect(evidence.contains("dataset:repayment_labels"))
    #expect(loop.title.contains("consumer:loan_approval_service"))
  }

  @Test func fraudScoreCascade() throws {
    let cascade = try #require(findings("lineage.correction-cascade").first)
    #expect(findings("lineage.correction-cascade").count == 1)
    #expect(cascade.severity == .medium)
    #expect(
      cascade.evidence.map(\.description) == [
        "model:default_risk", "model:fraud_model", "feature:fraud_score",
      ])
  }

  @Test func unusedFeature() {
    #expect(subjects("lineage.unused-feature") == ["feature:application_month"])
  }

  @Test func undeclaredMarketingConsumer() throws {
    #expect(subjects("lineage.undeclared-consumer") == ["job:marketing.upsell_campaign"])
    let finding = try #require(findings("lineage.undeclared-consumer").first)
    #expect(
      finding.evidence.map(\.description) == [
        "job:marketing.upsell_campaign", "dataset:predictions", "model:default_risk",
      ])
  }

  @Test func unpinnedTrainingInputs() {
    // DVC's lock pins the pipeline's own datasets; the labels are built from the approval
    // service's decisions, which nobody pins.
    let unpinned = findings("lineage.unpinned-training-input")
    #expect(unpinned.map { $0.evidence[0].description }.contains("dataset:loan_decisions"))
    let decisions = unpinned.first { $0.evidence[0].description == "dataset:loan_decisions" }
    #expect(decisions?.severity == .low)
    #expect(decisions?.evidence.last?.description == "model:default_risk")
    #expect(
      unpinned.allSatisfy {
        graph[graph.index(of: NodeID(parsing: $0.evidence[0].description)!)!].versionPin == nil
      })
  }

  @Test func loanApplicationsIsTheHotSpot() {
    #expect(subjects("lineage.fan-in-hot-spot") == ["dataset:loan_applications"])
  }

  @Test func columnsFromOpenLineageAreNodes() {
    #expect(graph.nodes(ofKind: .column).count > 0)
    #expect(graph.index(of: NodeID(.column, "features_train.fraud_score")) != nil)
  }
}
