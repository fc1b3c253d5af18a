extension DetectorCatalog {
  /// Reproducibility: the run audit's verdicts per experiment, runs without a code version, and
  /// the production model's run.
  static let reproducibility: [any Detector] = [
    RuleDetector(
      "repro.production-run", .reproducibility,
      "The run behind the production model version is missing, or lacks what recreating it needs"
    ) { context in
      let project = context.project
      let index = RunIndex(project)
      let auditor = RunAuditor(index: index, registeredModels: project.registeredModels)
      var findings: [Finding] = []
      for registered in project.registeredModels {
        for version in registered.versions where version.isProduction {
          guard let runID = version.runID, let run = index.run(runID) else {
            findings.append(
              Finding(
                rule: "repro.production-run", area: .reproducibility, severity: .high,
                title: version.runID.map {
                  "\(registered.name) v\(version.version) (production) names run \($0), which is not among the tracked runs"
                } ?? "\(registered.name) v\(version.version) (production) names no run",
                why: "Nobody can tell how the model in production was trained.",
                fix:
                  "Register models from tracked runs (mlflow.register_model with a runs:/ URI) and keep the run.",
                evidence: version.runID.map { [.run($0)] } ?? []))
            continue
          }
          let gaps = auditor.audit(run).gaps
          guard !gaps.isEmpty else { continue }
          findings.append(
            Finding(
              rule: "repro.production-run", area: .reproducibility, severity: .high,
              title:
                "\(registered.name) v\(version.version) (production) came from a run with no \(gaps.map(\.check.label).joined(separator: ", "))",
              why: "The model in production cannot be retrained to the same result.",
              fix:
                "Log the commit, the training data's digest (mlflow.log_input), every hyperparameter, the seed and the model (with its environment) in every training run.",
              evidence: [.run(runID)]))
        }
      }
      return findings
    },
    RuleDetector(
      "repro.runs-not-reproducible", .reproducibility,
      "Experiments whose finished runs are not all fully reproducible (docs/runs.md, the audit)"
    ) { context in
      let report = RunAuditReport.compute(context.project)
      let audits = Dictionary(report.audits.map { ($0.runID, $0) }) { first, _ in first }
      let finished = Set(
        context.project.runs.filter { $0.status == .finished && !$0.deleted }.map(\.id))
      var findings: [Finding] = []
      for experiment in report.experiments
      where experiment.reproducibleRuns < experiment.finishedRuns {
        let failing = report.audits.filter {
          $0.experimentID == experiment.experimentID && finished.contains($0.runID)
            && !(audits[$0.runID]?.isReproducible ?? true)
        }
        let notShare = 1 - experiment.share
        let gaps = experiment.gaps.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
          .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        findings.append(
          Finding(
            rule: "repro.runs-not-reproducible", area: .reproducibility,
            severity: notShare > 0.5 ? .high : notShare > 0.2 ? .medium : .low,
            title:
              "experiment \(experiment.name): \(experiment.reproducibleRuns) of \(experiment.finishedRuns) finished runs are fully reproducible"
              + (gaps.isEmpty ? "" : " (gaps: \(gaps))"),
            why:
              "A run that lacks its commit, data snapshot, hyperparameters, environment or seed cannot be recreated.",
            fix:
              "See `mldebt runs --audit` for each run's gaps and close them in the training code.",
            evidence: failing.prefix(20).map { .run($0.runID) }))
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
