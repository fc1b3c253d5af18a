import Foundation

extension DetectorCatalog {
  /// Feature Audits: undocumented, stale experimental and bundled features.
  static let featureAudits: [any Detector] = [
    RuleDetector(
      "features.undocumented", .featureAudits, "Features without an owner or a description"
    ) { context in
      context.project.features.compactMap { feature in
        var missing: [String] = []
        if feature.owner == nil { missing.append("owner") }
        if feature.description == nil { missing.append("description") }
        guard !missing.isEmpty else { return nil }
        return Finding(
          rule: "features.undocumented", area: .featureAudits,
          severity: missing.count == 2 ? .medium : .low,
          title: "\(feature.id) has no \(missing.joined(separator: " or "))",
          why: "A feature nobody owns or can explain is never cleaned up and is risky to change.",
          fix: "Add owner: and description: to the feature in mldebt.yaml.",
          evidence: [.node(feature.id)])
      }
    },
    RuleDetector(
      "features.stale-experiment", .featureAudits,
      "Features marked experimental for longer than thresholds.experimental_days"
    ) { context in
      let limit = context.project.thresholds.experimentalDays
      return context.project.features.compactMap { feature in
        guard feature.status == .experimental, let since = feature.since,
          let days = context.daysSince(since), days > limit
        else { return nil }
        return Finding(
          rule: "features.stale-experiment", area: .featureAudits, severity: .medium,
          title: "\(feature.id) has been experimental for \(days) days (limit \(limit))",
          why: "Experiments that are never promoted or removed pile up as unowned dependencies.",
          fix: "Decide: promote it to production with an owner, or remove it.",
          evidence: [.node(feature.id)])
      }
    },
    RuleDetector(
      "features.bundled", .featureAudits,
      "Features added together and never evaluated apart in any recorded run"
    ) { context in
      bundledFeatures(context)
    },
  ]

  /// Features that share a `since` date form a bundle; a bundle is evaluated apart when some
  /// run's parameters name part of it but not all.
  static func bundledFeatures(_ context: DetectorContext) -> [Finding] {
    let features = context.project.features
    let groups = Dictionary(grouping: features.filter { $0.since != nil }) { $0.since! }
      .filter { $0.value.count >= 2 }
    guard !groups.isEmpty else { return [] }
    // The feature names each run's parameters mention.
    let names = Set(features.map(\.id.name))
    let mentioned: [Set<String>] = context.project.runs.map { run in
      var found: Set<String> = []
      for value in run.params.values {
        for token in value.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        where names.contains(String(token)) {
          found.insert(String(token))
        }
      }
      return found
    }
    var findings: [Finding] = []
    for (since, group) in groups.sorted(by: { $0.key < $1.key }) {
      let members = Set(group.map(\.id.name))
      let evaluatedApart = mentioned.contains { run in
        let overlap = run.intersection(members)
        return !overlap.isEmpty && overlap.count < members.count
      }
      guard !evaluatedApart else { continue }
      let recorded = mentioned.contains { !$0.intersection(members).isEmpty }
      findings.append(
        Finding(
          rule: "features.bundled", area: .featureAudits,
          severity: group.count > 3 ? .medium : .low,
          title: "\(group.count) features added on \(since) were never evaluated apart",
          why: recorded
            ? "Every recorded run uses all of them or none, so nobody knows which ones earn their place (CACE)."
            : "No recorded run names them, so nobody knows which ones earn their place (CACE).",
          fix: "Run an ablation: train without each feature (log the feature list as a run param).",
          evidence: group.map { .node($0.id) }))
    }
    return findings
  }
}
