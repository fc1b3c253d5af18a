import Foundation

/// A model a run logged (MLflow 3's logged model, `mlflow.<flavor>.log_model`).
public struct LoggedModel: Sendable, Hashable, Codable {
  /// The logged model's id (`m-…`).
  public var id: String
  /// Its name (the `name=` given to `log_model`).
  public var name: String
  /// Where its artifacts are stored, as MLflow recorded it.
  public var artifactLocation: String?
  /// The files among its artifacts (`MLmodel`, `requirements.txt`, …), relative to the
  /// artifact folder; `nil` when the folder could not be reached (a remote store, or a local
  /// folder that is not on this machine).
  public var artifacts: [String]?

  /// Creates a logged model.
  public init(
    id: String, name: String, artifactLocation: String? = nil, artifacts: [String]? = nil
  ) {
    self.id = id
    self.name = name
    self.artifactLocation = artifactLocation
    self.artifacts = artifacts
  }

  /// The environment files MLflow writes beside a model.
  public static let environmentFiles = ["requirements.txt", "conda.yaml", "python_env.yaml"]

  /// The environment files found among the artifacts (`nil` when they could not be listed).
  public var environmentRecord: [String]? {
    artifacts.map { files in
      files.filter { Self.environmentFiles.contains(($0 as NSString).lastPathComponent) }
    }
  }
}
