import Foundation

extension DetectorCatalog {
  /// Model Drift from the monitoring data itself: drifted features, quality decay, late labels.
  static let drift: [any Detector] = [
    RuleDetector(
      "drift.monitoring", .modelDrift,
      "Features drifted in the latest window, model quality falling, labels missing",
      emits: [
        ChecklistRule(
          rule: "drift.features-drifted", area: .modelDrift,
          summary: "Monitored columns drifted in the latest window"),
        ChecklistRule(
          rule: "drift.quality-degraded", area: .modelDrift,
          summary: "Model quality fell between the first and the latest labelled window"),
        ChecklistRule(
          rule: "drift.labels-missing", area: .modelDrift,
          summary: "The latest windows have no labels"),
      ]
    ) { context in
      context.project.monitoring.flatMap { source -> [Finding] in
        guard let report = context.driftReport(for: source) else { return [] }
        return driftFindings(report, source: source)
      }
    }
  ]

  /// The findings of one monitoring source's drift report.
  static func driftFindings(_ report: DriftReport, source: MonitoringSource) -> [Finding] {
    var findings: [Finding] = []
    let model = source.model.map { [Finding.Evidence.node($0)] } ?? []
    if let latest = report.latest {
      let drifted = latest.features.filter(\.drifted)
      if !drifted.isEmpty {
        findings.append(
          Finding(
            rule: "drift.features-drifted", area: .modelDrift,
            severity: latest.datasetDrift ? .high : .medium,
            title:
              "\(drifted.count) of \(latest.compared) monitored columns drifted in the latest window (\(latest.label)): "
              + drifted.prefix(4).map(\.column).joined(separator: ", ")
              + (drifted.count > 4 ? ", …" : ""),
            why: latest.datasetDrift
              ? "The share of drifted columns passed the drift_share threshold: production no longer looks like the data the model learned from."
              : "Production inputs have moved away from the reference sample the model learned from.",
            fix:
              "Check the upstream change behind it, then retrain on recent data or adjust the features.",
            evidence: model + drifted.map { .drift(feature: $0.column, window: latest.label) }))
      }
    }
    let labelled = report.windows.filter { ($0.quality?.labelled ?? 0) > 0 }
    if let first = labelled.first, let last = labelled.last, first.label != last.label,
      let before = first.quality?.rocAUC, let after = last.quality?.rocAUC, before - after > 0.05
    {
      findings.append(
        Finding(
          rule: "drift.quality-degraded", area: .modelDrift,
          severity: before - after > 0.1 ? .high : .medium,
          title: String(
            format: "ROC AUC fell from %.3f (%@) to %.3f (%@)", before, first.label, after,
            last.label),
          why: "The model's quality on labelled production data is decaying.",
          fix: "Retrain on recent data; find which slices lost the most.",
          evidence: model + [.drift(feature: source.labelColumn ?? "label", window: last.label)]))
    }
    if source.labelColumn != nil, let last = report.windows.last, let quality = last.quality,
      quality.rows > 0, quality.labelled == 0
    {
      let missing = report.windows.reversed().prefix { ($0.quality?.labelled ?? 0) == 0 }.count
      findings.append(
        Finding(
          rule: "drift.labels-missing", area: .modelDrift, severity: .low,
          title: "No labels in the last \(missing) window(s)",
          why:
            "Quality cannot be measured where labels have not arrived; a regression there is invisible.",
          fix: "Measure how late labels arrive and alert when they stop.",
          evidence: model + [.drift(feature: source.labelColumn ?? "label", window: last.label)]))
    }
    return findings
  }
}
