import Foundation
import Testing

@testable import MLDebt

@Suite("Scoring")
struct ScoringTests {
  let now = Date(timeIntervalSince1970: ISODates.day("2026-01-01")!)

  private func finding(
    _ rule: String, _ area: DebtArea, _ severity: Finding.Severity, _ subject: String
  )
    -> Finding
  {
    Finding(
      rule: rule, area: area, severity: severity, title: subject, why: "", fix: "",
      evidence: [.node(NodeID(.feature, subject))])
  }

  @Test func areaScoreMatchesTheHandComputedFormula() throws {
    // Configuration: two medium findings of one rule (8 + 4) and one low of another (3):
    // evidence = 100 − 15 = 85. Practice: config.versioned manual and fresh = 0.5 → 50.
    // Score = 0.75 × 85 + 0.25 × 50 = 76.25 → 76.3 (one decimal).
    let findings = [
      finding("config.a", .configuration, .medium, "x"),
      finding("config.a", .configuration, .medium, "y"),
      finding("config.b", .configuration, .low, "z"),
    ]
    let answers = [Attestation(item: "config.versioned", status: .manual, at: "2025-12-01")]
    let areas = Scorer.score(
      findings: findings, attestations: answers, staleAfterDays: 180, now: now)
    let configuration = try #require(areas.first { $0.area == .configuration })
    #expect(configuration.evidenceScore == 85)
    #expect(configuration.practiceScore == 50)
    #expect(configuration.score == 76.3)
    #expect(configuration.findingCount == 3)
    // The contributions add up to the score, from 75 (no practice points, no findings).
    let total = configuration.contributions.map(\.points).reduce(75, +)
    #expect(abs(total - 76.25) < 1e-9)
  }

  @Test func staleAttestationsCountHalfAndDeductionsFloorAtZero() throws {
    let answers = [Attestation(item: "config.versioned", status: .automated, at: "2024-01-01")]
    let many = (0..<10).map { finding("config.r\($0)", .configuration, .critical, "f\($0)") }
    let areas = Scorer.score(findings: many, attestations: answers, staleAfterDays: 180, now: now)
    let configuration = try #require(areas.first { $0.area == .configuration })
    #expect(configuration.evidenceScore == 0)
    #expect(configuration.practiceScore == 50)
    #expect(configuration.score == 12.5)
    let findingPoints = configuration.contributions.filter { $0.kind == .finding }.map(\.points)
      .reduce(0, +)
    #expect(abs(findingPoints + 75) < 1e-9)
  }

  @Test func cleanAreaWithEveryPracticeAutomatedScoresOneHundred() throws {
    let answers = ChecklistItem.builtIn.filter { $0.area == .glueCode }.map {
      Attestation(item: $0.id, status: .automated, at: "2025-12-31")
    }
    let areas = Scorer.score(findings: [], attestations: answers, staleAfterDays: 180, now: now)
    #expect(areas.first { $0.area == .glueCode }?.score == 100)
    #expect(Scorer.overall(areas) < 100)
  }

  @Test func mlTestScoreIsTheMinimumOverSections() {
    var project = Project(root: "/", name: "t")
    project.attestations = [
      Attestation(item: "infra.canary", status: .automated, at: "2025-12-01"),
      Attestation(item: "data-3", status: .manual, at: "2025-12-01"),
    ]
    let score = MLTestScore.evaluate(project: project, findings: [], staleAfterDays: 180, now: now)
    #expect(score.tests.count == 28)
    #expect(score.sections[.infrastructure] == 1)
    #expect(score.sections[.data] == 0.5)
    #expect(score.final == 0)
    #expect(score.band == "more a research project than a production system")
    #expect(
      score.tests.first { $0.id == "infra-6" }?.evidence == "attested automated (infra.canary)")
  }
}
