extension DetectorCatalog {
  /// Reproducibility: runs without a code version, and the production model's run.
  static let reproducibility: [any Detector] = [
    RuleDetector(
      "repro.production-run", .reproducibility,
      "The run behind the production model version lacks a commit, data record or seed"
    ) { context in
      let project = context.project
      let runs = Dictionary(project.runs.map { ($0.id, $0) }) { a, _ in a }
      var findings: [Finding] = []
      for registered in project.registeredModels {
        for version in registered.versions where version.isProduction {
          guard let runID = version.runID, let run = runs[runID] else { continue }
          var missing: [String] = []
          if run.gitCommit == nil { missing.append("git commit") }
          if run.inputs.isEmpty { missing.append("data snapshot") }
          if !run.params.keys.contains(where: { $0.lowercased().contains("seed") }) {
            missing.append("seed")
          }
          guard !missing.isEmpty else { continue }
          findings.append(
            Finding(
              rule: "repro.production-run", area: .reproducibility, severity: .high,
              title:
                "\(registered.name) v\(version.version) (production) came from a run with no \(missing.joined(separator: ", "))",
              why: "The model in production cannot be retrained to the same result.",
              fix:
                "Log the commit, the training data's digest (mlflow.log_input) and the seed in every training run.",
              evidence: [.run(runID)]))
        }
      }
      return findings
    },
    RuleDetector(
      "repro.runs-without-commit", .reproducibility,
      "Finished runs that recorded no git commit"
    ) { context in
      let runs = context.project.runs.filter { !$0.deleted && $0.status == .finished }
      let missing = runs.filter { $0.gitCommit == nil }
      guard !runs.isEmpty, !missing.isEmpty else { return [] }
      let share = Double(missing.count) / Double(runs.count)
      return [
        Finding(
          rule: "repro.runs-without-commit", area: .reproducibility,
          severity: share > 0.5 ? .high : share > 0.2 ? .medium : .low,
          title: "\(missing.count) of \(runs.count) finished runs recorded no git commit",
          why: "A result whose code version is unknown cannot be recreated or explained.",
          fix:
            "Run training from a committed tree (MLflow records mlflow.source.git.commit) instead of notebooks.",
          evidence: missing.prefix(20).map { .run($0.id) })
      ]
    },
  ]
}
