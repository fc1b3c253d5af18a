import Foundation

/// The parts of an OpenLineage RunEvent that mldebt uses, checked against the spec's shapes.
///
/// See https://openlineage.io/spec/2-0-2/OpenLineage.json: a RunEvent has `eventTime` (string),
/// `producer`, `schemaURL`, `run` (`runId`, `facets`), `job` (`namespace`, `name`, `facets`),
/// and `inputs`/`outputs` lists of datasets (`namespace`, `name`, `facets`). Unknown facets are
/// kept as JSON text.
struct OpenLineageEvent {
  struct DatasetReference {
    var namespace: String
    var name: String
    /// `schema` facet fields: name and type.
    var fields: [(name: String, type: String?)] = []
    /// `columnLineage` facet: output field → input fields (namespace, name, field).
    var columnLineage:
      [(field: String, inputs: [(namespace: String, name: String, field: String)])] = []
    /// `ownership` facet owners.
    var owners: [String] = []
    /// Facets mldebt does not interpret, as compact JSON.
    var otherFacets: [String: String] = [:]
  }

  var eventTime: String
  var eventType: String?
  var runID: String
  var jobNamespace: String
  var jobName: String
  var jobOwners: [String] = []
  var jobFacets: [String: String] = [:]
  var errorMessage: String?
  var inputs: [DatasetReference] = []
  var outputs: [DatasetReference] = []

  /// A shape error: the key path and what was expected there.
  struct ShapeError: Error {
    var keyPath: String
    var expected: String
    var found: String
  }

  static let eventTypes: Set<String> = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"]

  /// Checks and reads one decoded JSON object.
  init(json: Any) throws(ShapeError) {
    let event = try Self.object(json, "")
    eventTime = try Self.string(event["eventTime"], "eventTime")
    if let type = event["eventType"], !(type is NSNull) {
      let text = try Self.string(type, "eventType")
      guard Self.eventTypes.contains(text) else {
        throw ShapeError(
          keyPath: "eventType", expected: Self.eventTypes.sorted().joined(separator: ", "),
          found: text)
      }
      eventType = text
    }
    let run = try Self.object(event["run"], "run")
    runID = try Self.string(run["runId"], "run.runId")
    if let facets = run["facets"] {
      let runFacets = try Self.object(facets, "run.facets")
      if let error = runFacets["errorMessage"] as? [String: Any] {
        errorMessage = error["message"] as? String
      }
    }
    let job = try Self.object(event["job"], "job")
    jobNamespace = try Self.string(job["namespace"], "job.namespace")
    jobName = try Self.string(job["name"], "job.name")
    if let facets = job["facets"] {
      for (name, facet) in try Self.object(facets, "job.facets") {
        if name == "ownership" {
          jobOwners = Self.owners(facet)
        } else {
          jobFacets[name] = Self.compactJSON(facet)
        }
      }
    }
    inputs = try Self.datasets(event["inputs"], "inputs")
    outputs = try Self.datasets(event["outputs"], "outputs")
  }

  private static func datasets(_ value: Any?, _ path: String) throws(ShapeError)
    -> [DatasetReference]
  {
    guard let value, !(value is NSNull) else { return [] }
    guard let list = value as? [Any] else {
      throw ShapeError(keyPath: path, expected: "a list of datasets", found: describe(value))
    }
    var result: [DatasetReference] = []
    for (index, item) in list.enumerated() {
      let itemPath = "\(path)[\(index)]"
      let dataset = try object(item, itemPath)
      var reference = DatasetReference(
        namespace: try string(dataset["namespace"], "\(itemPath).namespace"),
        name: try string(dataset["name"], "\(itemPath).name"))
      if let facets = dataset["facets"] {
        for (name, facet) in try object(facets, "\(itemPath).facets") {
          let facetPath = "\(itemPath).facets.\(name)"
          switch name {
          case "schema":
            let schema = try object(facet, facetPath)
            for (fieldIndex, field) in (schema["fields"] as? [Any] ?? []).enumerated() {
              let entry = try object(field, "\(facetPath).fields[\(fieldIndex)]")
              let fieldName = try string(entry["name"], "\(facetPath).fields[\(fieldIndex)].name")
              reference.fields.append((fieldName, entry["type"] as? String))
            }
          case "columnLineage":
            let lineage = try object(facet, facetPath)
            let fields = try object(lineage["fields"] ?? [String: Any](), "\(facetPath).fields")
            for (output, spec) in fields.sorted(by: { $0.key < $1.key }) {
              let specObject = try object(spec, "\(facetPath).fields.\(output)")
              var inputs: [(namespace: String, name: String, field: String)] = []
              for (inputIndex, input) in (specObject["inputFields"] as? [Any] ?? []).enumerated() {
                let inputPath = "\(facetPath).fields.\(output).inputFields[\(inputIndex)]"
                let entry = try object(input, inputPath)
                inputs.append(
                  (
                    try string(entry["namespace"], "\(inputPath).namespace"),
                    try string(entry["name"], "\(inputPath).name"),
                    try string(entry["field"], "\(inputPath).field")
                  ))
              }
              reference.columnLineage.append((output, inputs))
            }
          case "ownership":
            reference.owners = owners(facet)
          default:
            reference.otherFacets[name] = compactJSON(facet)
          }
        }
      }
      result.append(reference)
    }
    return result
  }

  private static func owners(_ facet: Any) -> [String] {
    // The spec recommends URNs such as `team:data` or `user:jdoe`; the manifest names owners
    // without the prefix.
    ((facet as? [String: Any])?["owners"] as? [[String: Any]] ?? []).compactMap { owner in
      guard let name = owner["name"] as? String else { return nil }
      for prefix in ["team:", "user:", "application:", "group:"] where name.hasPrefix(prefix) {
        return String(name.dropFirst(prefix.count))
      }
      return name
    }
  }

  private static func object(_ value: Any?, _ path: String) throws(ShapeError) -> [String: Any] {
    guard let object = value as? [String: Any] else {
      throw ShapeError(
        keyPath: path.isEmpty ? "(event)" : path, expected: "an object", found: describe(value))
    }
    return object
  }

  private static func string(_ value: Any?, _ path: String) throws(ShapeError) -> String {
    guard let text = value as? String else {
      throw ShapeError(keyPath: path, expected: "a string", found: describe(value))
    }
    return text
  }

  static func describe(_ value: Any?) -> String {
    switch value {
    case nil: "nothing"
    case is NSNull: "null"
    case is String: "a string"
    case is NSNumber: "a number"
    case is [Any]: "a list"
    case is [String: Any]: "an object"
    default: "a value"
    }
  }

  static func compactJSON(_ value: Any) -> String {
    guard JSONSerialization.isValidJSONObject(value),
      let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
  }
}
