import Foundation
import MLDebt

/// How `score` and `check` print scores.
enum ScoreOutput {
  /// The JSON form of a checklist (docs/cli.md).
  struct Document: Encodable {
    var project: String
    var overall: Double
    var grade: String
    var areas: [Area]
    var mlTestScore: TestScore
    var findings: [FindingOutput]

    struct Area: Encodable {
      var area: String
      var title: String
      var score: Double
      var grade: String
      var evidenceScore: Double
      var practiceScore: Double
      var findings: Int
    }

    struct TestScore: Encodable {
      var final: Double
      var band: String
      var sections: [String: Double]
      var tests: [MLTestScore.TestResult]
    }
  }

  /// A finding as JSON: its fields, its fingerprint and its evidence as text.
  struct FindingOutput: Encodable {
    var rule: String
    var area: String
    var severity: String
    var title: String
    var why: String
    var fix: String
    var evidence: [String]
    var fingerprint: String

    init(_ finding: Finding) {
      rule = finding.rule
      area = finding.area.rawValue
      severity = finding.severity.rawValue
      title = finding.title
      why = finding.why
      fix = finding.fix
      evidence = finding.evidence.map(\.description)
      fingerprint = finding.fingerprint
    }
  }

  static func document(_ checklist: Checklist, project: Project) -> Document {
    Document(
      project: project.name, overall: checklist.overall,
      grade: ScoringRules.grade(checklist.overall),
      areas: checklist.areas.map {
        .init(
          area: $0.area.rawValue, title: $0.area.title, score: $0.score, grade: $0.grade,
          evidenceScore: $0.evidenceScore, practiceScore: $0.practiceScore,
          findings: $0.findingCount)
      },
      mlTestScore: .init(
        final: checklist.mlTestScore.final, band: checklist.mlTestScore.band,
        sections: Dictionary(
          uniqueKeysWithValues: checklist.mlTestScore.sections.map { ($0.key.rawValue, $0.value) }),
        tests: checklist.mlTestScore.tests),
      findings: checklist.findings.map(FindingOutput.init))
  }

  static func number(_ value: Double) -> String { String(format: "%.1f", value) }

  /// A bar of `width` cells for a 0–100 score.
  static func bar(_ score: Double, width: Int = 20) -> String {
    let filled = Int((score / 100 * Double(width)).rounded())
    return String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
  }

  static func summary(_ checklist: Checklist, project: Project, format: OutputFormat) throws
    -> String
  {
    switch format {
    case .json:
      return try Console.json(document(checklist, project: project))
    case .table, .markdown:
      let table = TextTable(
        headers: ["AREA", "SCORE", "GRADE", "FINDINGS", ""],
        alignments: [.left, .right, .left, .right, .left],
        rows: checklist.areas.map {
          [$0.area.title, number($0.score), $0.grade, String($0.findingCount), bar($0.score)]
        })
      let ml = checklist.mlTestScore
      let sections = MLTestScore.Section.allCases.map {
        "\($0.title) \(number(ml.sections[$0] ?? 0))"
      }
      .joined(separator: ", ")
      let head = "Overall \(number(checklist.overall)) (\(ScoringRules.grade(checklist.overall)))"
      let tail = "ML Test Score \(number(ml.final)) — \(ml.band). Sections: \(sections).\n"
      if format == .markdown {
        return "# Debt score of \(TerminalText.sanitize(project.name))\n\n**\(head)**\n\n"
          + table.markdown() + "\n" + tail
      }
      return "\(TerminalText.sanitize(project.name)): \(head)\n\n" + table.plainText() + "\n" + tail
    }
  }

  static func explanation(_ score: AreaScore, format: OutputFormat) throws -> String {
    if format == .json { return try Console.json(score) }
    let table = TextTable(
      headers: ["POINTS", "KIND", "WHAT"], alignments: [.right, .left, .left],
      rows: score.contributions.filter { $0.points != 0 || $0.kind == .practice }.map {
        [String(format: "%+.1f", $0.points), $0.kind.rawValue, $0.label]
      })
    let head =
      "\(score.area.title): \(number(score.score)) (\(score.grade)) = "
      + "\(number(100 * (1 - ScoringRules.practiceShare)))% of evidence \(number(score.evidenceScore))"
      + " + \(number(100 * ScoringRules.practiceShare))% of practices \(number(score.practiceScore))"
    if format == .markdown { return "## \(head)\n\n" + table.markdown() }
    return head + "\n\n" + table.plainText()
  }
}
