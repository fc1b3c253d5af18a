import Foundation

/// Finds and lists the artifact folder of an MLflow 3 logged model.
///
/// MLflow records an absolute `artifact_location` (`file:///…/models/m-…/artifacts`). A store
/// copied to another machine or folder keeps the old path, so when it does not exist the folder
/// is looked for where the store keeps it by default, then under the project root by the
/// path's tail (`…/mlartifacts/exp/models/m-…/artifacts` found as
/// `<root>/mlartifacts/exp/models/m-…/artifacts`). Remote locations (`s3://`, …) are not
/// listed. Listing is bounded in depth and count.
enum MLflowLoggedModelFiles {
  /// At most this many files are listed per model.
  static let maxFiles = 500

  /// The files of the artifact folder, relative to it and sorted; `nil` when it is not found.
  static func list(location: String?, defaultFolder: String?, projectRoot: String) -> [String]? {
    guard
      let folder = folder(
        location: location, defaultFolder: defaultFolder, projectRoot: projectRoot)
    else { return nil }
    return Array(MLflowDirectory.filesRecursively(folder, maxDepth: 6).prefix(maxFiles))
  }

  /// The local folder holding the artifacts, if one can be found.
  static func folder(location: String?, defaultFolder: String?, projectRoot: String) -> String? {
    var candidates: [String] = []
    if let path = localPath(location) { candidates.append(path) }
    if let defaultFolder { candidates.append(defaultFolder) }
    for candidate in candidates where FileAccess.entry(at: candidate) == .directory {
      return candidate
    }
    guard let path = localPath(location) else { return nil }
    let components = path.split(separator: "/")
    for start in components.indices.dropFirst() {
      let candidate = projectRoot + "/" + components[start...].joined(separator: "/")
      if FileAccess.entry(at: candidate) == .directory { return candidate }
    }
    return nil
  }

  /// The local path of a `file:` URI or an absolute path; `nil` for remote locations.
  static func localPath(_ location: String?) -> String? {
    guard var location, !location.isEmpty else { return nil }
    if location.hasPrefix("file://") {
      location.removeFirst("file://".count)
      // `file://host/path` names a host; only the local forms are used.
      if !location.hasPrefix("/") {
        guard location.hasPrefix("localhost/") else { return nil }
        location.removeFirst("localhost".count)
      }
    } else if location.hasPrefix("file:") {
      location.removeFirst("file:".count)
    }
    guard location.hasPrefix("/") else { return nil }
    return location.removingPercentEncoding ?? location
  }
}
