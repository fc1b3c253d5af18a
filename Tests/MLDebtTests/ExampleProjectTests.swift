import Foundation
import Testing

@testable import MLDebt

/// Pins the bundled example's headline numbers, so that an accidental change to the example or
/// to a reader is caught (issue: the example project).
@Suite("The car-loans example")
struct ExampleProjectTests {
  let now = Date(timeIntervalSince1970: ISODates.day("2026-11-23")!)

  @Test func loadsEverySourceWithoutErrors() throws {
    let project = try Project.load(at: Fixtures.example)
    #expect(!project.hasErrors, "\(project.diagnostics.filter { $0.severity == .error })")
    #expect(
      project.sources.map(\.kind) == [
        .manifest, .attestations, .dvc, .openLineage, .mlflowFileStore, .monitoring,
      ])
    #expect(project.sources.allSatisfy { $0.status == .loaded })
    #expect(project.datasets.count == 14)
    #expect(project.features.count == 10)
    #expect(project.models.count == 2)
    #expect(project.consumers.count == 2)
    #expect(project.jobs.count == 10)
    #expect(project.edges.count == 125)
    #expect(project.experiments.count == 4)
    #expect(project.runs.count == 42)
    #expect(project.registeredModels.first?.versions.count == 3)
    #expect(project.attestations.count == 6)
  }

  @Test func everyAreaHasAFindingAndThePlantedDebtsFire() throws {
    let project = try Project.load(at: Fixtures.example)
    let checklist = Checklist.evaluate(project, now: now)
    let rules = Set(checklist.findings.map(\.rule))
    #expect(Set(checklist.findings.map(\.area)) == Set(DebtArea.allCases))
    let planted: Set<String> = [
      "lineage.correction-cascade",  // fraud_score is the fraud model's output
      "lineage.unused-feature",  // application_month
      "features.undocumented",  // driver_tenure
      "features.stale-experiment",  // loan_to_value
      "lineage.feedback-loop",  // loan_approval_service → repayment_labels → training
      "feedback.no-holdout",
      "external.uncalibrated-threshold",  // threshold 0.5, calibrated: false
      "glue.orphan-script",  // src/backfill_scores.py
      "config.conflicting-values",  // train.C 1.0 vs 0.3
      "repro.runs-without-commit",
      "drift.features-drifted",  // car_value and others in later weeks
      "drift.labels-missing",  // the last four weeks
      "lineage.undeclared-consumer",  // marketing.upsell_campaign
      "consumers.no-contract",  // risk_dashboard
    ]
    #expect(planted.isSubset(of: rules), "missing: \(planted.subtracting(rules))")
    #expect(
      checklist.findings.first { $0.rule == "lineage.undeclared-consumer" }?.title.contains(
        "marketing.upsell_campaign") == true)
    #expect(
      checklist.findings.first { $0.rule == "lineage.unused-feature" }?.evidence.first
        == .node(NodeID(.feature, "application_month")))
  }

  @Test func monitoringHasFortyTwoWeeksWithDriftInTheLaterOnes() throws {
    let project = try Project.load(at: Fixtures.example)
    let source = try #require(project.monitoring.first)
    let report = try DriftEngine.analyse(source, in: project)
    #expect(report.windows.count == 42)
    #expect(report.referenceRows == 6000)
    let carValue = try #require(report.series.first { $0.column == "car_value" })
    // A test at p < 0.05 errs now and then, so early weeks may show a false alarm or two.
    #expect(carValue.drifted.prefix(10).filter { $0 }.count <= 2)
    #expect(carValue.drifted.suffix(10).allSatisfy { $0 })
    #expect(report.windows.suffix(4).allSatisfy { $0.quality?.labelled == 0 })
  }
}
