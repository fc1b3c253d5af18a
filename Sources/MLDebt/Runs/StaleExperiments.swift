import Foundation

/// Experiments nobody runs any more that still hold models: dead experimental codepaths.
public struct StaleExperiment: Sendable, Hashable, Codable {
  /// The experiment.
  public var experimentID: String
  /// Its name.
  public var name: String
  /// Days since its last run started (`nil` when no run has a start time).
  public var daysSinceLastRun: Int?
  /// Registered model versions whose run is in the experiment (`model v3`).
  public var registeredVersions: [String]
  /// The runs of those versions.
  public var versionRuns: [String]
  /// Project models that point into the experiment (their linked run, or a version of their
  /// registered model, came from it).
  public var referencedBy: [String]

  /// Finds experiments (not deleted) with no run in `days` days that still hold registered
  /// model versions or are named by a project model.
  public static func find(in project: Project, days: Int, now: Date) -> [StaleExperiment] {
    let nowMillis = Int64(now.timeIntervalSince1970 * 1000)
    var lastStart: [String: Int64] = [:]
    var runExperiment: [String: String] = [:]
    for run in project.runs where !run.deleted {
      runExperiment[run.id] = run.experimentID
      if let start = run.startTime {
        lastStart[run.experimentID] = max(lastStart[run.experimentID] ?? start, start)
      }
    }
    var versions: [String: [String]] = [:]
    var versionRuns: [String: [String]] = [:]
    var registeredIn: [String: Set<String>] = [:]
    for model in project.registeredModels {
      for version in model.versions {
        guard let runID = version.runID, let experiment = runExperiment[runID] else { continue }
        versions[experiment, default: []].append("\(model.name) v\(version.version)")
        versionRuns[experiment, default: []].append(runID)
        registeredIn[model.name, default: []].insert(experiment)
      }
    }
    var result: [StaleExperiment] = []
    for experiment in project.experiments where !experiment.deleted {
      let last = lastStart[experiment.id]
      let age = last.map { Int((nowMillis - $0) / 86_400_000) }
      guard age.map({ $0 >= days }) ?? true else { continue }
      let references = project.models.filter { model in
        if let run = model.linkedRun, runExperiment[run] == experiment.id { return true }
        if let name = model.registeredModel, registeredIn[name]?.contains(experiment.id) == true {
          return true
        }
        return false
      }.map(\.id.description)
      let held = versions[experiment.id] ?? []
      guard !held.isEmpty || !references.isEmpty else { continue }
      result.append(
        StaleExperiment(
          experimentID: experiment.id, name: experiment.name, daysSinceLastRun: age,
          registeredVersions: held, versionRuns: versionRuns[experiment.id] ?? [],
          referencedBy: references))
    }
    return result.sorted { ($0.name, $0.experimentID) < ($1.name, $1.experimentID) }
  }
}
