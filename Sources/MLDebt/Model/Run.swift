/// A tracked training run, as MLflow records it.
public struct Run: Sendable, Identifiable {
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

  /// The run's fields, shared between copies until one of them changes (a run is copied often:
  /// into indexes, sorted lists and views, and a copy is then one reference).
  var storage: Storage

  /// Gives this run its own storage before a change, when a copy shares it.
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  /// The run id (MLflow's 32-character hex id).
  public var id: String {
    get { storage.id }
    _modify {
      makeUnique()
      yield &storage.id
    }
  }

  /// The hash of ``id`` in this process (`id.hashValue`), kept with the run.
  var idHash: Int { storage.idHash }

  /// The experiment it belongs to.
  public var experimentID: String {
    get { storage.experimentID }
    _modify {
      makeUnique()
      yield &storage.experimentID
    }
  }

  /// The run's name (`mlflow.runName`), if any.
  public var name: String? {
    get { storage.name }
    _modify {
      makeUnique()
      yield &storage.name
    }
  }

  /// Its status.
  public var status: Status {
    get { storage.status }
    _modify {
      makeUnique()
      yield &storage.status
    }
  }

  /// Start time, in milliseconds since the epoch.
  public var startTime: Int64? {
    get { storage.startTime }
    _modify {
      makeUnique()
      yield &storage.startTime
    }
  }

  /// End time, in milliseconds since the epoch.
  public var endTime: Int64? {
    get { storage.endTime }
    _modify {
      makeUnique()
      yield &storage.endTime
    }
  }

  /// Whether the run was deleted (MLflow's lifecycle stage `deleted`).
  public var deleted: Bool {
    get { storage.deleted }
    _modify {
      makeUnique()
      yield &storage.deleted
    }
  }

  /// The user who started it.
  public var user: String? {
    get { storage.user }
    _modify {
      makeUnique()
      yield &storage.user
    }
  }

  /// Where its artifacts are stored.
  public var artifactURI: String? {
    get { storage.artifactURI }
    _modify {
      makeUnique()
      yield &storage.artifactURI
    }
  }

  /// The parent run's id, for nested runs.
  public var parentRunID: String? {
    get { storage.parentRunID }
    _modify {
      makeUnique()
      yield &storage.parentRunID
    }
  }

  /// Hyperparameters and other logged parameters.
  public var params: [String: String] {
    get { storage.params }
    _modify {
      makeUnique()
      storage.decodeMapsIfNeeded()
      yield &storage.storedParams
    }
  }

  /// Tags, including MLflow's system tags (`mlflow.source.git.commit` and the like).
  public var tags: [String: String] {
    get { storage.tags }
    _modify {
      makeUnique()
      storage.decodeMapsIfNeeded()
      yield &storage.storedTags
    }
  }

  /// The latest value of each metric.
  public var metrics: [String: Double] {
    get { storage.metrics }
    _modify {
      makeUnique()
      storage.decodeMapsIfNeeded()
      yield &storage.storedMetrics
    }
  }

  /// The full history of each metric, where it was read.
  public var metricHistory: [String: [MetricPoint]] {
    get { storage.metricHistory }
    _modify {
      makeUnique()
      yield &storage.metricHistory
    }
  }

  /// Datasets the run recorded as inputs.
  public var inputs: [RunInput] {
    get { storage.inputs }
    _modify {
      makeUnique()
      yield &storage.inputs
    }
  }

  /// Models the run logged (MLflow 3 logged models whose source run it is).
  public var loggedModels: [LoggedModel] {
    get { storage.loggedModels }
    _modify {
      makeUnique()
      yield &storage.loggedModels
    }
  }

  /// The source that recorded the run.
  public var provenance: Provenance {
    get { storage.provenance }
    _modify {
      makeUnique()
      yield &storage.provenance
    }
  }

  /// Creates a run.
  public init(
    id: String, experimentID: String, name: String? = nil, status: Status = .finished,
    startTime: Int64? = nil, endTime: Int64? = nil, deleted: Bool = false, user: String? = nil,
    artifactURI: String? = nil, parentRunID: String? = nil, params: [String: String] = [:],
    tags: [String: String] = [:], metrics: [String: Double] = [:],
    metricHistory: [String: [MetricPoint]] = [:], inputs: [RunInput] = [],
    provenance: Provenance
  ) {
    storage = Storage(
      id: id, experimentID: experimentID, name: name, status: status, startTime: startTime,
      endTime: endTime, deleted: deleted, user: user, artifactURI: artifactURI,
      parentRunID: parentRunID, params: params, tags: tags, metrics: metrics,
      metricHistory: metricHistory, inputs: inputs, loggedModels: [], provenance: provenance)
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
