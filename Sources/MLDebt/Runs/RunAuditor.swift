/// Audits runs for reproducibility (see ``RunAudit``) and sums the audits up per experiment.
public struct RunAuditor: Sendable {
  /// Tags and params that record whether the git tree was dirty, where teams record it.
  public static let dirtyKeys = [
    "mlflow.source.git.dirty", "git.dirty", "git_dirty", "git.is_dirty", "dirty",
  ]

  private let index: RunIndex
  private let productionRuns: Set<String>
  private let registeredRuns: Set<String>
  private let expectedParams: [String: [String: Int]]
  private let peerCounts: [String: Int]

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
    // Parameter keys per peer group: live runs of one experiment at one nesting level that
    // are not sweep parents.
    var counts: [String: [String: Int]] = [:]
    var peers: [String: Int] = [:]
    for run in index.runs where !run.deleted && index.children(of: run.id).isEmpty {
      let group = Self.peerGroup(run)
      peers[group, default: 0] += 1
      for key in run.params.keys { counts[group, default: [:]][key, default: 0] += 1 }
    }
    expectedParams = counts
    peerCounts = peers
  }

  private static func peerGroup(_ run: Run) -> String {
    run.experimentID + (run.parentRunID == nil ? "/top" : "/nested")
  }

  /// Audits one run.
  public func audit(_ run: Run) -> RunAudit {
    let isSweepParent = !index.children(of: run.id).isEmpty
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

    results.append(dataSnapshot(run))
    results.append(hyperparameters(run, isSweepParent: isSweepParent))
    results.append(environment(run, isSweepParent: isSweepParent))

    // The first key by name that mentions a seed (no sort of every key: most runs have none).
    if let key =
      (run.params.keys.filter { Self.mentions($0, Self.seed) }
      + run.tags.keys.filter { Self.mentions($0, Self.seed) }).min()
    {
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

  private func dataSnapshot(_ run: Run) -> RunAudit.Result {
    let digested = run.inputs.filter { !($0.digest ?? "").isEmpty }
    if !digested.isEmpty {
      let names = digested.map { "\($0.name)@\($0.digest ?? "")" }
      return .init(.dataSnapshot, .passed, names.joined(separator: ", "))
    }
    let keys =
      run.tags.keys.filter(Self.isDataVersionKey).map { ("tags", $0) }
      + run.params.keys.filter(Self.isDataVersionKey).map { ("params", $0) }
    if let (kind, key) = keys.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) {
      return .init(.dataSnapshot, .passed, "\(kind).\(key)")
    }
    if !run.inputs.isEmpty {
      return .init(.dataSnapshot, .failed, "dataset inputs recorded without a digest")
    }
    return .init(.dataSnapshot, .failed, "no dataset input, digest or data version recorded")
  }

  /// Whether a tag or param key records a data version (`data.version`, `dvc.md5`, …).
  static func isDataVersionKey(_ key: String) -> Bool {
    dataNames.contains { mentions(key, $0) } && versionNames.contains { mentions(key, $0) }
  }

  private static let seed = Array("seed".utf8)
  private static let dataNames = ["data", "dataset", "dvc"].map { Array($0.utf8) }
  private static let versionNames = ["digest", "hash", "md5", "sha", "version", "rev", "snapshot"]
    .map { Array($0.utf8) }

  /// Whether `key`, lowercased, contains `word` (lowercase ASCII). An ASCII key is searched
  /// byte by byte (Foundation's `contains` costs a bridged `range(of:)` per call, and the audit
  /// asks it of every key of every run); any other key is lowercased first, as before.
  static func mentions(_ key: String, _ word: [UInt8]) -> Bool {
    if key.utf8.contains(where: { $0 >= 0x80 }) {
      return key.lowercased().contains(String(decoding: word, as: UTF8.self))
    }
    var key = key
    return key.withUTF8 { bytes -> Bool in
      let count = word.count
      guard bytes.count >= count else { return false }
      var start = 0
      while start + count <= bytes.count {
        var matched = 0
        while matched < count {
          var byte = bytes[start + matched]
          if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
          if byte != word[matched] { break }
          matched += 1
        }
        if matched == count { return true }
        start += 1
      }
      return false
    }
  }

  private func hyperparameters(_ run: Run, isSweepParent: Bool) -> RunAudit.Result {
    if isSweepParent {
      return .init(.hyperparameters, .notApplicable, "a sweep's parent run")
    }
    let group = Self.peerGroup(run)
    let others = (peerCounts[group] ?? 1) - 1
    let counts = expectedParams[group] ?? [:]
    // A key counts as expected when most of the other runs log it.
    let missing = counts.filter { key, count in
      run.params[key] == nil && others > 0 && count * 2 > others
    }.keys.sorted()
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
