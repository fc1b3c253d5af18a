import Foundation

extension DetectorCatalog {
  /// Configuration: settings that differ between files, and pipeline params no run logs.
  static let configuration: [any Detector] = [
    RuleDetector(
      "config.conflicting-values", .configuration,
      "The same setting given different values in different configuration files"
    ) { context in
      conflictingSettings(context.configFiles)
    },
    RuleDetector(
      "config.params-not-logged", .configuration,
      "Parameters the pipeline reads that no tracked run logs"
    ) { context in
      let project = context.project
      guard !project.runs.isEmpty else { return [] }
      let logged = Set(project.runs.flatMap { run in run.params.keys.map { $0.lowercased() } })
      var findings: [Finding] = []
      for job in project.jobs where !job.params.isEmpty {
        let keys = expandedParams(job.params, project.parameters)
        let missing = keys.filter { key in
          let leaf = key.split(separator: ".").last.map(String.init) ?? key
          return !logged.contains(key.lowercased()) && !logged.contains(leaf.lowercased())
            && !key.contains("[")
        }
        guard !missing.isEmpty else { continue }
        findings.append(
          Finding(
            rule: "config.params-not-logged", area: .configuration, severity: .low,
            title: "\(job.id) reads \(missing.count) parameter(s) that no run logs: "
              + missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : ""),
            why: "A run whose settings are not recorded cannot be compared or reproduced.",
            fix: "Log these parameters in the training run (mlflow.log_params).",
            evidence: [.node(job.id)]))
      }
      return findings
    },
  ]

  /// A job's parameter references expanded to leaf keys (`train` → `train.C`, `train.seed`, …).
  static func expandedParams(_ params: [String], _ files: [String: [String: String]]) -> [String] {
    var keys: [String] = []
    for reference in params {
      var file = "params.yaml"
      var key = reference
      if let colon = reference.firstIndex(of: ":") {
        file = String(reference[..<colon])
        key = String(reference[reference.index(after: colon)...])
      }
      let values = files[file] ?? [:]
      if values[key] != nil {
        keys.append(key)
      } else {
        keys += values.keys.filter { $0.hasPrefix(key + ".") }.sorted()
      }
    }
    return keys
  }

  /// Settings with the same key path (or the same distinctive leaf name) and different values
  /// in two configuration files.
  static func conflictingSettings(_ files: [ConfigFile]) -> [Finding] {
    var findings: [Finding] = []
    var reported: Set<String> = []
    for (index, first) in files.enumerated() {
      for second in files[(index + 1)...] {
        for (key, value) in first.values.sorted(by: { $0.key < $1.key }) {
          if let other = second.values[key], !sameValue(value, other) {
            reported.insert("\(first.path)|\(second.path)|\(key)")
            findings.append(
              conflict(key, first.path, value, key, second.path, other, severity: .medium))
          }
        }
        // The same leaf name under different sections, when it is unique in both files.
        let firstLeaves = uniqueLeaves(first.values)
        let secondLeaves = uniqueLeaves(second.values)
        for (leaf, firstKey) in firstLeaves.sorted(by: { $0.key < $1.key }) where leaf.count >= 3 {
          guard let secondKey = secondLeaves[leaf], firstKey != secondKey,
            let a = first.values[firstKey], let b = second.values[secondKey], !sameValue(a, b),
            NumberParsing.double(a) != nil || NumberParsing.double(b) != nil
          else { continue }
          findings.append(
            conflict(firstKey, first.path, a, secondKey, second.path, b, severity: .low))
        }
      }
    }
    return findings
  }

  private static func uniqueLeaves(_ values: [String: String]) -> [String: String] {
    var leaves: [String: [String]] = [:]
    for key in values.keys where !key.contains("[") {
      let leaf = key.split(separator: ".").last.map(String.init) ?? key
      leaves[leaf, default: []].append(key)
    }
    return leaves.compactMapValues { $0.count == 1 ? $0[0] : nil }
  }

  private static func sameValue(_ a: String, _ b: String) -> Bool {
    if let x = NumberParsing.double(a), let y = NumberParsing.double(b) { return x == y }
    return a == b
  }

  private static func conflict(
    _ keyA: String, _ fileA: String, _ valueA: String, _ keyB: String, _ fileB: String,
    _ valueB: String, severity: Finding.Severity
  ) -> Finding {
    let sameKey = keyA == keyB
    return Finding(
      rule: "config.conflicting-values", area: .configuration, severity: severity,
      title: sameKey
        ? "`\(keyA)` is \(valueA) in \(fileA) but \(valueB) in \(fileB)"
        : "`\(keyA)` = \(valueA) in \(fileA) and `\(keyB)` = \(valueB) in \(fileB) may be the same setting",
      why:
        "When one setting lives in several files, changing it means changing all of them, and the code that reads the stale copy behaves differently.",
      fix: "Keep each setting in one versioned file (params.yaml) and make every script read it.",
      evidence: [
        .file(SourceLocation(file: fileA, keyPath: keyA)),
        .file(SourceLocation(file: fileB, keyPath: keyB)),
      ])
  }
}
