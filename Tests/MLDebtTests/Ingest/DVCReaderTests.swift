import Testing

@testable import MLDebt

@Suite("DVC reader")
struct DVCReaderTests {
  @Test func readsStagesWithForeachAndMatrixExpandedAsDVCDoes() throws {
    let project = try Project.load(at: Fixtures.path("dvc"))
    #expect(!project.hasErrors, "\(project.diagnostics)")
    // The same nine stage names `dvc stage list` printed (stage-list.txt).
    let expected = [
      "evaluate@test-0.3", "evaluate@test-0.5", "evaluate@train-0.3", "evaluate@train-0.5",
      "prepare", "report@apac", "report@eu", "report@us", "train",
    ]
    #expect(project.jobs.map(\.id.name) == expected)
    let train = try #require(project.jobs.first { $0.id.name == "train" })
    #expect(train.command == "python3 src/train.py")
    #expect(train.inputs == [NodeID(.dataset, "data/prepared")])
    #expect(train.code == ["src/train.py"])
    #expect(Set(train.outputs.map(\.name)) == ["model.json", "metrics.json", "plots/loss.csv"])
    #expect(train.params == ["train.epochs", "train.lr"])
    #expect(train.upToDate == true)
    let report = try #require(project.jobs.first { $0.id.name == "report@eu" })
    #expect(report.outputs == [NodeID(.dataset, "reports/eu.json")])
  }

  @Test func pinsComeFromTheLockAndDotDVCFiles() throws {
    let project = try Project.load(at: Fixtures.path("dvc"))
    let raw = try #require(project.datasets.first { $0.id.name == "data/raw.csv" })
    #expect(raw.versionPin == "e19f768e9b0ce65672144a28e6c393e8")
    #expect(raw.provenance.contains { $0.path == "data/raw.csv.dvc" })
    let prepared = try #require(project.datasets.first { $0.id.name == "data/prepared" })
    #expect(prepared.versionPin == "332c627d78ab5dfcb4bd2dde6db8fc71.dir")
    let metrics = try #require(project.datasets.first { $0.id.name == "metrics.json" })
    #expect(metrics.tags.contains("metric"))
    #expect(project.parameters["params.yaml"]?["train.lr"] == "0.05")
    #expect(project.parameters["params.yaml"]?["train.regions[2]"] == "apac")
    let summary = try #require(project.sources.first { $0.kind == .dvc })
    #expect(summary.counts["stages"] == 9)
    #expect(summary.counts["locked"] == 9)
    #expect(summary.counts["dvc_files"] == 1)
  }

  @Test func unknownStageFieldIsAWarningAtItsKey() throws {
    let project = try Project.load(at: Fixtures.path("broken/dvc-unknown-field"))
    let warning = try #require(project.diagnostics.first { $0.severity == .warning })
    #expect(warning.location.file == "dvc.yaml")
    #expect(warning.location.line == 14)
    #expect(warning.location.column == 5)
    #expect(warning.message.contains("`retries`"))
    #expect(project.jobs.count == 9)
  }

  @Test func nonUTF8ParamsIsAnErrorAndThePipelineStillLoads() throws {
    let project = try Project.load(at: Fixtures.path("broken/dvc-latin1-params"))
    let error = try #require(project.diagnostics.first { $0.location.file == "params.yaml" })
    #expect(error.severity == .error)
    #expect(error.location.line == 1)
    #expect(error.location.column == 18)
    #expect(project.jobs.contains { $0.id.name == "prepare" })
    #expect(project.sources.first { $0.kind == .dvc }?.status == .partial)
  }

  @Test func interpolationResolvesParamsItemsAndReportsUndefinedNames() {
    let context = DVCValue.map([
      ("train", .map([("lr", .text("0.1"))])), ("item", .map([("split", .text("test"))])),
    ])
    var missing: [String] = []
    let resolved = DVCInterpolation(context: context).resolve(
      "fit --lr ${train.lr} --split ${ item.split } --x ${nope}", missing: &missing)
    #expect(resolved == "fit --lr 0.1 --split test --x ${nope}")
    #expect(missing == ["nope"])
  }

  @Test func cycleOfWorkingDirectoriesAndUnknownTopKeysDoNotStopLoading() throws {
    let directory = TemporaryDirectory()
    directory.write(
      "dvc.yaml",
      """
      stages:
        a:
          cmd: run ${missing}
          wdir: sub
          deps: [../in.csv]
          outs: [out.csv]
        b: [not, a, stage]
      pipelines: {}
      """)
    let project = try Project.load(at: directory.path)
    let job = try #require(project.jobs.first)
    #expect(job.inputs == [NodeID(.dataset, "in.csv")])
    #expect(job.outputs == [NodeID(.dataset, "sub/out.csv")])
    #expect(job.upToDate == nil)
    let messages = project.diagnostics.map(\.message)
    #expect(messages.contains { $0.contains("`${missing}` is not defined") })
    #expect(messages.contains { $0.contains("stage `b` is not a mapping") })
    #expect(messages.contains { $0.contains("unknown top-level key `pipelines`") })
  }
}
