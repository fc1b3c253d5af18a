extension DetectorCatalog {
  /// Model Drift: models and features without monitoring, and no quality signal.
  static let modelDrift: [any Detector] = [
    RuleDetector(
      "drift.model-unmonitored", .modelDrift,
      "Models whose output someone consumes but that no monitoring source watches"
    ) { context in
      let project = context.project
      let monitored = Set(project.monitoring.compactMap(\.model))
      let consumed = Set(project.edges.filter { $0.kind == .consumes }.map(\.from))
      let servedBy = Dictionary(
        grouping: project.edges.filter { $0.kind == .serves }, by: \.to
      ).mapValues { $0.map(\.from) }
      return project.models.filter { model in
        guard !monitored.contains(model.id) else { return false }
        if project.monitoring.count == 1 && project.monitoring[0].model == nil { return false }
        let outputs = project.edges.filter { $0.kind == .serves && $0.from == model.id }.map(\.to)
        return consumed.contains(model.id) || outputs.contains { consumed.contains($0) }
          || outputs.contains { servedBy[$0] != nil && consumed.contains($0) }
      }.map { model in
        Finding(
          rule: "drift.model-unmonitored", area: .modelDrift, severity: .high,
          title: "\(model.id) is used in production but nothing monitors its inputs or quality",
          why: "Its performance can degrade silently while consumers keep acting on it.",
          fix:
            "Declare a monitoring: source (reference sample, production data, prediction and label columns).",
          evidence: [.node(model.id)])
      }
    },
    RuleDetector(
      "drift.no-quality-signal", .modelDrift,
      "Monitoring without a label column, so model quality cannot be measured"
    ) { context in
      context.project.monitoring.filter { $0.labelColumn == nil }.map { source in
        Finding(
          rule: "drift.no-quality-signal", area: .modelDrift, severity: .medium,
          title: "Monitoring source `\(source.name)` has no label column",
          why: "Input drift is only a proxy: without labels nobody sees accuracy falling.",
          fix: "Join the observed outcome and declare it as label: in the monitoring source.",
          evidence: source.model.map { [.node($0)] } ?? [])
      }
    },
    RuleDetector(
      "drift.features-unmonitored", .modelDrift,
      "Production features that no monitoring source compares"
    ) { context in
      let project = context.project
      guard !project.monitoring.isEmpty else { return [] }
      let columns = Set(project.monitoring.flatMap(\.columns))
      let allColumns = project.monitoring.contains { $0.columns.isEmpty }
      guard !allColumns else { return [] }
      let read = Set(project.models.flatMap(\.inputs))
      let unmonitored = project.features.filter { feature in
        feature.status != .deprecated && read.contains(feature.id)
          && !columns.contains(feature.id.name)
          && !feature.derivedFrom.contains {
            $0.kind == .column && columns.contains(String($0.name.split(separator: ".").last ?? ""))
          }
      }
      guard !unmonitored.isEmpty else { return [] }
      return [
        Finding(
          rule: "drift.features-unmonitored", area: .modelDrift,
          severity: unmonitored.count > 3 ? .medium : .low,
          title: "\(unmonitored.count) model input(s) are not monitored: "
            + unmonitored.prefix(4).map(\.id.name).joined(separator: ", ")
            + (unmonitored.count > 4 ? ", …" : ""),
          why:
            "Drift in what the model actually reads (after feature code) goes unseen when only raw columns are compared.",
          fix: "Add these features (or the columns they come from) to the monitoring columns.",
          evidence: unmonitored.map { .node($0.id) })
      ]
    },
  ]
}
