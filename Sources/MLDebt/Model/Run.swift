/// A tracked training run, as MLflow records it.
public struct Run: Sendable, Hashable, Codable, Identifiable {
  /// The run's status.
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still running (or died without saying so).
    case running = "RUNNING"
    /// Queued, not started.
    case scheduled = "SCHEDULED"
    /// Ended normally.
    case finished = "FINISHED"
    /// Ended with an error.
    case failed = "FAILED"
    /// Stopped by a person or a scheduler.
    case killed = "KILLED"
  }

  /// The run id (MLflow's 32-character hex id).
  public var id: String
  /// The experiment it belongs to.
  public var experimentID: String
  /// The run's name (`mlflow.runName`), if any.
  public var name: String?
  /// Its status.
  public var status: Status
  /// Start time, in milliseconds since the epoch.
  public var startTime: Int64?
  /// End time, in milliseconds since the epoch.
  public var endTime: Int64?
  /// Whether the run was deleted (MLflow's lifecycle stage `deleted`).
  public var deleted: Bool
  /// The user who started it.
  public var user: String?
  /// Where its artifacts are stored.
  public var artifactURI: String?
  /// The parent run's id, for nested runs.
  public var parentRunID: String?
  /// Hyperparameters and other logged parameters.
  public var params: [String: String]
  /// Tags, including MLflow's system tags (`mlflow.source.git.commit` and the like).
  public var tags: [String: String]
  /// The latest value of each metric.
  public var metrics: [String: Double]
  /// The full history of each metric, where it was read.
  public var metricHistory: [String: [MetricPoint]]
  /// Datasets the run recorded as inputs.
  public var inputs: [RunInput]
  /// Models the run logged (MLflow 3 logged models whose source run it is).
  public var loggedModels: [LoggedModel] = []
  /// The source that recorded the run.
  public var provenance: Provenance

  /// Creates a run.
  public init(
    id: String, experimentID: String, name: String? = nil, status: Status = .finished,
    startTime: Int64? = nil, endTime: Int64? = nil, deleted: Bool = false, user: String? = nil,
    artifactURI: String? = nil, parentRunID: String? = nil, params: [String: String] = [:],
    tags: [String: String] = [:], metrics: [String: Double] = [:],
    metricHistory: [String: [MetricPoint]] = [:], inputs: [RunInput] = [],
    provenance: Provenance
  ) {
    self.id = id
    self.experimentID = experimentID
    self.name = name
    self.status = status
    self.startTime = startTime
    self.endTime = endTime
    self.deleted = deleted
    self.user = user
    self.artifactURI = artifactURI
    self.parentRunID = parentRunID
    self.params = params
    self.tags = tags
    self.metrics = metrics
    self.metricHistory = metricHistory
    self.inputs = inputs
    self.provenance = provenance
  }

  /// The git commit the run was started from (`mlflow.source.git.commit`), if recorded.
  public var gitCommit: String? { tags["mlflow.source.git.commit"] }
}

/// One logged value of a metric.
public struct MetricPoint: Sendable, Hashable, Codable {
  /// When it was logged, in milliseconds since the epoch.
  public var timestamp: Int64
  /// The value (may be NaN or infinite, as MLflow allows).
  public var value: Double
  /// The training step.
  public var step: Int64

  /// Creates a metric point.
  public init(timestamp: Int64, value: Double, step: Int64) {
    self.timestamp = timestamp
    self.value = value
    self.step = step
  }
}

/// A dataset that a run recorded as an input (MLflow's `mlflow.log_input`).
public struct RunInput: Sendable, Hashable, Codable {
  /// The dataset's name.
  public var name: String
  /// Its content digest.
  public var digest: String?
  /// Where it came from (MLflow's dataset source), if recorded.
  public var source: String?
  /// The context tag (`training`, `eval`), if recorded.
  public var context: String?

  /// Creates a run input.
  public init(name: String, digest: String? = nil, source: String? = nil, context: String? = nil) {
    self.name = name
    self.digest = digest
    self.source = source
    self.context = context
  }
}

/// An MLflow experiment: a named group of runs.
public struct Experiment: Sendable, Hashable, Codable, Identifiable {
  /// The experiment id.
  public var id: String
  /// Its name.
  public var name: String
  /// Whether it was deleted.
  public var deleted: Bool
  /// Its tags.
  public var tags: [String: String]
  /// The source that recorded it.
  public var provenance: Provenance

  /// Creates an experiment.
  public init(
    id: String, name: String, deleted: Bool = false, tags: [String: String] = [:],
    provenance: Provenance
  ) {
    self.id = id
    self.name = name
    self.deleted = deleted
    self.tags = tags
    self.provenance = provenance
  }
}

/// A version of a registered model.
public struct ModelVersion: Sendable, Hashable, Codable {
  /// The version number.
  public var version: String
  /// The run that produced it.
  public var runID: String?
  /// Its legacy stage (`Production`, `Staging`, …), if set.
  public var stage: String?
  /// Aliases pointing at it (`champion`, `production`, …).
  public var aliases: [String]

  /// Creates a model version.
  public init(version: String, runID: String? = nil, stage: String? = nil, aliases: [String] = []) {
    self.version = version
    self.runID = runID
    self.stage = stage
    self.aliases = aliases
  }

  /// Whether this version serves production (stage `Production` or an alias naming production or champion).
  public var isProduction: Bool {
    stage?.lowercased() == "production"
      || aliases.contains { ["production", "prod", "champion"].contains($0.lowercased()) }
  }
}

/// A model in MLflow's model registry, with its versions.
public struct RegisteredModel: Sendable, Hashable, Codable {
  /// The registered name.
  public var name: String
  /// Its versions.
  public var versions: [ModelVersion]
  /// The source that recorded it.
  public var provenance: Provenance

  /// Creates a registered model.
  public init(name: String, versions: [ModelVersion] = [], provenance: Provenance) {
    self.name = name
    self.versions = versions
    self.provenance = provenance
  }
}
