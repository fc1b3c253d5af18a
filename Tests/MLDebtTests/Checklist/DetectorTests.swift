import Foundation
import Testing

@testable import MLDebt

/// Runs one rule over a project, as of 2026-01-01.
private func run(_ rule: String, _ project: Project) -> [Finding] {
  let now = Date(timeIntervalSince1970: ISODates.day("2026-01-01")!)
  let context = DetectorContext(project: project, now: now)
  return DetectorCatalog.all.flatMap { $0.findings(in: context) }.filter { $0.rule == rule }
}

private func id(_ text: String) -> NodeID { NodeID(parsing: text)! }

/// A small project: a dataset feeding a feature read by a model, consumed by a consumer.
private func project(
  datasets: [Dataset] = [
    Dataset(id: id("dataset:raw"), owner: "a", schema: [SchemaColumn(name: "x")])
  ],
  features: [Feature] = [
    Feature(id: id("feature:x"), owner: "a", description: "d", derivedFrom: [id("dataset:raw")])
  ],
  models: [Model] = [Model(id: id("model:m"), inputs: [id("feature:x")])],
  consumers: [Consumer] = [], jobs: [Job] = [], runs: [Run] = [], root: String = "/nonexistent",
  monitoring: [MonitoringSource] = [], attestations: [Attestation] = []
) -> Project {
  var builder = ProjectBuilder(root: root, name: "t")
  var manifest = Manifest()
  manifest.datasets = datasets
  manifest.features = features
  manifest.models = models
  manifest.consumers = consumers
  manifest.jobs = jobs
  manifest.monitoring = monitoring
  builder.apply(manifest, path: "mldebt.yaml")
  var extra = SourceContribution(kind: .mlflowFileStore, path: "mlruns")
  extra.runs = runs
  extra.attestations = attestations
  builder.merge(extra)
  return builder.build()
}

private func finishedRun(_ runID: String, params: [String: String] = [:], commit: Bool = true)
  -> Run
{
  Run(
    id: runID, experimentID: "1", params: params,
    tags: commit ? ["mlflow.source.git.commit": String(repeating: "a", count: 40)] : [:],
    provenance: Provenance(.mlflowFileStore, "mlruns"))
}

@Suite("Checklist detectors: each fires, and stays quiet")
struct DetectorTests {
  @Test func undocumentedDataset() {
    #expect(run("data.dataset-undocumented", project()).isEmpty)
    let bare = project(datasets: [Dataset(id: id("dataset:raw"))])
    let findings = run("data.dataset-undocumented", bare)
    #expect(findings.map(\.severity) == [.medium])
    #expect(findings.first?.evidence == [.node(id("dataset:raw"))])
  }

  @Test func schemaDisagreement() {
    #expect(run("data.schema-disagreement", project()).isEmpty)
    var builder = ProjectBuilder(root: "/", name: "t")
    var manifest = Manifest()
    manifest.datasets = [
      Dataset(id: id("dataset:raw"), schema: [SchemaColumn(name: "x", dtype: "float")])
    ]
    builder.apply(manifest, path: "mldebt.yaml")
    var lineage = SourceContribution(kind: .openLineage, path: "events.jsonl")
    lineage.datasets = [
      Dataset(
        id: id("dataset:raw"), schema: [SchemaColumn(name: "x", dtype: "string")],
        provenance: [Provenance(.openLineage, "events.jsonl")])
    ]
    builder.merge(lineage)
    let findings = run("data.schema-disagreement", builder.build())
    #expect(findings.count == 1)
    #expect(findings.first?.why.contains("`float`") == true)
    #expect(findings.first?.evidence.contains(.file(SourceLocation(file: "events.jsonl"))) == true)
  }

  @Test func undocumentedFeature() {
    #expect(run("features.undocumented", project()).isEmpty)
    let findings = run("features.undocumented", project(features: [Feature(id: id("feature:x"))]))
    #expect(findings.map(\.title) == ["feature:x has no owner or description"])
  }

  @Test func staleExperiment() {
    let recent = Feature(
      id: id("feature:x"), owner: "a", description: "d", status: .experimental, since: "2025-12-01")
    #expect(run("features.stale-experiment", project(features: [recent])).isEmpty)
    var old = recent
    old.since = "2025-06-01"
    let findings = run("features.stale-experiment", project(features: [old]))
    #expect(findings.first?.title == "feature:x has been experimental for 214 days (limit 90)")
  }

  @Test func bundledFeatures() {
    let features = ["a", "b", "c"].map {
      Feature(id: NodeID(.feature, $0), owner: "o", description: "d", since: "2025-01-01")
    }
    let together = [finishedRun("r1", params: ["features": "a,b,c"])]
    #expect(run("features.bundled", project(features: features, runs: together)).count == 1)
    let apart = together + [finishedRun("r2", params: ["features": "['a', 'b']"])]
    #expect(run("features.bundled", project(features: features, runs: apart)).isEmpty)
  }

  @Test func orphanScript() throws {
    let directory = TemporaryDirectory()
    directory.write("src/train.py", "")
    directory.write("src/backfill.py", "")
    directory.write("tests/test_x.py", "")
    let job = Job(
      id: id("job:train"), command: "python src/train.py", outputs: [id("dataset:model")])
    let findings = run("glue.orphan-script", project(jobs: [job], root: directory.path))
    #expect(findings.map(\.title) == ["src/backfill.py is not run by any pipeline stage"])
    directory.write("src/backfill.py", "")
    let covered = Job(
      id: id("job:b"), command: "python src/backfill.py", outputs: [id("dataset:o")])
    #expect(run("glue.orphan-script", project(jobs: [job, covered], root: directory.path)).isEmpty)
  }

  @Test func stageWithoutInputsOrOutputs() {
    var job = Job(id: id("job:s"), command: "run", provenance: [Provenance(.dvc, "dvc.yaml")])
    #expect(run("glue.stage-without-io", project(jobs: [job])).count == 1)
    job.inputs = [id("dataset:raw")]
    job.outputs = [id("dataset:out")]
    #expect(run("glue.stage-without-io", project(jobs: [job])).isEmpty)
  }

  @Test func duplicateCommand() {
    let a = Job(id: id("job:a"), command: "python x.py")
    let b = Job(id: id("job:b"), command: "python x.py")
    let c = Job(id: id("job:c"), command: "python y.py")
    #expect(run("glue.duplicate-command", project(jobs: [a, b, c])).count == 1)
    #expect(run("glue.duplicate-command", project(jobs: [a, c])).isEmpty)
  }

  @Test func conflictingConfiguration() throws {
    let directory = TemporaryDirectory()
    directory.write("params.yaml", "train:\n  C: 1.0\n  seed: 42\nevaluate:\n  threshold: 0.5\n")
    directory.write("config/train.yaml", "train:\n  C: 0.3\n  seed: 42.0\n  threshold: 0.45\n")
    let findings = run("config.conflicting-values", project(root: directory.path))
    #expect(findings.map(\.severity) == [.medium, .low])
    #expect(findings[0].title == "`train.C` is 0.3 in config/train.yaml but 1.0 in params.yaml")
    directory.write("config/train.yaml", "train:\n  C: 1\n")
    #expect(run("config.conflicting-values", project(root: directory.path)).isEmpty)
  }

  @Test func paramsNotLogged() {
    var project = project(
      jobs: [Job(id: id("job:train"), params: ["train"])],
      runs: [finishedRun("r", params: ["C": "1.0"])])
    project.parameters["params.yaml"] = ["train.C": "1.0", "train.seed": "42"]
    let findings = run("config.params-not-logged", project)
    #expect(findings.first?.title.hasSuffix("train.seed") == true)
    project.runs[0].params["seed"] = "42"
    #expect(run("config.params-not-logged", project).isEmpty)
  }

  @Test func unmonitoredModelAndQualitySignal() {
    let consumer = Consumer(id: id("consumer:app"), declared: true, reads: [id("model:m")])
    #expect(run("drift.model-unmonitored", project(consumers: [consumer])).count == 1)
    let source = MonitoringSource(model: id("model:m"), reference: "r.csv", columns: ["x"])
    #expect(
      run("drift.model-unmonitored", project(consumers: [consumer], monitoring: [source])).isEmpty)
    #expect(run("drift.no-quality-signal", project(monitoring: [source])).count == 1)
    var labelled = source
    labelled.labelColumn = "y"
    #expect(run("drift.no-quality-signal", project(monitoring: [labelled])).isEmpty)
  }

  @Test func unmonitoredFeatures() {
    let watching = MonitoringSource(reference: "r.csv", columns: ["x"])
    #expect(run("drift.features-unmonitored", project(monitoring: [watching])).isEmpty)
    let other = MonitoringSource(reference: "r.csv", columns: ["z"])
    #expect(run("drift.features-unmonitored", project(monitoring: [other])).count == 1)
  }

  @Test func consumerWithoutContract() {
    var consumer = Consumer(id: id("consumer:app"), declared: true, reads: [id("model:m")])
    #expect(run("consumers.no-contract", project(consumers: [consumer])).count == 1)
    consumer.contract = ConsumerContract(schema: "s", version: "1")
    #expect(run("consumers.no-contract", project(consumers: [consumer])).isEmpty)
  }

  @Test func uncalibratedThresholdAndNoHoldout() {
    var consumer = Consumer(
      id: id("consumer:app"), declared: true, reads: [id("model:m")],
      influences: [id("dataset:raw")],
      policy: ConsumerPolicy(threshold: 0.5, calibrated: false))
    #expect(run("external.uncalibrated-threshold", project(consumers: [consumer])).count == 1)
    #expect(run("feedback.no-holdout", project(consumers: [consumer])).map(\.severity) == [.high])
    consumer.policy = ConsumerPolicy(threshold: 0.5, calibrated: true, holdout: "5% random")
    #expect(run("external.uncalibrated-threshold", project(consumers: [consumer])).isEmpty)
    #expect(run("feedback.no-holdout", project(consumers: [consumer])).isEmpty)
  }

  @Test func missingSafeguards() {
    let none = project()
    #expect(run("external.no-canary", none).count == 1)
    let attested = project(attestations: [
      Attestation(item: "infra.canary", status: .manual, at: "2025-12-01")
    ])
    #expect(run("external.no-canary", attested).isEmpty)
    let denied = project(attestations: [Attestation(item: "infra.canary", status: .none)])
    #expect(
      run("external.no-canary", denied).first?.title.hasPrefix("Attested as not done") == true)
  }

  @Test func productionRunAndRunsWithoutCommit() {
    var builderProject = project(runs: [finishedRun("good"), finishedRun("bad", commit: false)])
    #expect(
      run("repro.runs-without-commit", builderProject).first?.title
        == "1 of 2 finished runs recorded no git commit")
    builderProject.registeredModels = [
      RegisteredModel(
        name: "m", versions: [ModelVersion(version: "1", runID: "bad", stage: "Production")],
        provenance: Provenance(.mlflowFileStore, "mlruns"))
    ]
    #expect(run("repro.production-run", builderProject).first?.evidence == [.run("bad")])
    builderProject.registeredModels[0].versions[0].stage = "Archived"
    #expect(run("repro.production-run", builderProject).isEmpty)
    #expect(run("repro.runs-without-commit", project(runs: [finishedRun("good")])).isEmpty)
  }
}
