extension DetectorCatalog {
  /// Glue Code: dead experimental codepaths, seen from the run history.
  static let staleExperiments: [any Detector] = [
    RuleDetector(
      "glue.stale-experiment", .glueCode,
      "Experiments with no run in `stale_experiment_days` that still hold registered or referenced models"
    ) { context in
      let days = context.project.thresholds.staleExperimentDays
      return StaleExperiment.find(in: context.project, days: days, now: context.now).map {
        stale in
        let age = stale.daysSinceLastRun.map { "no run in \($0) days" } ?? "no dated run"
        let held = stale.registeredVersions + stale.referencedBy
        return Finding(
          rule: "glue.stale-experiment", area: .glueCode, severity: .low,
          title:
            "experiment \(stale.name) has \(age) but still holds \(held.prefix(3).joined(separator: ", "))"
            + (held.count > 3 ? " and \(held.count - 3) more" : ""),
          why:
            "An abandoned experiment that still feeds the registry is a dead experimental codepath: nobody maintains it, yet models depend on it.",
          fix:
            "Retrain the models from a maintained experiment and archive this one, or raise stale_experiment_days if it is alive.",
          evidence: stale.versionRuns.map { .run($0) })
      }
    }
  ]
}
