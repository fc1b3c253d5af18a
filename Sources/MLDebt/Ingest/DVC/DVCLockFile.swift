import Yams

/// What `dvc.lock` recorded for a stage the last time `dvc repro` ran it.
struct DVCLockedStage: Sendable {
  var command: String?
  /// Content hashes of dependencies and outputs, by path.
  var hashes: [String: String] = [:]
  /// Parameter values, by file, then key.
  var params: [String: [String: String]] = [:]
}

/// Parses `dvc.lock` (schema 2.0, which DVC 2 and 3 write).
enum DVCLockFile {
  static func parse(
    _ text: String, maxNodes: Int = YAMLCursor.defaultMaxNodes, sink: inout DiagnosticSink
  ) -> [String: DVCLockedStage] {
    guard let root = YAMLParsing.parse(text, sink: &sink) else { return [:] }
    let cursor = YAMLCursor(root: root, maxNodes: maxNodes)
    guard let top = cursor.mapping(&sink, expected: "a mapping with `schema:` and `stages:`") else {
      return [:]
    }
    var stages: [String: DVCLockedStage] = [:]
    for (key, value) in top {
      switch key {
      case "schema":
        let schema = value.string(&sink)
        if let schema, schema != "2.0" {
          value.report(
            .warning, "dvc.lock schema \(schema) is not the 2.0 this reader knows",
            expected: "schema: '2.0'", hint: "run `dvc repro` with DVC 2 or later", into: &sink)
        }
      case "stages":
        for (name, body) in value.mapping(&sink) ?? [] {
          stages[name] = stage(body, sink: &sink)
        }
      default:
        break
      }
    }
    return stages
  }

  static func stage(_ cursor: YAMLCursor, sink: inout DiagnosticSink) -> DVCLockedStage {
    var stage = DVCLockedStage()
    for (key, value) in cursor.mapping(&sink) ?? [] {
      switch key {
      case "cmd":
        if case .sequence = value.node {
          stage.command = (value.strings(&sink) ?? []).joined(separator: " && ")
        } else {
          stage.command = value.string(&sink)
        }
      case "deps", "outs":
        for entry in value.sequence(&sink) ?? [] {
          var path: String?
          var hash: String?
          for (field, fieldValue) in entry.mapping(&sink) ?? [] {
            switch field {
            case "path": path = fieldValue.string(&sink)
            case "md5", "etag", "checksum", "version_id": hash = hash ?? fieldValue.string(&sink)
            default: break
            }
          }
          if let path, let hash { stage.hashes[path] = hash }
        }
      case "params":
        for (file, values) in value.mapping(&sink) ?? [] {
          var flattened: [String: String] = [:]
          for (keyPath, scalar) in values.flattenedScalars(&sink) {
            flattened[String(keyPath.dropFirst(values.keyPath.count + 1))] = scalar
          }
          stage.params[file] = flattened
        }
      default:
        break
      }
    }
    return stage
  }
}
