/// The reproducibility audit of one run: could its result be recreated from what was recorded?
///
/// The checks follow the checklist's mitigation for Reproducibility debt (artifact tracking):
/// the code version, a data snapshot, every hyperparameter, the environment, the seed and the
/// model itself. Build audits with ``RunAuditor``.
public struct RunAudit: Sendable, Hashable, Codable {
  /// One thing a reproducible run records.
  public enum Check: String, Sendable, Hashable, Codable, CaseIterable {
    /// A git commit (`mlflow.source.git.commit`).
    case commit
    /// A clean working tree when the run started, where a dirty flag was recorded.
    case cleanTree = "clean-tree"
    /// A data snapshot: a dataset input with a digest, or a data hash/version tag or param.
    case dataSnapshot = "data-snapshot"
    /// Every hyperparameter its sibling runs log.
    case hyperparameters
    /// An environment record (requirements.txt, conda.yaml or python_env.yaml) beside a model.
    case environment
    /// A random seed param or tag.
    case seed
    /// A logged model.
    case loggedModel = "logged-model"

    /// A short label (`git commit`, `data snapshot`).
    public var label: String {
      switch self {
      case .commit: "git commit"
      case .cleanTree: "clean tree"
      case .dataSnapshot: "data snapshot"
      case .hyperparameters: "hyperparameters"
      case .environment: "environment record"
      case .seed: "seed"
      case .loggedModel: "logged model"
      }
    }
  }

  /// A check's outcome.
  public enum Verdict: String, Sendable, Hashable, Codable {
    /// Recorded.
    case passed
    /// Missing: a gap.
    case failed
    /// Could not be told (the model's artifacts are not reachable from here).
    case unknown
    /// Does not apply (no dirty flag recorded, a sweep's parent run).
    case notApplicable = "n/a"
  }

  /// One check of one run.
  public struct Result: Sendable, Hashable, Codable {
    /// The check.
    public var check: Check
    /// Its outcome.
    public var verdict: Verdict
    /// What was found or is missing.
    public var detail: String

    /// Creates a result.
    public init(_ check: Check, _ verdict: Verdict, _ detail: String) {
      self.check = check
      self.verdict = verdict
      self.detail = detail
    }
  }

  /// The audited run's id.
  public var runID: String
  /// Its experiment.
  public var experimentID: String
  /// Whether a production model version came from it.
  public var producesProductionModel: Bool
  /// The checks, in ``Check`` order.
  public var results: [Result]

  /// Creates an audit.
  public init(
    runID: String, experimentID: String, producesProductionModel: Bool = false,
    results: [Result]
  ) {
    self.runID = runID
    self.experimentID = experimentID
    self.producesProductionModel = producesProductionModel
    self.results = results
  }

  /// The checks that failed.
  public var gaps: [Result] { results.filter { $0.verdict == .failed } }

  /// Whether every check passed or did not apply (an unknown outcome is not a pass).
  public var isReproducible: Bool {
    results.allSatisfy { $0.verdict == .passed || $0.verdict == .notApplicable }
  }

  /// The result of one check.
  public func result(_ check: Check) -> Result? { results.first { $0.check == check } }

  /// A short badge: `✓` reproducible, `?` unknown left, else the number of gaps (`3✗`).
  public var badge: String {
    let failed = gaps.count
    if failed > 0 { return "\(failed)✗" }
    return isReproducible ? "✓" : "?"
  }
}
