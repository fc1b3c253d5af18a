import Foundation
import Testing

@testable import MLDebt

@Suite("Project loading")
struct ProjectLoaderTests {
  static let manifest = """
    project: {name: demo}
    datasets:
      - id: applications
        owner: data-eng
        aliases: ["warehouse/applications"]
        schema: [{name: age, type: int}]
    features:
      - id: age
        derived_from: [applications]
    models:
      - id: risk
        inputs: [age]
        outputs: [predictions]
    consumers:
      - id: approvals
        reads: [risk]
        influences: [labels]
    """

  @Test func loadsManifestAndDerivesEdges() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", Self.manifest)
    let project = try Project.load(at: directory.path)
    #expect(project.name == "demo")
    #expect(project.manifestPath == "mldebt.yaml")
    #expect(project.features.map(\.id) == [NodeID(.feature, "age")])
    let edges = Set(project.edges.map { "\($0.from) -\($0.kind.rawValue)-> \($0.to)" })
    #expect(
      edges == [
        "dataset:applications -derives-> feature:age", "feature:age -trains-> model:risk",
        "model:risk -serves-> dataset:predictions", "model:risk -consumes-> consumer:approvals",
        "consumer:approvals -influences-> dataset:labels",
      ])
    // Nodes named only by edges exist, and the manifest's dangling names are warned about.
    #expect(project.datasets.map(\.id.name) == ["applications", "labels", "predictions"])
    #expect(project.diagnostics.filter { $0.severity == .warning }.count == 2)
    #expect(!project.hasErrors)
  }

  @Test func brokenAttestationsFileIsADiagnosticAndTheManifestStillLoads() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", Self.manifest)
    directory.write(
      "mldebt.attestations.yaml",
      "attestations:\n  - item: infra.canary\n    status: sometimes\n  - item: data.schema\n    status: automated\n"
    )
    let project = try Project.load(at: directory.path)
    #expect(project.models.count == 1)
    #expect(project.attestations.map(\.item) == ["data.schema"])
    let error = try #require(project.diagnostics.first { $0.severity == .error })
    #expect(error.source == .attestations)
    #expect(error.location.file == "mldebt.attestations.yaml")
    #expect(error.location.line == 3)
    let summary = try #require(project.sources.first { $0.kind == .attestations })
    #expect(summary.status == .partial)
  }

  @Test func nonUTF8ManifestIsALocatedError() throws {
    let directory = TemporaryDirectory()
    var bytes = Data("project:\n  name: caf".utf8)
    bytes.append(0xE9)
    bytes.append(contentsOf: Data("\n".utf8))
    directory.write("mldebt.yaml", bytes)
    let project = try Project.load(at: directory.path)
    let error = try #require(project.diagnostics.first)
    #expect(error.severity == .error)
    #expect(error.location.line == 2)
    #expect(error.location.column == 12)
    #expect(error.hint?.contains("UTF-8") == true)
    #expect(project.sources.first?.status == .failed)
  }

  @Test func missingPathThrows() {
    #expect(throws: ProjectLoadError.missing("/no/such/project")) {
      try Project.load(at: "/no/such/project")
    }
  }

  @Test func emptyDirectoryHasNothingToRead() {
    let directory = TemporaryDirectory()
    #expect(throws: ProjectLoadError.nothingToRead(directory.path)) {
      try Project.load(at: directory.path)
    }
  }

  @Test func symlinkLoopIsReported() throws {
    let directory = TemporaryDirectory()
    let loop = directory.path + "/loop"
    try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
    #expect(throws: ProjectLoadError.brokenLink(loop)) { try Project.load(at: loop) }
  }

  @Test func manifestThatIsADirectoryIsAnError() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.path + "/mldebt.yaml", withIntermediateDirectories: true)
    let project = try Project.load(at: directory.path)
    #expect(project.diagnostics.first?.message.contains("directory") == true)
    #expect(project.hasErrors)
  }

  @Test func manifestPathCanBeGivenDirectly() throws {
    let directory = TemporaryDirectory()
    let path = directory.write("mldebt.yaml", Self.manifest)
    let project = try Project.load(at: path)
    #expect(project.root == directory.path)
    #expect(project.name == "demo")
  }

  @Test func loadingWritesNothing() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", Self.manifest)
    let before = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
    _ = try Project.load(at: directory.path)
    let after = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
    #expect(before == after)
  }
}

@Suite("Merging sources")
struct ProjectBuilderTests {
  @Test func datasetsMatchByAliasAndTheManifestWinsDisagreements() {
    var manifest = Manifest()
    manifest.datasets = [
      Dataset(
        id: NodeID(.dataset, "applications"), owner: "data-eng",
        schema: [SchemaColumn(name: "age", dtype: "int")], aliases: ["warehouse/applications"],
        provenance: [Provenance(.manifest, "mldebt.yaml")])
    ]
    var builder = ProjectBuilder(root: "/p", name: "p")
    builder.apply(manifest, path: "mldebt.yaml")
    var lineage = SourceContribution(kind: .openLineage, path: "events.jsonl")
    let observed = NodeID(.dataset, "warehouse/applications")
    lineage.datasets = [
      Dataset(
        id: observed, owner: "someone-else",
        schema: [
          SchemaColumn(name: "age", dtype: "string"), SchemaColumn(name: "income", dtype: "float"),
        ],
        aliases: ["warehouse/applications"], provenance: [Provenance(.openLineage, "events.jsonl")])
    ]
    lineage.jobs = [Job(id: NodeID(.job, "score"), inputs: [observed])]
    builder.merge(lineage)
    let project = builder.build()
    #expect(project.datasets.count == 1)
    let dataset = project.datasets[0]
    #expect(dataset.owner == "data-eng")
    #expect(dataset.schema.map(\.name) == ["age", "income"])
    #expect(dataset.schema[0].dtype == "int")
    #expect(Set(dataset.provenance.map(\.source)) == [.manifest, .openLineage])
    #expect(project.edges.map(\.from) == [NodeID(.dataset, "applications")])
    let messages = project.diagnostics.map(\.message)
    #expect(messages.contains { $0.contains("owner") && $0.contains("someone-else") })
    #expect(messages.contains { $0.contains("type of column age") })
    #expect(messages.contains { $0.contains("a column income") })
  }

  @Test func observedConsumerBecomesDeclaredWhenTheManifestDeclaresIt() {
    var builder = ProjectBuilder(root: "/p", name: "p")
    var manifest = Manifest()
    manifest.consumers = [Consumer(id: NodeID(.consumer, "approvals"), declared: true)]
    builder.apply(manifest, path: "mldebt.yaml")
    var lineage = SourceContribution(kind: .openLineage, path: "e.jsonl")
    lineage.consumers = [
      Consumer(id: NodeID(.consumer, "approvals"), declared: false),
      Consumer(id: NodeID(.consumer, "upsell"), declared: false),
    ]
    builder.merge(lineage)
    let project = builder.build()
    #expect(project.consumers.map(\.declared) == [true, false])
  }
}
