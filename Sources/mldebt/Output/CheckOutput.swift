import Foundation
import MLDebt

/// How `mldebt check` prints findings: text, JSON, JUnit XML and SARIF 2.1.0.
enum CheckOutput {
  static func text(_ checklist: Checklist, gate: Gate.Outcome, markdown: Bool) -> String {
    let table = TextTable(
      headers: ["SEVERITY", "AREA", "RULE", "FINDING"],
      rows: checklist.findings.map { [$0.severity.rawValue, $0.area.title, $0.rule, $0.title] })
    let verdict =
      gate.passed
      ? "PASS: overall \(ScoreOutput.number(checklist.overall))"
      : "FAIL: " + gate.reasons.joined(separator: "; ")
    if markdown {
      return "# mldebt check\n\n**\(verdict)**\n\n" + table.markdown()
    }
    return table.plainText() + "\n\(checklist.findings.count) finding(s). \(verdict)\n"
  }

  struct JSONDocument: Encodable {
    var passed: Bool
    var reasons: [String]
    var overall: Double
    var findings: [ScoreOutput.FindingOutput]
  }

  static func json(_ checklist: Checklist, project: Project, gate: Gate.Outcome) throws -> String {
    try Console.json(
      JSONDocument(
        passed: gate.passed, reasons: gate.reasons, overall: checklist.overall,
        findings: checklist.findings.map(ScoreOutput.FindingOutput.init)))
  }

  /// Escapes text for XML attributes and content; control characters become visible escapes.
  static func xml(_ text: String) -> String {
    TerminalText.sanitize(text).replacingOccurrences(of: "&", with: "&amp;")
      .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
      .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
  }

  /// JUnit XML: one test suite per area, one test case per rule; a failing finding is a failure.
  static func junit(_ checklist: Checklist, project: Project, gate: Gate.Outcome) -> String {
    var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
    let failures = checklist.findings.filter { gate.failing.contains($0.fingerprint) }.count
    lines.append(
      "<testsuites name=\"mldebt \(xml(project.name))\" tests=\"\(checklist.findings.count)\" failures=\"\(failures)\">"
    )
    for area in DebtArea.allCases {
      let findings = checklist.findings.filter { $0.area == area }
      let failed = findings.filter { gate.failing.contains($0.fingerprint) }.count
      lines.append(
        "  <testsuite name=\"\(xml(area.title))\" tests=\"\(max(1, findings.count))\" failures=\"\(failed)\">"
      )
      if findings.isEmpty {
        lines.append("    <testcase classname=\"\(area.rawValue)\" name=\"no findings\"/>")
      }
      for finding in findings {
        let name = "\(finding.rule): \(finding.title)"
        lines.append("    <testcase classname=\"\(area.rawValue)\" name=\"\(xml(name))\">")
        let body =
          "\(finding.why)\nFix: \(finding.fix)\nEvidence: \(finding.evidence.map(\.description).joined(separator: ", "))"
        if gate.failing.contains(finding.fingerprint) {
          lines.append(
            "      <failure type=\"\(finding.severity.rawValue)\" message=\"\(xml(finding.title))\">\(xml(body))</failure>"
          )
        } else {
          lines.append(
            "      <system-out>\(xml("[\(finding.severity.rawValue)] " + body))</system-out>")
        }
        lines.append("    </testcase>")
      }
      lines.append("  </testsuite>")
    }
    lines.append("</testsuites>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// SARIF 2.1.0: one rule per detector, one result per finding, file evidence as locations.
  static func sarif(_ checklist: Checklist, project: Project) throws -> String {
    func level(_ severity: Finding.Severity) -> String {
      switch severity {
      case .info, .low: "note"
      case .medium: "warning"
      case .high, .critical: "error"
      }
    }
    let rules = Dictionary(grouping: checklist.findings, by: \.rule).keys.sorted()
    let results: [[String: Any]] = checklist.findings.map { finding in
      var locations: [[String: Any]] = []
      for case .file(let location) in finding.evidence {
        var region: [String: Any] = [:]
        if let line = location.line { region["startLine"] = line }
        if let column = location.column { region["startColumn"] = column }
        var physical: [String: Any] = ["artifactLocation": ["uri": location.file]]
        if !region.isEmpty { physical["region"] = region }
        locations.append(["physicalLocation": physical])
      }
      let logical = finding.evidence.compactMap { evidence -> [String: Any]? in
        switch evidence {
        case .node(let id): ["fullyQualifiedName": id.description, "kind": id.kind.rawValue]
        case .run(let id): ["fullyQualifiedName": "run:\(id)", "kind": "run"]
        case .drift(let feature, let window):
          [
            "fullyQualifiedName": "drift:\(feature)" + (window.map { "@\($0)" } ?? ""),
            "kind": "drift",
          ]
        case .file: nil
        }
      }
      if locations.isEmpty, project.manifestPath != nil || !logical.isEmpty {
        var location: [String: Any] = [:]
        if let manifest = project.manifestPath {
          location["physicalLocation"] = ["artifactLocation": ["uri": manifest]]
        }
        if !logical.isEmpty { location["logicalLocations"] = logical }
        locations.append(location)
      }
      return [
        "ruleId": finding.rule, "level": level(finding.severity),
        "message": ["text": "\(finding.title). \(finding.why) Fix: \(finding.fix)"],
        "locations": locations,
        "partialFingerprints": ["mldebt/v1": finding.fingerprint],
        "properties": ["area": finding.area.rawValue, "severity": finding.severity.rawValue],
      ]
    }
    let document: [String: Any] = [
      "version": "2.1.0",
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
      "runs": [
        [
          "tool": [
            "driver": [
              "name": "mldebt", "version": MLDebtVersion.version,
              "informationUri": "https://example.invalid/mldebt",
              "rules": rules.map { rule in
                let sample = checklist.findings.first { $0.rule == rule }!
                return [
                  "id": rule, "shortDescription": ["text": "\(sample.area.title): \(rule)"],
                  "help": ["text": sample.fix],
                ] as [String: Any]
              },
            ]
          ],
          "results": results,
        ]
      ],
    ]
    let data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
