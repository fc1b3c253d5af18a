/// The reproducibility audit of a whole project: every live run's ``RunAudit``, the share of
/// fully reproducible runs per experiment, and the production model versions whose run is
/// missing.
public struct RunAuditReport: Sendable, Codable {
  /// How one experiment fares.
  public struct ExperimentShare: Sendable, Hashable, Codable {
    /// The experiment id.
    public var experimentID: String
    /// Its name.
    public var name: String
    /// Finished live runs audited.
    public var finishedRuns: Int
    /// How many of them are fully reproducible.
    public var reproducibleRuns: Int
    /// How many of them fail each check, by check.
    public var gaps: [String: Int]

    /// The reproducible share of finished runs (1 when there are none).
    public var share: Double {
      finishedRuns == 0 ? 1 : Double(reproducibleRuns) / Double(finishedRuns)
    }
  }

  /// A production model version whose run could not be found among the runs.
  public struct MissingRun: Sendable, Hashable, Codable {
    /// The registered model.
    public var model: String
    /// The version.
    public var version: String
    /// The run id it names, if any.
    public var runID: String?
  }

  /// Audits of the live runs, in the project's run order.
  public var audits: [RunAudit]
  /// Per experiment with at least one live run, by experiment id.
  public var experiments: [ExperimentShare]
  /// Production versions whose run is not among the runs.
  public var missingProductionRuns: [MissingRun]

  /// Audits a project's live runs.
  public static func compute(_ project: Project) -> RunAuditReport {
    let index = RunIndex(project)
    let auditor = RunAuditor(index: index, registeredModels: project.registeredModels)
    let live = index.select(RunQuery(sort: []))
    let audits = auditor.audit(live)
    var shares: [String: ExperimentShare] = [:]
    for (run, audit) in zip(live, audits) where run.status == .finished {
      var share =
        shares[run.experimentID]
        ?? ExperimentShare(
          experimentID: run.experimentID,
          name: index.experiment(run.experimentID)?.name ?? run.experimentID, finishedRuns: 0,
          reproducibleRuns: 0, gaps: [:])
      share.finishedRuns += 1
      if audit.isReproducible { share.reproducibleRuns += 1 }
      for gap in audit.gaps { share.gaps[gap.check.rawValue, default: 0] += 1 }
      shares[run.experimentID] = share
    }
    var missing: [MissingRun] = []
    for model in project.registeredModels {
      for version in model.versions where version.isProduction {
        if let runID = version.runID, index.run(runID) != nil { continue }
        missing.append(
          MissingRun(model: model.name, version: version.version, runID: version.runID))
      }
    }
    return RunAuditReport(
      audits: audits,
      experiments: shares.values.sorted { ($0.name, $0.experimentID) < ($1.name, $1.experimentID) },
      missingProductionRuns: missing)
  }

  /// The audit of a run.
  public func audit(of runID: String) -> RunAudit? { audits.first { $0.runID == runID } }

  /// One finding per gap of every audited run, the run as evidence; gaps of a run behind a
  /// production model are high, of other finished runs medium, of unfinished runs low.
  public func findings(runs: [Run]) -> [Finding] {
    let byID = Dictionary(runs.map { ($0.id, $0) }) { first, _ in first }
    var findings: [Finding] = []
    for audit in audits {
      let run = byID[audit.runID]
      let name = run?.name.map { "\($0) (\(audit.runID.prefix(8)))" } ?? audit.runID
      let severity: Finding.Severity =
        audit.producesProductionModel ? .high : run?.status == .finished ? .medium : .low
      for gap in audit.gaps {
        findings.append(
          Finding(
            rule: "repro.run-gap", area: .reproducibility, severity: severity,
            title: "run \(name) lacks a \(gap.check.label): \(gap.detail)",
            why: "Without its \(gap.check.label) this run's result cannot be recreated.",
            fix: Self.fix(for: gap.check), evidence: [.run(audit.runID)]))
      }
    }
    return findings
  }

  /// How to close a gap.
  public static func fix(for check: RunAudit.Check) -> String {
    switch check {
    case .commit: "Train from a committed git tree so MLflow records mlflow.source.git.commit."
    case .cleanTree: "Commit every change before training; a dirty tree's code is not recorded."
    case .dataSnapshot:
      "Log the training data with mlflow.log_input (it records a digest) or tag the DVC data hash."
    case .hyperparameters: "Log every hyperparameter with mlflow.log_params, as sibling runs do."
    case .environment:
      "Log the model with mlflow.<flavor>.log_model, which writes requirements.txt and conda.yaml."
    case .seed: "Fix the random seed and log it as a param (for example `seed`)."
    case .loggedModel: "Log the trained model with mlflow.<flavor>.log_model."
    }
  }
}
