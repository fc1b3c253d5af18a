import Testing

@testable import MLDebt

@Suite("Feast registry reader")
struct FeastRegistryReaderTests {
  @Test func readsViewsOnDemandViewsAndServices() throws {
    let project = try Project.load(at: Fixtures.path("feast"))
    #expect(!project.hasErrors)
    let summary = try #require(project.sources.first { $0.kind == .feast })
    #expect(summary.counts["feature_views"] == 2)
    #expect(summary.counts["on_demand_feature_views"] == 1)
    #expect(summary.counts["entities"] == 2)
    #expect(summary.counts["feature_services"] == 1)
    let tenure = try #require(
      project.features.first { $0.id.name == "customer_stats:tenure_months" })
    #expect(tenure.dtype == "INT64")
    #expect(tenure.owner == "growth@acme.example")
    #expect(tenure.derivedFrom == [NodeID(.dataset, "customer_stats_source")])
    let ratio = try #require(
      project.features.first { $0.id.name == "spend_ratio:spend_per_tenure_month" })
    #expect(ratio.derivedFrom.contains(NodeID(.feature, "customer_stats:monthly_spend")))
    let model = try #require(project.models.first)
    #expect(model.id == NodeID(.model, "churn-classifier"))
    #expect(
      model.inputs == [
        NodeID(.feature, "customer_stats:tenure_months"),
        NodeID(.feature, "customer_stats:monthly_spend"),
        NodeID(.feature, "spend_ratio:spend_per_tenure_month"),
      ])
    let source = try #require(project.datasets.first { $0.id.name == "customer_stats_source" })
    #expect(source.location == "data/customer_stats.parquet")
  }

  @Test func truncatedDumpFailsWithItsPositionAndNothingLoads() throws {
    let project = try Project.load(at: Fixtures.path("broken/feast-truncated"))
    let error = try #require(project.diagnostics.first { $0.severity == .error })
    #expect(error.location.file == "registry.json")
    #expect(error.location.line != nil)
    #expect(error.message.contains("not valid JSON"))
    #expect(project.features.isEmpty)
    #expect(project.sources.first { $0.kind == .feast }?.status == .failed)
  }

  @Test func wrongShapesAreWarningsWithKeyPaths() throws {
    let directory = TemporaryDirectory()
    directory.write(
      "mldebt.yaml", "sources:\n  feast: dump.json\n")
    directory.write(
      "dump.json",
      #"{"featureViews": [{"spec": {"features": []}}, {"spec": {"name": "v", "features": [{"name": "f"}]}}], "featureServices": 3}"#
    )
    let project = try Project.load(at: directory.path)
    let keyPaths = project.diagnostics.filter { $0.severity == .warning }.map(\.location.keyPath)
    #expect(keyPaths == ["featureViews[0]", "featureServices"])
    #expect(project.features.map(\.id.name) == ["v:f"])
  }
}
