import Testing

@testable import MLDebt

@Suite("OpenLineage reader")
struct OpenLineageReaderTests {
  @Test func readsJobsDatasetsSchemasAndColumnLineage() throws {
    let project = try Project.load(at: Fixtures.path("openlineage"))
    #expect(!project.hasErrors)
    #expect(
      project.jobs.map(\.id.name) == [
        "etl.load_customers", "ml.build_customer_features", "ml.train_churn",
      ])
    let load = try #require(project.jobs.first { $0.id.name == "etl.load_customers" })
    #expect(
      load.inputs == [
        NodeID(.dataset, "postgres://warehouse.internal:5432/analytics.public.customers_raw")
      ])
    #expect(load.outputs == [NodeID(.dataset, "s3://acme-lake/clean/customers")])
    #expect(load.tags.contains("last-run:COMPLETE"))
    #expect(load.facets["sql"]?.contains("SELECT customer_id") == true)
    let train = try #require(project.jobs.first { $0.id.name == "ml.train_churn" })
    #expect(train.tags.contains("last-run:FAIL"))
    let raw = try #require(project.datasets.first { $0.id.name.hasSuffix("customers_raw") })
    #expect(
      raw.schema.map(\.name) == ["customer_id", "email", "signup_ts", "country", "monthly_spend"])
    #expect(raw.schema.first?.dtype == "BIGINT")
    #expect(raw.facets["acme_dataOwner"]?.contains("crm-team") == true)
    #expect(raw.aliases.contains("analytics.public.customers_raw"))
    // Column lineage: raw.country feeds clean.country, and clean.country feeds the derived is_eu.
    let edges = Set(
      project.edges.filter { $0.from.kind == .column }.map { "\($0.from.name) > \($0.to.name)" })
    #expect(
      edges.contains(
        "postgres://warehouse.internal:5432/analytics.public.customers_raw.country > s3://acme-lake/clean/customers.country"
      ))
    #expect(
      edges.contains(
        "s3://acme-lake/clean/customers.country > s3://acme-lake/features/customer_features.is_eu"))
  }

  @Test func perEventFolderGivesTheSameGraphAsTheJSONLinesLog() throws {
    let lines = try Project.load(at: Fixtures.path("openlineage"))
    let directory = TemporaryDirectory()
    directory.write(
      "mldebt.yaml", "sources:\n  openlineage: [\(Fixtures.path("openlineage/per-event"))]\n")
    let folder = try Project.load(at: directory.path)
    #expect(folder.jobs.map(\.id) == lines.jobs.map(\.id))
    #expect(folder.datasets.map(\.id) == lines.datasets.map(\.id))
    #expect(folder.edges.count == lines.edges.count)
    #expect(folder.sources.first { $0.kind == .openLineage }?.counts["files"] == 6)
  }

  @Test func badLinesAreLocatedWarningsAndTheOtherEventsLoad() throws {
    let project = try Project.load(at: Fixtures.path("broken/openlineage-bad-lines"))
    let warnings = project.diagnostics.filter { $0.severity == .warning }
    #expect(warnings.map(\.location.line) == [2, 4])
    #expect(warnings[0].location.keyPath == "eventTime")
    #expect(warnings[0].expected == "a string")
    #expect(warnings[1].message.contains("not valid JSON"))
    #expect(project.sources.first { $0.kind == .openLineage }?.counts["events"] == 5)
    #expect(project.jobs.count == 3)
  }

  @Test func datasetsMergeWithTheManifestByAlias() throws {
    let directory = TemporaryDirectory()
    directory.write(
      "mldebt.yaml",
      """
      datasets:
        - id: customers
          owner: crm
          aliases: ["s3://acme-lake/clean/customers"]
      sources:
        openlineage: [\(Fixtures.path("openlineage/events.jsonl"))]
      """)
    let project = try Project.load(at: directory.path)
    let customers = try #require(project.datasets.first { $0.id.name == "customers" })
    #expect(customers.owner == "crm")
    #expect(customers.schema.contains { $0.name == "country" })
    #expect(!project.datasets.contains { $0.id.name == "s3://acme-lake/clean/customers" })
    // Column nodes follow the dataset's manifest name.
    #expect(project.edges.contains { $0.to == NodeID(.column, "customers.country") })
  }

  @Test func wrongShapesDeepInsideAnEventNameTheirKeyPath() throws {
    let directory = TemporaryDirectory()
    directory.write(
      "lineage/events.jsonl",
      """
      {"eventTime": "2024-01-01T00:00:00Z", "run": {"runId": "r"}, "job": {"namespace": "n", "name": "j"}, "inputs": [{"namespace": "n", "name": 5}]}
      {"eventTime": "2024-01-01T00:00:00Z", "eventType": "DONE", "run": {"runId": "r"}, "job": {"namespace": "n", "name": "j"}}
      [1, 2]
      """)
    let project = try Project.load(at: directory.path)
    let keyPaths = project.diagnostics.filter { $0.severity == .warning }.map(\.location.keyPath)
    #expect(keyPaths == ["inputs[0].name", "eventType", "(event)"])
  }
}
