import Foundation

/// Writes a large MLflow file store (one experiment, `runs` finished runs with a metric history
/// each) laid out as MLflow writes it, for load and cancel tests.
public enum GeneratedMLflowStore {
  /// Writes experiment `experimentID` into the store at `root/mlruns` (beside any experiments
  /// already there); returns the experiment's folder. Run ids start with the experiment id.
  @discardableResult
  public static func write(
    runs: Int, points: Int = 50, experimentID: String = "1", into root: String
  ) throws -> String {
    let experiment = root + "/mlruns/" + experimentID
    let files = FileManager.default
    try files.createDirectory(atPath: experiment, withIntermediateDirectories: true)
    try """
    artifact_location: file://\(experiment)
    creation_time: 1700000000000
    experiment_id: '\(experimentID)'
    last_update_time: 1700000000000
    lifecycle_stage: active
    name: generated-\(experimentID)
    """.write(toFile: experiment + "/meta.yaml", atomically: false, encoding: .utf8)
    let history =
      (0..<points).map { "\(1_700_000_000_000 + $0) \(1.0 / Double($0 + 1)) \($0)" }
      .joined(separator: "\n") + "\n"
    for index in 0..<runs {
      let hex = String(index + 1, radix: 16)
      let id =
        experimentID + String(repeating: "0", count: 32 - experimentID.count - hex.count) + hex
      let run = experiment + "/" + id
      try files.createDirectory(atPath: run + "/metrics", withIntermediateDirectories: true)
      try """
      artifact_uri: file://\(run)/artifacts
      end_time: \(1_700_000_100_000 + index)
      experiment_id: '\(experimentID)'
      lifecycle_stage: active
      run_id: \(id)
      run_name: run-\(experimentID)-\(index)
      source_type: 4
      start_time: \(1_700_000_000_000 + index)
      status: 3
      user_id: generator
      """.write(toFile: run + "/meta.yaml", atomically: false, encoding: .utf8)
      try history.write(toFile: run + "/metrics/loss", atomically: false, encoding: .utf8)
    }
    return experiment
  }
}
