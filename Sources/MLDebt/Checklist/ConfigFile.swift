import Foundation
import Yams

/// A configuration file of the project (YAML or JSON), flattened to key paths.
public struct ConfigFile: Sendable, Hashable {
  /// The path relative to the project root.
  public var path: String
  /// Every scalar, by dotted key path (`train.C`), with the value as written.
  public var values: [String: String]

  /// Files that belong to tools rather than to the team's configuration.
  static let toolFiles: Set<String> = [
    "dvc.yaml", "dvc.lock", "mldebt.yaml", "mldebt.yml", "mldebt.attestations.yaml",
    "MLmodel", "conda.yaml", "python_env.yaml", "meta.yaml", "package.json", "package-lock.json",
    "registry.json", ".pre-commit-config.yaml",
  ]
  /// Folders searched for configuration besides the root.
  static let folders = ["config", "configs", "conf", "params"]

  /// Finds `params.yaml` (and the DVC folder's), root-level YAML/JSON files that are not tool
  /// files, and YAML/JSON files in `config/`, `configs/`, `conf/`, `params/`.
  public static func discover(in project: Project) -> [ConfigFile] {
    var candidates: [String] = []
    let manager = FileManager.default
    for name in (try? manager.contentsOfDirectory(atPath: project.root)) ?? [] {
      if isConfigName(name), !toolFiles.contains(name) { candidates.append(name) }
    }
    for folder in folders {
      let full = project.root + "/" + folder
      guard FileAccess.entry(at: full) == .directory else { continue }
      for name in (try? manager.contentsOfDirectory(atPath: full)) ?? [] where isConfigName(name) {
        candidates.append(folder + "/" + name)
      }
    }
    for file in project.parameters.keys where !candidates.contains(file) { candidates.append(file) }
    return candidates.sorted().compactMap { read($0, root: project.root) }
  }

  static func isConfigName(_ name: String) -> Bool {
    !name.hasPrefix(".")
      && (name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json"))
  }

  static func read(_ path: String, root: String) -> ConfigFile? {
    guard
      let text = try? FileAccess.readText(
        FileAccess.resolve(path, relativeTo: root), limit: 4 << 20)
    else { return nil }
    var sink = DiagnosticSink(source: .manifest, file: path)
    guard let node = YAMLParsing.parse(text, sink: &sink), case .mapping = node else { return nil }
    let values = YAMLCursor(root: node, maxNodes: 200_000).flattenedScalars(&sink)
    return ConfigFile(
      path: path, values: Dictionary(values.map { ($0.key, $0.value) }) { a, _ in a })
  }
}
