import Foundation
import Testing

@testable import MLDebt

@Suite("Run audit, diff, metrics and stale experiments on the MLflow fixtures")
struct RunAuditTests {
  typealias Check = RunAudit.Check

  private func verdicts(_ audit: RunAudit) -> [Check: RunAudit.Verdict] {
    Dictionary(audit.results.map { ($0.check, $0.verdict) }) { first, _ in first }
  }

  @Test func keyMatchingIgnoresCaseAndAgreesWithLowercasedContains() {
    let keys = [
      "DATA_VERSION", "dvc.md5", "dataset-Digest", "data", "version", "Random_SEED", "seeds",
      "sed", "", "Données.Version", "DÄTA_hash", "data_ΣHA", "Dataset.REV",
    ]
    for key in keys {
      let lower = key.lowercased()
      #expect(RunAuditor.mentions(key, Array("seed".utf8)) == lower.contains("seed"), "\(key)")
      let expected =
        ["data", "dataset", "dvc"].contains { lower.contains($0) }
        && ["digest", "hash", "md5", "sha", "version", "rev", "snapshot"].contains {
          lower.contains($0)
        }
      #expect(RunAuditor.isDataVersionKey(key) == expected, "\(key)")
    }
    #expect(RunAuditor.isDataVersionKey("DATA_VERSION"))
    #expect(!RunAuditor.isDataVersionKey("version"))
  }

  @Test func onePassKeyTraitsAgreeWithTheWordByWordChecks() {
    // Keys built from the words the audit looks for, their pieces, other letters, case changes
    // and a non-ASCII letter, so that every branch of the one-pass scan meets a near miss.
    let pieces = [
      "seed", "SEE", "d", "Data", "dat", "DVC", "dv", "digest", "hash", "HAS", "md5", "m",
      "sha", "sh", "Version", "versio", "rev", "re", "snapshot", "snap", "_", ".", "x", "é", "Σ",
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let key = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      let traits = RunAuditor.traits(of: key)
      #expect(traits.contains(.seed) == RunAuditor.mentions(key, RunAuditor.seed), "\(key)")
      #expect(traits.contains(.dataVersion) == RunAuditor.isDataVersionKey(key), "\(key)")
    }
    #expect(RunAuditor.traits(of: "dataset_REV") == [.dataVersion])
    #expect(RunAuditor.traits(of: "Random_Seed") == [.seed])
    #expect(RunAuditor.traits(of: "param_17").isEmpty)
  }

  @Test func fileStoreVerdicts() throws {
    let project = RunFixtures.project(.filestore)
    let ids = RunFixtures.ids(project)
    let report = RunAuditReport.compute(project)
    let baseline = try #require(report.audit(of: ids["baseline-logreg"]!))
    #expect(
      verdicts(baseline) == [
        .commit: .passed, .cleanTree: .notApplicable, .dataSnapshot: .passed,
        .hyperparameters: .passed, .environment: .passed, .seed: .failed, .loggedModel: .passed,
      ])
    #expect(baseline.result(.environment)?.detail.contains("requirements.txt") == true)
    #expect(baseline.producesProductionModel)  // churn-classifier v1 carries the champion alias
    #expect(!baseline.isReproducible && baseline.badge == "1✗")

    let noGit = try #require(report.audit(of: ids["no-git-tag"]!))
    #expect(Set(noGit.gaps.map(\.check)) == [.commit, .dataSnapshot, .seed])

    let sweep = try #require(report.audit(of: ids["hparam-sweep"]!))
    #expect(verdicts(sweep)[.hyperparameters] == .notApplicable)
    #expect(verdicts(sweep)[.loggedModel] == .notApplicable)

    let crashed = try #require(report.audit(of: ids["crashed-oom"]!))
    #expect(crashed.result(.hyperparameters)?.verdict == .failed)

    let gbm = try #require(report.audit(of: ids["gbm-v1"]!))
    #expect(gbm.result(.commit)?.verdict == .passed)
    #expect(gbm.result(.environment)?.verdict == .failed)

    // Only live runs are audited: 8 of them; the deleted run and the deleted experiment's are not.
    #expect(report.audits.count == 8)
    let churn = try #require(report.experiments.first { $0.name == "churn-model" })
    #expect(churn.finishedRuns == 5 && churn.reproducibleRuns == 0)
    #expect(churn.gaps["seed"] == 5)
    #expect(report.missingProductionRuns.isEmpty)

    let findings = report.findings(runs: project.runs)
    #expect(findings.count == report.audits.map(\.gaps.count).reduce(0, +))
    let baselineSeed = try #require(
      findings.first { $0.evidence == [.run(ids["baseline-logreg"]!)] })
    #expect(baselineSeed.severity == .high && baselineSeed.title.contains("seed"))
  }

  @Test func sqliteArtifactsThatAreNotHereAreUnknown() throws {
    let project = RunFixtures.project(.sqlite)
    let ids = RunFixtures.ids(project)
    let baseline = try #require(project.runs.first { $0.id == ids["baseline-logreg"] })
    let model = try #require(baseline.loggedModels.first)
    #expect(model.artifactLocation?.hasPrefix("file:///tmp/mldebt-fixtures-gen/") == true)
    let reachable = FileManager.default.fileExists(
      atPath: MLflowLoggedModelFiles.localPath(model.artifactLocation)!)
    let audit = RunAuditor(project).audit(baseline)
    #expect(audit.result(.environment)?.verdict == (reachable ? .passed : .unknown))
    #expect(audit.result(.dataSnapshot)?.verdict == .passed)
    #expect(audit.result(.loggedModel)?.verdict == .passed)
  }

  @Test func checklistGetsTheShareAndProductionRunGaps() throws {
    let project = RunFixtures.project(.filestore)
    let checklist = Checklist.evaluate(project, now: Date(timeIntervalSince1970: 1_800_000_000))
    let share = checklist.findings.filter { $0.rule == "repro.runs-not-reproducible" }
    #expect(
      share.map(\.title).contains {
        $0.hasPrefix("experiment churn-model: 0 of 5 finished runs are fully reproducible")
      })
    #expect(share.allSatisfy { $0.severity == .high })
    let production = try #require(checklist.findings.first { $0.rule == "repro.production-run" })
    #expect(production.title.contains("churn-classifier v1") && production.title.contains("seed"))

    var missing = project
    missing.registeredModels[0].versions[0].runID = "0123456789abcdef"
    let lost = Checklist.evaluate(missing, now: Date(timeIntervalSince1970: 1_800_000_000))
      .findings.first { $0.rule == "repro.production-run" }
    #expect(lost?.title.contains("not among the tracked runs") == true)
  }

  @Test func diffShowsChangedParamsMetricDeltasAndData() throws {
    let project = RunFixtures.project(.filestore)
    let ids = RunFixtures.ids(project)
    let index = RunIndex(project)
    let a = try #require(index.run(ids["baseline-logreg"]!))
    let b = try #require(index.run(ids["no-git-tag"]!))
    let diff = RunDiff([a, b])
    let changed = diff.rows(hidingEqual: true)
    #expect(diff.rows.count > changed.count)
    let c = try #require(changed.first { $0.section == .params && $0.key == "C" })
    #expect(c.values == ["1.0", "0.3"])
    #expect(!changed.contains { $0.section == .params && $0.key == "penalty" })
    let auc = try #require(diff.rows.first { $0.section == .metrics && $0.key == "auc" })
    #expect(auc.values == ["0.81", nil] && !auc.isEqual)
    let loss = try #require(diff.rows.first { $0.section == .metrics && $0.key == "train_loss" })
    let delta = try #require(loss.deltas?[1] ?? nil)
    #expect(abs(delta - (b.metrics["train_loss"]! - a.metrics["train_loss"]!)) < 1e-12)
    #expect(changed.contains { $0.section == .commit && $0.values[1] == nil })
    #expect(changed.contains { $0.section == .data && $0.key == "input (training)" })
  }

  @Test func metricHistoriesAndBestRuns() throws {
    let project = RunFixtures.project(.filestore)
    let live = RunIndex(project).select(RunQuery())
    #expect(RunMetrics.best("precision_at_1pct", in: live)?.name == "gbm-v2")
    let lowestLoss = live.filter { $0.metrics["train_loss"] != nil }.min {
      $0.metrics["train_loss"]! < $1.metrics["train_loss"]!
    }
    #expect(RunMetrics.best("train_loss", in: live)?.id == lowestLoss?.id)
    #expect(!RunMetrics.higherIsBetter("train_loss") && RunMetrics.higherIsBetter("val_accuracy"))
    let baseline = try #require(live.first { $0.name == "baseline-logreg" })
    let series = RunMetrics.series("val_accuracy", of: baseline)
    #expect(series.map(\.step) == Array(0..<10))
    #expect(RunMetrics.series("auc", of: baseline).count == 1)
  }

  @Test func staleExperimentsHoldRegisteredModels() throws {
    let project = RunFixtures.project(.filestore)
    let lastStart = try #require(project.runs.compactMap(\.startTime).max())
    let later = Date(timeIntervalSince1970: Double(lastStart) / 1000 + 100 * 86_400)
    let stale = StaleExperiment.find(in: project, days: 90, now: later)
    #expect(stale.map(\.name) == ["churn-model"])
    #expect(
      stale.first?.registeredVersions.sorted() == ["churn-classifier v1", "churn-classifier v2"])
    #expect(StaleExperiment.find(in: project, days: 120, now: later).isEmpty)
  }

  @Test func staleExperimentRuleFiresAfterTheThresholdAndStaysQuietBefore() throws {
    var project = RunFixtures.project(.filestore)
    project.thresholds.staleExperimentDays = 30
    let lastStart = try #require(project.runs.compactMap(\.startTime).max())
    func findings(daysLater: Double) -> [Finding] {
      let now = Date(timeIntervalSince1970: Double(lastStart) / 1000 + daysLater * 86_400)
      return Checklist.evaluate(project, now: now).findings.filter {
        $0.rule == "glue.stale-experiment"
      }
    }
    let stale = findings(daysLater: 40)
    #expect(stale.count == 1)
    #expect(stale.first?.title.hasPrefix("experiment churn-model has no run in 40 days") == true)
    #expect(stale.first?.evidence.count == 2)
    #expect(findings(daysLater: 10).isEmpty)
  }
}
