import Yams

/// Parses `mldebt.yaml` into a ``Manifest``.
///
/// Errors name the file, line and column and say what was expected; an entry with an error is
/// skipped and the rest of the manifest still loads. Unknown keys are warnings, never failures.
public enum ManifestParser {
  /// The manifest format versions this build reads.
  public static let supportedVersions = 1...1

  /// Parses manifest text. `file` is the path used in diagnostics; `maxNodes` bounds the nodes
  /// the document may expand to (an alias bomb stops there with an error).
  public static func parse(
    _ text: String, file: String, maxNodes: Int = YAMLCursor.defaultMaxNodes
  ) -> (Manifest, [Diagnostic]) {
    var sink = DiagnosticSink(source: .manifest, file: file)
    var manifest = Manifest()
    guard let root = YAMLParsing.parse(text, sink: &sink) else {
      if !sink.hasErrors {
        sink.report(
          .warning, "the manifest is empty",
          expected: "a mapping with keys such as project, features, models",
          hint: "see docs/manifest.md for a full example")
      }
      return (manifest, sink.diagnostics)
    }
    let cursor = YAMLCursor(root: root, maxNodes: maxNodes)
    var reader = Reader(sink: sink)
    reader.readTop(cursor, into: &manifest)
    return (manifest, reader.sink.diagnostics)
  }

  /// The walk over one manifest, carrying its diagnostics.
  struct Reader {
    var sink: DiagnosticSink
    var provenance: [Provenance] { [Provenance(.manifest, sink.file)] }

    /// Visits each entry of a mapping; unknown keys become warnings that list the known ones.
    mutating func fields(
      _ cursor: YAMLCursor, _ what: String, known: [String],
      _ handle: (inout Reader, String, YAMLCursor) -> Void
    ) {
      guard let entries = cursor.mapping(&sink, expected: "a mapping (\(what))") else { return }
      for (key, value) in entries {
        if known.contains(key) {
          handle(&self, key, value)
        } else {
          value.reportAtKey(
            .warning, "unknown key `\(key)` in \(what); it is ignored",
            expected: "one of \(known.joined(separator: ", "))",
            hint: "check the spelling against docs/manifest.md", into: &sink)
        }
      }
    }

    mutating func string(_ cursor: YAMLCursor) -> String? {
      if cursor.isNull { return nil }
      return cursor.string(&sink)
    }

    mutating func strings(_ cursor: YAMLCursor) -> [String] {
      if cursor.isNull { return [] }
      return cursor.strings(&sink) ?? []
    }

    /// Node references: `kind:name`, or a bare name taken as `defaultKind`.
    mutating func ids(_ cursor: YAMLCursor, defaultKind: NodeKind) -> [NodeID] {
      if cursor.isNull { return [] }
      let items: [YAMLCursor]
      if case .scalar = cursor.node {
        items = [cursor]
      } else {
        items = cursor.sequence(&sink, expected: "a list of node ids") ?? []
      }
      return items.compactMap { id($0, defaultKind: defaultKind) }
    }

    /// Whether `text` starts like `word:name` with a word that is not a node kind (a typo such as
    /// `feture:age`). URIs such as `s3://bucket/key` are names, not kinds.
    static func hasUnknownKind(_ text: String) -> Bool {
      guard let colon = text.firstIndex(of: ":") else { return false }
      let prefix = text[..<colon]
      let rest = text[text.index(after: colon)...]
      guard !prefix.isEmpty, !rest.hasPrefix("//"),
        prefix.allSatisfy({ $0.isLetter || $0 == "_" })
      else { return false }
      return NodeKind(rawValue: String(prefix)) == nil
    }

    mutating func id(_ cursor: YAMLCursor, defaultKind: NodeKind) -> NodeID? {
      guard
        let text = cursor.string(&sink, expected: "a node id such as \(defaultKind.rawValue):NAME")
      else { return nil }
      if let id = NodeID(parsing: text, defaultKind: defaultKind), !Self.hasUnknownKind(text) {
        return id
      }
      cursor.report(
        .error, "`\(text)` is not a node id",
        expected:
          "KIND:NAME with KIND one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))",
        hint: "write it as \(defaultKind.rawValue):NAME", into: &sink)
      return nil
    }

    /// The `id` of a list entry, required. Returns `nil` (after an error) when it is missing.
    mutating func entryID(_ cursor: YAMLCursor, kind: NodeKind, what: String) -> NodeID? {
      guard let entries = cursor.mapping(&sink, expected: "a mapping describing one \(what)") else {
        return nil
      }
      guard let idCursor = entries.first(where: { $0.key == "id" })?.value else {
        cursor.report(
          .error, "this \(what) has no `id`", expected: "an `id:` key naming the \(what)",
          hint: "add `id: NAME`", into: &sink)
        return nil
      }
      guard let parsed = id(idCursor, defaultKind: kind) else { return nil }
      if parsed.kind != kind {
        idCursor.report(
          .error, "`\(parsed)` is listed under \(kind.rawValue)s but is a \(parsed.kind.rawValue)",
          expected: "\(kind.rawValue):NAME or a bare name", into: &sink)
        return nil
      }
      return parsed
    }

    mutating func readTop(_ cursor: YAMLCursor, into manifest: inout Manifest) {
      let known = [
        "version", "project", "owners", "sources", "datasets", "features", "models", "consumers",
        "jobs", "edges", "monitoring", "thresholds", "checklist", "checks",
      ]
      fields(cursor, "the manifest", known: known) { reader, key, value in
        switch key {
        case "version":
          if let version = value.int(&reader.sink, expected: "the format version, 1") {
            if !ManifestParser.supportedVersions.contains(version) {
              value.report(
                .error, "manifest version \(version) is not supported by this mldebt",
                expected: "version: 1", hint: "upgrade mldebt, or write version 1",
                into: &reader.sink)
            }
            manifest.version = version
          }
        case "project":
          reader.fields(value, "project", known: ["name", "description"]) { reader, key, value in
            if key == "name" { manifest.name = reader.string(value) }
            if key == "description" { manifest.description = reader.string(value) }
          }
        case "owners": manifest.owners = reader.list(value, "owners") { $0.owner($1) }
        case "sources": reader.readSources(value, into: &manifest.sources)
        case "datasets": manifest.datasets = reader.list(value, "datasets") { $0.dataset($1) }
        case "features": manifest.features = reader.list(value, "features") { $0.feature($1) }
        case "models": manifest.models = reader.list(value, "models") { $0.model($1) }
        case "consumers": manifest.consumers = reader.list(value, "consumers") { $0.consumer($1) }
        case "jobs": manifest.jobs = reader.list(value, "jobs") { $0.job($1) }
        case "edges": manifest.edges = reader.list(value, "edges") { $0.edge($1) }
        case "monitoring":
          if case .mapping = value.node {
            manifest.monitoring = [reader.monitoring(value)].compactMap { $0 }
          } else {
            manifest.monitoring = reader.list(value, "monitoring") { $0.monitoring($1) }
          }
        case "thresholds": reader.readThresholds(value, into: &manifest.thresholds)
        case "checklist":
          reader.fields(value, "checklist", known: ["attestations", "stale_after_days"]) {
            reader, key, value in
            if key == "attestations", let path = reader.string(value) {
              manifest.attestationsPath = path
            }
            if key == "stale_after_days", let days = value.int(&reader.sink) {
              manifest.thresholds.attestationDays = days
            }
          }
        case "checks": manifest.checks = reader.strings(value)
        default: break
        }
      }
    }

    /// Reads a list of entries, skipping (with diagnostics) the ones that fail.
    mutating func list<T>(
      _ cursor: YAMLCursor, _ what: String, _ read: (inout Reader, YAMLCursor) -> T?
    ) -> [T] {
      if cursor.isNull { return [] }
      guard let items = cursor.sequence(&sink, expected: "a list of \(what)") else { return [] }
      return items.compactMap { read(&self, $0) }
    }

    mutating func readSources(_ cursor: YAMLCursor, into sources: inout Manifest.SourcePaths) {
      fields(cursor, "sources", known: ["dvc", "mlflow", "openlineage", "feast"]) {
        reader, key, value in
        switch key {
        case "dvc": sources.dvc = reader.string(value)
        case "mlflow": sources.mlflow = reader.string(value)
        case "openlineage": sources.openLineage = reader.strings(value)
        case "feast": sources.feast = reader.string(value)
        default: break
        }
      }
    }

    mutating func owner(_ cursor: YAMLCursor) -> Owner? {
      var owner = Owner(id: "")
      fields(cursor, "an owner", known: ["id", "name", "contact", "members"]) {
        reader, key, value in
        switch key {
        case "id": owner.id = reader.string(value) ?? ""
        case "name": owner.name = reader.string(value)
        case "contact": owner.contact = reader.string(value)
        case "members": owner.members = reader.strings(value)
        default: break
        }
      }
      guard !owner.id.isEmpty else {
        cursor.report(.error, "this owner has no `id`", expected: "`id: TEAM`", into: &sink)
        return nil
      }
      return owner
    }

    mutating func dataset(_ cursor: YAMLCursor) -> Dataset? {
      guard let id = entryID(cursor, kind: .dataset, what: "dataset") else { return nil }
      var dataset = Dataset(id: id, provenance: provenance)
      let known = [
        "id", "location", "path", "owner", "description", "version", "aliases", "schema", "tags",
      ]
      fields(cursor, "dataset \(id.name)", known: known) { reader, key, value in
        switch key {
        case "location", "path": dataset.location = reader.string(value)
        case "owner": dataset.owner = reader.string(value)
        case "description": dataset.description = reader.string(value)
        case "version": dataset.versionPin = reader.string(value)
        case "aliases": dataset.aliases = reader.strings(value)
        case "tags": dataset.tags = reader.strings(value)
        case "schema": dataset.schema = reader.list(value, "schema columns") { $0.column($1) }
        default: break
        }
      }
      return dataset
    }

    mutating func column(_ cursor: YAMLCursor) -> SchemaColumn? {
      var column = SchemaColumn(name: "")
      fields(cursor, "a schema column", known: ["name", "type", "dtype", "description"]) {
        reader, key, value in
        switch key {
        case "name": column.name = reader.string(value) ?? ""
        case "type", "dtype": column.dtype = reader.string(value)
        case "description": column.description = reader.string(value)
        default: break
        }
      }
      guard !column.name.isEmpty else {
        cursor.report(
          .error, "this schema column has no `name`", expected: "`name: COLUMN`", into: &sink)
        return nil
      }
      return column
    }

    mutating func feature(_ cursor: YAMLCursor) -> Feature? {
      guard let id = entryID(cursor, kind: .feature, what: "feature") else { return nil }
      var feature = Feature(id: id, provenance: provenance)
      let known = [
        "id", "dtype", "type", "owner", "description", "status", "since", "derived_from", "tags",
      ]
      fields(cursor, "feature \(id.name)", known: known) { reader, key, value in
        switch key {
        case "dtype", "type": feature.dtype = reader.string(value)
        case "owner": feature.owner = reader.string(value)
        case "description": feature.description = reader.string(value)
        case "since": feature.since = reader.date(value)
        case "derived_from": feature.derivedFrom = reader.ids(value, defaultKind: .dataset)
        case "tags": feature.tags = reader.strings(value)
        case "status":
          guard let text = reader.string(value) else { return }
          if let status = FeatureStatus(rawValue: text.lowercased()) {
            feature.status = status
          } else {
            value.report(
              .error, "`\(text)` is not a feature status",
              expected: FeatureStatus.allCases.map(\.rawValue).joined(separator: ", "),
              into: &reader.sink)
          }
        default: break
        }
      }
      return feature
    }

    /// A `YYYY-MM-DD` date (YAML may have typed it as a timestamp; its text is kept).
    mutating func date(_ cursor: YAMLCursor) -> String? {
      guard let text = string(cursor) else { return nil }
      if ISODates.day(text) != nil { return text }
      cursor.report(
        .error, "`\(text)` is not a date", expected: "a date as YYYY-MM-DD", into: &sink)
      return nil
    }

    mutating func model(_ cursor: YAMLCursor) -> Model? {
      guard let id = entryID(cursor, kind: .model, what: "model") else { return nil }
      var model = Model(id: id, provenance: provenance)
      let known = [
        "id", "owner", "description", "inputs", "training_data", "outputs", "mlflow", "tags",
      ]
      fields(cursor, "model \(id.name)", known: known) { reader, key, value in
        switch key {
        case "owner": model.owner = reader.string(value)
        case "description": model.description = reader.string(value)
        case "inputs": model.inputs = reader.ids(value, defaultKind: .feature)
        case "training_data": model.trainingData = reader.ids(value, defaultKind: .dataset)
        case "outputs": model.outputs = reader.ids(value, defaultKind: .dataset)
        case "tags": model.tags = reader.strings(value)
        case "mlflow":
          reader.fields(value, "model \(id.name).mlflow", known: ["registered_model", "run"]) {
            reader, key, value in
            if key == "registered_model" { model.registeredModel = reader.string(value) }
            if key == "run" { model.linkedRun = reader.string(value) }
          }
        default: break
        }
      }
      return model
    }

    mutating func consumer(_ cursor: YAMLCursor) -> Consumer? {
      guard let id = entryID(cursor, kind: .consumer, what: "consumer") else { return nil }
      var consumer = Consumer(id: id, declared: true, provenance: provenance)
      let known = [
        "id", "owner", "description", "reads", "influences", "contract", "policy", "tags",
      ]
      fields(cursor, "consumer \(id.name)", known: known) { reader, key, value in
        switch key {
        case "owner": consumer.owner = reader.string(value)
        case "description": consumer.description = reader.string(value)
        case "reads": consumer.reads = reader.ids(value, defaultKind: .model)
        case "influences": consumer.influences = reader.ids(value, defaultKind: .dataset)
        case "tags": consumer.tags = reader.strings(value)
        case "contract":
          if value.isNull { return }
          var contract = ConsumerContract()
          reader.fields(value, "consumer \(id.name).contract", known: ["schema", "version"]) {
            reader, key, value in
            if key == "schema" { contract.schema = reader.string(value) }
            if key == "version" { contract.version = reader.string(value) }
          }
          consumer.contract = contract
        case "policy":
          if value.isNull { return }
          var policy = ConsumerPolicy()
          reader.fields(
            value, "consumer \(id.name).policy", known: ["threshold", "calibrated", "holdout"]
          ) {
            reader, key, value in
            switch key {
            case "threshold": policy.threshold = value.isNull ? nil : value.double(&reader.sink)
            case "calibrated": policy.calibrated = value.isNull ? nil : value.bool(&reader.sink)
            case "holdout": policy.holdout = reader.string(value)
            default: break
            }
          }
          consumer.policy = policy
        default: break
        }
      }
      return consumer
    }

    mutating func job(_ cursor: YAMLCursor) -> Job? {
      guard let id = entryID(cursor, kind: .job, what: "job") else { return nil }
      var job = Job(id: id, provenance: provenance)
      let known = ["id", "command", "owner", "description", "inputs", "outputs", "tags"]
      fields(cursor, "job \(id.name)", known: known) { reader, key, value in
        switch key {
        case "command": job.command = reader.string(value)
        case "owner": job.owner = reader.string(value)
        case "description": job.description = reader.string(value)
        case "inputs": job.inputs = reader.ids(value, defaultKind: .dataset)
        case "outputs": job.outputs = reader.ids(value, defaultKind: .dataset)
        case "tags": job.tags = reader.strings(value)
        default: break
        }
      }
      return job
    }

    mutating func edge(_ cursor: YAMLCursor) -> LineageEdge? {
      var from: NodeID?
      var to: NodeID?
      var kind: EdgeKind?
      var failed = false
      fields(cursor, "an edge", known: ["from", "to", "kind"]) { reader, key, value in
        switch key {
        case "from", "to":
          guard let text = value.string(&reader.sink, expected: "a node id KIND:NAME") else {
            failed = true
            return
          }
          guard let id = NodeID(parsing: text) else {
            value.report(
              .error, "`\(text)` is not a node id",
              expected:
                "KIND:NAME with KIND one of \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))",
              into: &reader.sink)
            failed = true
            return
          }
          if key == "from" { from = id } else { to = id }
        case "kind":
          guard let text = value.string(&reader.sink) else { return }
          kind = EdgeKind(rawValue: text)
          if kind == nil {
            value.report(
              .error, "`\(text)` is not an edge kind",
              expected: EdgeKind.allCases.map(\.rawValue).joined(separator: ", "),
              into: &reader.sink)
            failed = true
          }
        default: break
        }
      }
      if failed { return nil }
      guard let from, let to, let kind else {
        cursor.report(
          .error, "this edge is incomplete", expected: "from:, to: and kind:", into: &sink)
        return nil
      }
      return LineageEdge(from: from, to: to, kind: kind, provenance: provenance)
    }

    mutating func monitoring(_ cursor: YAMLCursor) -> MonitoringSource? {
      var source = MonitoringSource(provenance: provenance)
      let known = [
        "name", "model", "reference", "current", "windows", "histograms", "timestamp", "window",
        "prediction", "label", "columns", "types",
      ]
      var valid = true
      fields(cursor, "monitoring", known: known) { reader, key, value in
        switch key {
        case "name": source.name = reader.string(value) ?? source.name
        case "model": source.model = reader.id(value, defaultKind: .model)
        case "reference": source.reference = reader.string(value)
        case "current": source.current = reader.string(value)
        case "windows": source.windows = reader.strings(value)
        case "histograms": source.histograms = reader.string(value)
        case "timestamp": source.timestampColumn = reader.string(value)
        case "prediction": source.predictionColumn = reader.string(value)
        case "label": source.labelColumn = reader.string(value)
        case "columns": source.columns = reader.strings(value)
        case "window":
          guard let text = reader.string(value) else { return }
          if WindowLength(text) == nil {
            value.report(
              .error, "`\(text)` is not a window length",
              expected: "a number and a unit: h (hours), d (days) or w (weeks), such as 1w",
              into: &reader.sink)
            valid = false
          } else {
            source.window = text
          }
        case "types":
          let entries = value.mapping(&reader.sink, expected: "a mapping of column to type") ?? []
          for (column, typeCursor) in entries {
            guard let text = typeCursor.string(&reader.sink) else { continue }
            if let type = ColumnType(rawValue: text.lowercased()) {
              source.columnTypes[column] = type
            } else {
              typeCursor.report(
                .error, "`\(text)` is not a column type", expected: "numeric or categorical",
                into: &reader.sink)
            }
          }
        default: break
        }
      }
      if source.reference == nil && source.histograms == nil {
        cursor.report(
          .error, "this monitoring source has no reference data",
          expected: "`reference:` (a CSV file) or `histograms:`",
          hint: "name the sample the model was trained or validated on", into: &sink)
        valid = false
      }
      return valid ? source : nil
    }

    mutating func readThresholds(_ cursor: YAMLCursor, into thresholds: inout Thresholds) {
      let known = [
        "drift_share", "psi", "p_value", "wasserstein", "jensen_shannon", "correlation",
        "experimental_days", "stale_experiment_days", "attestation_days", "features",
      ]
      fields(cursor, "thresholds", known: known) { reader, key, value in
        switch key {
        case "drift_share": reader.fraction(value).map { thresholds.driftShare = $0 }
        case "psi": value.double(&reader.sink).map { thresholds.psi = $0 }
        case "p_value": reader.fraction(value).map { thresholds.pValue = $0 }
        case "wasserstein": value.double(&reader.sink).map { thresholds.wasserstein = $0 }
        case "jensen_shannon": reader.fraction(value).map { thresholds.jensenShannon = $0 }
        case "correlation": reader.fraction(value).map { thresholds.correlation = $0 }
        case "experimental_days": value.int(&reader.sink).map { thresholds.experimentalDays = $0 }
        case "stale_experiment_days":
          value.int(&reader.sink).map { thresholds.staleExperimentDays = $0 }
        case "attestation_days": value.int(&reader.sink).map { thresholds.attestationDays = $0 }
        case "features":
          for (feature, limits) in value.mapping(
            &reader.sink, expected: "a mapping of feature to thresholds") ?? []
          {
            var perFeature = Thresholds.FeatureThresholds()
            reader.fields(
              limits, "thresholds.features.\(feature)",
              known: ["psi", "p_value", "wasserstein", "jensen_shannon"]
            ) {
              reader, key, value in
              let number = value.double(&reader.sink)
              switch key {
              case "psi": perFeature.psi = number
              case "p_value": perFeature.pValue = number
              case "wasserstein": perFeature.wasserstein = number
              case "jensen_shannon": perFeature.jensenShannon = number
              default: break
              }
            }
            thresholds.perFeature[feature] = perFeature
          }
        default: break
        }
      }
    }

    /// A number between 0 and 1.
    mutating func fraction(_ cursor: YAMLCursor) -> Double? {
      guard let value = cursor.double(&sink, expected: "a number between 0 and 1") else {
        return nil
      }
      guard (0...1).contains(value) else {
        cursor.report(
          .error, "\(value) is out of range", expected: "a number between 0 and 1", into: &sink)
        return nil
      }
      return value
    }
  }
}
