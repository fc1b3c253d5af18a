/// Audits runs for reproducibility (see ``RunAudit``) and sums the audits up per experiment.
public struct RunAuditor: Sendable {
  /// Tags and params that record whether the git tree was dirty, where teams record it.
  public static let dirtyKeys = [
    "mlflow.source.git.dirty", "git.dirty", "git_dirty", "git.is_dirty", "dirty",
  ]

  private let index: RunIndex
  private let productionRuns: Set<String>
  private let registeredRuns: Set<String>
  /// Per peer group, the param keys most of its runs log, in order.
  private let expectedParams: [PeerGroup: [String]]

  /// The runs a run's params are compared with: the live runs of one experiment at one nesting
  /// level that are not sweep parents.
  private struct PeerGroup: Hashable {
    var experimentID: String
    var nested: Bool

    init(_ run: Run) {
      experimentID = run.experimentID
      nested = run.parentRunID != nil
    }
  }

  /// Prepares an auditor for a project's runs.
  public init(_ project: Project) {
    self.init(index: RunIndex(project), registeredModels: project.registeredModels)
  }

  /// Prepares an auditor for indexed runs and the registry.
  public init(index: RunIndex, registeredModels: [RegisteredModel]) {
    self.index = index
    var production: Set<String> = []
    var registered: Set<String> = []
    for model in registeredModels {
      for version in model.versions {
        guard let runID = version.runID else { continue }
        registered.insert(runID)
        if version.isProduction { production.insert(runID) }
      }
    }
    productionRuns = production
    registeredRuns = registered
    // Parameter keys per peer group. Runs of one group mostly come one after another, so the
    // group's tally is looked up (its key hashed) only when the group changes.
    var tallies: [PeerGroup: ParamKeyTally] = [:]
    var group: PeerGroup?
    var tally = ParamKeyTally()
    for run in index.runs where !run.deleted && !index.hasChildren(run.id) {
      let next = PeerGroup(run)
      if next != group {
        if let group { tallies[group] = tally }
        group = next
        tally = tallies.removeValue(forKey: next) ?? ParamKeyTally()
      }
      tally.add(run)
    }
    if let group { tallies[group] = tally }
    // A key is expected when most of a run's other peers log it; a run that misses it is one
    // of those others, so the test is the same for every run of the group.
    var expected: [PeerGroup: [String]] = [:]
    for (group, tally) in tallies {
      let others = tally.runs - 1
      expected[group] = tally.counts().filter { others > 0 && $0.value * 2 > others }.keys.sorted()
    }
    expectedParams = expected
  }

  /// Audits one run.
  public func audit(_ run: Run) -> RunAudit {
    let isSweepParent = index.hasChildren(run.id)
    var results: [RunAudit.Result] = []

    if let commit = run.gitCommit, !commit.isEmpty {
      results.append(.init(.commit, .passed, commit))
    } else {
      results.append(.init(.commit, .failed, "no mlflow.source.git.commit tag"))
    }

    if let key = Self.dirtyKeys.first(where: { run.tags[$0] != nil || run.params[$0] != nil }) {
      let value = (run.tags[key] ?? run.params[key] ?? "").lowercased()
      let dirty = ["true", "1", "yes", "dirty"].contains(value)
      results.append(
        .init(.cleanTree, dirty ? .failed : .passed, "\(key) = \(value)"))
    } else {
      results.append(.init(.cleanTree, .notApplicable, "not recorded"))
    }

    let namedKeys = NamedKeys(run)
    results.append(dataSnapshot(run, namedKeys))
    results.append(hyperparameters(run, isSweepParent: isSweepParent))
    results.append(environment(run, isSweepParent: isSweepParent))

    if let key = namedKeys.seed {
      results.append(.init(.seed, .passed, "\(key) = \(run.params[key] ?? run.tags[key] ?? "")"))
    } else {
      results.append(.init(.seed, .failed, "no param or tag named like seed"))
    }

    if !run.loggedModels.isEmpty {
      let names = run.loggedModels.map { "\($0.name) (\($0.id))" }
      results.append(.init(.loggedModel, .passed, names.joined(separator: ", ")))
    } else if registeredRuns.contains(run.id) || run.tags["mlflow.log-model.history"] != nil {
      results.append(.init(.loggedModel, .passed, "a registered model version names this run"))
    } else if isSweepParent {
      results.append(.init(.loggedModel, .notApplicable, "a sweep's parent run"))
    } else {
      results.append(.init(.loggedModel, .failed, "no model logged"))
    }

    return RunAudit(
      runID: run.id, experimentID: run.experimentID,
      producesProductionModel: productionRuns.contains(run.id), results: results)
  }

  private func dataSnapshot(_ run: Run, _ namedKeys: NamedKeys) -> RunAudit.Result {
    let digested = run.inputs.filter { !($0.digest ?? "").isEmpty }
    if !digested.isEmpty {
      let names = digested.map { "\($0.name)@\($0.digest ?? "")" }
      return .init(.dataSnapshot, .passed, names.joined(separator: ", "))
    }
    if let (kind, key) = namedKeys.dataVersion {
      return .init(.dataSnapshot, .passed, "\(kind).\(key)")
    }
    if !run.inputs.isEmpty {
      return .init(.dataSnapshot, .failed, "dataset inputs recorded without a digest")
    }
    return .init(.dataSnapshot, .failed, "no dataset input, digest or data version recorded")
  }

  private func hyperparameters(_ run: Run, isSweepParent: Bool) -> RunAudit.Result {
    if isSweepParent {
      return .init(.hyperparameters, .notApplicable, "a sweep's parent run")
    }
    let missing = (expectedParams[PeerGroup(run)] ?? []).filter { run.params[$0] == nil }
    if run.params.isEmpty {
      return .init(.hyperparameters, .failed, "no params logged")
    }
    if !missing.isEmpty {
      return .init(
        .hyperparameters, .failed,
        "missing \(missing.joined(separator: ", ")) (logged by its sibling runs)")
    }
    return .init(.hyperparameters, .passed, "\(run.params.count) params")
  }

  private func environment(_ run: Run, isSweepParent: Bool) -> RunAudit.Result {
    guard !run.loggedModels.isEmpty else {
      if isSweepParent { return .init(.environment, .notApplicable, "a sweep's parent run") }
      return .init(.environment, .failed, "no logged model, so no environment record")
    }
    var unknown = false
    for model in run.loggedModels {
      guard let files = model.environmentRecord else {
        unknown = true
        continue
      }
      if !files.isEmpty {
        return .init(.environment, .passed, "\(model.name): \(files.joined(separator: ", "))")
      }
    }
    if unknown {
      return .init(.environment, .unknown, "the logged model's artifacts are not reachable here")
    }
    return .init(
      .environment, .failed,
      "the logged model has no requirements.txt, conda.yaml or python_env.yaml")
  }

  /// Audits the live runs of a project (or those given), in their order.
  public func audit(_ runs: [Run]) -> [RunAudit] { runs.map(audit) }
}
