import Foundation

/// Reads the JSON that `feast registry-dump` prints.
///
/// Data sources become datasets (named by their source name, with the file URI or table as an
/// alias, so a DVC path names the same node); each feature of a feature view becomes
/// `feature:VIEW:FEATURE` derived from the view's batch source; on-demand feature views derive
/// from the views they read; a feature service tagged `model` becomes that model's inputs, and
/// any other feature service becomes a consumer of its features.
public struct FeastRegistryReader: SourceReader {
  /// The Feast source.
  public static let kind = SourceKind.feast
  /// The dump file, relative to the root.
  public let path: String

  /// Well-known names for the dump when the manifest names none.
  static let wellKnown = ["feast/registry.json", "registry.json", "feature_repo/registry.json"]

  /// The manifest's `sources.feast`, or a well-known file.
  public static func discover(_ context: LoadContext) -> [FeastRegistryReader] {
    if let path = context.manifest?.sources.feast { return [FeastRegistryReader(path: path)] }
    return wellKnown.filter {
      guard case .file = FileAccess.entry(at: context.absolute($0)) else { return false }
      return looksLikeRegistry(context.absolute($0))
    }.map { FeastRegistryReader(path: $0) }
  }

  static func looksLikeRegistry(_ file: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: file) else { return false }
    defer { try? handle.close() }
    let head = String(decoding: (try? handle.read(upToCount: 65_536)) ?? Data(), as: UTF8.self)
    return head.contains("\"featureViews\"") || head.contains("\"entities\"")
      || head.contains("\"dataSources\"")
  }

  /// Reads the dump.
  public func read(_ context: LoadContext) -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: path)
    let data: Data
    do {
      data = try FileAccess.readData(context.absolute(path), limit: context.options.maxFileSize)
    } catch {
      contribution.fail(error.diagnostic(source: Self.kind, file: path))
      return contribution
    }
    let root: [String: Any]
    do {
      guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        contribution.fail(
          Diagnostic(
            .error, source: Self.kind, at: SourceLocation(file: path, line: 1, column: 1),
            "the registry dump is not a JSON object",
            expected: "the output of `feast registry-dump`"))
        return contribution
      }
      root = object
    } catch {
      let (line, column) = JSONErrorPosition.locate(error, in: data)
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: path, line: line, column: column),
          "the registry dump is not valid JSON (cut short or edited by hand?); nothing was loaded from it",
          expected: "the complete output of `feast registry-dump`",
          hint: "run `feast registry-dump > \(path)` again"))
      return contribution
    }
    var reader = Walk(path: path)
    reader.read(root)
    contribution.datasets = reader.datasets
    contribution.features = reader.features
    contribution.models = reader.models
    contribution.consumers = reader.consumers
    contribution.diagnostics = reader.diagnostics
    contribution.counts = [
      "data_sources": reader.datasets.count, "entities": reader.entityCount,
      "feature_views": reader.viewCount, "on_demand_feature_views": reader.onDemandCount,
      "features": reader.features.count, "feature_services": reader.serviceCount,
    ]
    return contribution
  }

  /// One pass over the decoded dump.
  struct Walk {
    let path: String
    var datasets: [Dataset] = []
    var features: [Feature] = []
    var models: [Model] = []
    var consumers: [Consumer] = []
    var diagnostics: [Diagnostic] = []
    var entityCount = 0
    var viewCount = 0
    var onDemandCount = 0
    var serviceCount = 0
    var viewFeatures: [String: [NodeID]] = [:]
    var provenance: [Provenance] { [Provenance(.feast, path)] }

    mutating func warn(_ keyPath: String, _ message: String, expected: String) {
      diagnostics.append(
        Diagnostic(
          .warning, source: .feast, at: SourceLocation(file: path, keyPath: keyPath), message,
          expected: expected, hint: "regenerate the dump with `feast registry-dump`"))
    }

    mutating func read(_ root: [String: Any]) {
      for (index, item) in list(root["dataSources"], "dataSources").enumerated() {
        _ = source(item, "dataSources[\(index)]")
      }
      entityCount =
        list(root["entities"], "entities").filter {
          ((($0 as? [String: Any])?["spec"] as? [String: Any])?["name"] as? String) != "__dummy"
        }.count
      for (index, item) in list(root["featureViews"], "featureViews").enumerated() {
        featureView(item, "featureViews[\(index)]")
      }
      for (index, item) in list(root["onDemandFeatureViews"], "onDemandFeatureViews").enumerated() {
        onDemandView(item, "onDemandFeatureViews[\(index)]")
      }
      for (index, item) in list(root["featureServices"], "featureServices").enumerated() {
        featureService(item, "featureServices[\(index)]")
      }
    }

    mutating func list(_ value: Any?, _ keyPath: String) -> [Any] {
      guard let value else { return [] }
      guard let items = value as? [Any] else {
        warn(
          keyPath, "`\(keyPath)` is \(OpenLineageEvent.describe(value)); it is skipped",
          expected: "a list")
        return []
      }
      return items
    }

    /// A data source (top level or a view's `batchSource`); returns its dataset id.
    mutating func source(_ value: Any, _ keyPath: String) -> NodeID? {
      guard let source = value as? [String: Any], let name = source["name"] as? String else {
        warn(keyPath, "a data source has no name; it is skipped", expected: "an object with `name`")
        return nil
      }
      let id = NodeID(.dataset, name)
      if datasets.contains(where: { $0.id == id }) { return id }
      var location: String?
      if let options = source["fileOptions"] as? [String: Any] {
        location = options["uri"] as? String
      }
      for key in ["bigqueryOptions", "snowflakeOptions", "redshiftOptions", "sparkOptions"] {
        if let options = source[key] as? [String: Any] {
          location = location ?? (options["table"] as? String) ?? (options["query"] as? String)
        }
      }
      datasets.append(
        Dataset(
          id: id, location: location, owner: source["owner"] as? String,
          description: source["description"] as? String, aliases: [location].compactMap { $0 },
          tags: tags(source["tags"]), provenance: provenance))
      return id
    }

    func tags(_ value: Any?) -> [String] {
      ((value as? [String: Any]) ?? [:]).map { "\($0.key)=\($0.value)" }.sorted()
    }

    mutating func featureView(_ value: Any, _ keyPath: String) {
      guard let spec = (value as? [String: Any])?["spec"] as? [String: Any],
        let name = spec["name"] as? String
      else {
        warn(
          keyPath, "a feature view has no spec.name; it is skipped",
          expected: "an object with spec.name")
        return
      }
      viewCount += 1
      let batch = spec["batchSource"].flatMap { source($0, "\(keyPath).spec.batchSource") }
      let stream = spec["streamSource"].flatMap { source($0, "\(keyPath).spec.streamSource") }
      addFeatures(
        of: name, spec, derivedFrom: [batch, stream].compactMap { $0 },
        tags: ["feast-view=\(name)"],
        fieldDescriptions: true)
    }

    mutating func onDemandView(_ value: Any, _ keyPath: String) {
      guard let spec = (value as? [String: Any])?["spec"] as? [String: Any],
        let name = spec["name"] as? String
      else {
        warn(
          keyPath, "an on-demand feature view has no spec.name; it is skipped",
          expected: "an object with spec.name")
        return
      }
      onDemandCount += 1
      var inputs: [NodeID] = []
      for (sourceName, sourceSpec) in (spec["sources"] as? [String: Any]) ?? [:] {
        let projection = (sourceSpec as? [String: Any])?["featureViewProjection"] as? [String: Any]
        let view = (projection?["featureViewName"] as? String) ?? sourceName
        inputs += projected(view, projection?["featureColumns"])
      }
      addFeatures(
        of: name, spec, derivedFrom: inputs.sorted(), tags: ["feast-view=\(name)", "on-demand"],
        fieldDescriptions: false)
    }

    /// Adds one feature per entry of `spec.features`, named `VIEW:FEATURE`, and remembers them
    /// as the view's features. Feature views may describe each field; on-demand views may not.
    mutating func addFeatures(
      of view: String, _ spec: [String: Any], derivedFrom: [NodeID], tags extra: [String],
      fieldDescriptions: Bool
    ) {
      var ids: [NodeID] = []
      for field in (spec["features"] as? [[String: Any]]) ?? [] {
        guard let featureName = field["name"] as? String else { continue }
        let id = NodeID(.feature, "\(view):\(featureName)")
        ids.append(id)
        let fieldDescription = fieldDescriptions ? field["description"] as? String : nil
        features.append(
          Feature(
            id: id, dtype: field["valueType"] as? String, owner: spec["owner"] as? String,
            description: fieldDescription ?? (spec["description"] as? String),
            derivedFrom: derivedFrom, tags: tags(spec["tags"]) + extra, provenance: provenance))
      }
      viewFeatures[view] = ids
    }

    /// The features a projection of `view` selects: its `featureColumns`, or the whole view.
    func projected(_ view: String, _ columns: Any?) -> [NodeID] {
      let names = ((columns as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
      return names.isEmpty
        ? viewFeatures[view] ?? [] : names.map { NodeID(.feature, "\(view):\($0)") }
    }

    mutating func featureService(_ value: Any, _ keyPath: String) {
      guard let spec = (value as? [String: Any])?["spec"] as? [String: Any],
        let name = spec["name"] as? String
      else {
        warn(
          keyPath, "a feature service has no spec.name; it is skipped",
          expected: "an object with spec.name")
        return
      }
      serviceCount += 1
      var reads: [NodeID] = []
      for projection in (spec["features"] as? [[String: Any]]) ?? [] {
        guard let view = projection["featureViewName"] as? String else { continue }
        reads += projected(view, projection["featureColumns"])
      }
      let serviceTags = (spec["tags"] as? [String: Any]) ?? [:]
      if let model = serviceTags["model"] as? String {
        models.append(
          Model(
            id: NodeID(.model, model), owner: spec["owner"] as? String,
            description: spec["description"] as? String, inputs: reads,
            tags: ["feast-service=\(name)"], provenance: provenance))
      } else {
        consumers.append(
          Consumer(
            id: NodeID(.consumer, name), declared: true, owner: spec["owner"] as? String,
            description: spec["description"] as? String, reads: reads,
            tags: tags(spec["tags"]) + ["feast-feature-service"], provenance: provenance))
      }
    }
  }
}
