import Yams

/// One output of a DVC stage.
struct DVCOutput: Equatable, Sendable {
  /// What DVC calls it.
  enum Kind: String, Sendable { case out, metric, plot }

  var path: String
  var kind: Kind
  var cached: Bool
}

/// A parameter reference of a DVC stage: a key in a file, or a whole file.
struct DVCParamReference: Equatable, Sendable {
  var file: String
  var key: String?
}

/// A stage of `dvc.yaml`, after `foreach` and `matrix` expansion and `${…}` interpolation.
struct DVCStage: Sendable {
  var name: String
  var command: String?
  var workingDirectory: String?
  var description: String?
  var dependencies: [String] = []
  var outputs: [DVCOutput] = []
  var params: [DVCParamReference] = []
  var frozen = false
  var line: Int?
}

/// Parses `dvc.yaml`: stages (with `foreach`, `matrix`, `vars` and interpolation), and reports
/// what DVC itself would reject with the file's line and column.
enum DVCPipelineFile {
  static let stageKeys = [
    "cmd", "wdir", "deps", "params", "outs", "metrics", "plots", "frozen", "always_changed", "desc",
    "meta", "vars", "foreach", "do", "matrix",
  ]
  static let topKeys = ["stages", "vars", "plots", "metrics", "params", "artifacts", "datasets"]

  /// Parses the text of `dvc.yaml` with `params` (the parsed `params.yaml`) in scope.
  static func parse(
    _ text: String, file: String, params: DVCValue, maxNodes: Int = YAMLCursor.defaultMaxNodes,
    sink: inout DiagnosticSink
  ) -> [DVCStage] {
    guard let root = YAMLParsing.parse(text, sink: &sink) else { return [] }
    let cursor = YAMLCursor(root: root, maxNodes: maxNodes)
    guard let top = cursor.mapping(&sink, expected: "a mapping with `stages:`") else { return [] }
    var context = params
    var stages: [DVCStage] = []
    for (key, value) in top {
      switch key {
      case "vars":
        context = inlineVars(value, sink: &sink).merged(over: context)
      case "stages":
        guard let entries = value.mapping(&sink, expected: "a mapping of stage names to stages")
        else { continue }
        for (name, body) in entries {
          stages += expand(name, body, context: context, sink: &sink)
        }
      default:
        if !topKeys.contains(key) {
          value.reportAtKey(
            .warning, "unknown top-level key `\(key)` in dvc.yaml; DVC rejects the file",
            expected: "one of \(topKeys.joined(separator: ", "))", into: &sink)
        }
      }
    }
    return stages
  }

  /// `vars` entries that are mappings (entries naming files are read by DVC; they are skipped here).
  static func inlineVars(_ cursor: YAMLCursor, sink: inout DiagnosticSink) -> DVCValue {
    var budget = 100_000
    var result = DVCValue.map([])
    for item in cursor.sequence(&sink, expected: "a list of variables or files") ?? [] {
      if case .mapping = item.node {
        result = DVCValue(item.node, budget: &budget).merged(over: result)
      }
    }
    return result
  }

  /// Expands one stage definition into the stages DVC would run.
  static func expand(
    _ name: String, _ body: YAMLCursor, context: DVCValue, sink: inout DiagnosticSink
  )
    -> [DVCStage]
  {
    guard case .mapping(let mapping) = body.node else {
      body.report(
        .error, "stage `\(name)` is not a mapping", expected: "cmd:, deps:, outs: …", into: &sink)
      return []
    }
    let keys = mapping.keys.compactMap(\.string)
    var budget = 100_000
    let interpolation = DVCInterpolation(context: context)
    if keys.contains("foreach") {
      guard let foreachNode = mapping["foreach"], let doNode = mapping["do"] else {
        body.report(
          .error, "stage `\(name)` has `foreach` without `do`", expected: "foreach: and do:",
          into: &sink)
        return []
      }
      var items = DVCValue(foreachNode, budget: &budget)
      if case .text(let text) = items, let resolved = interpolation.value(of: text) {
        items = resolved
      }
      let doCursor = YAMLCursor(node: doNode, keyPath: "\(body.keyPath).do", budget: body.budget)
      switch items {
      case .list(let values):
        return values.enumerated().compactMap { index, item in
          let suffix: String
          if case .text(let text) = item { suffix = text } else { suffix = String(index) }
          return stage(
            "\(name)@\(suffix)", doCursor,
            .map([("item", item)]).merged(over: context), line: body.line, sink: &sink)
        }
      case .map(let entries):
        return entries.compactMap { key, item in
          stage(
            "\(name)@\(key)", doCursor,
            .map([("item", item), ("key", .text(key))]).merged(over: context), line: body.line,
            sink: &sink)
        }
      case .text(let text):
        body.report(
          .error, "stage `\(name)`: `foreach: \(text)` does not name a list or mapping",
          expected: "a list, a mapping, or ${…} naming one in params.yaml or vars", into: &sink)
        return []
      }
    }
    if let matrixNode = mapping["matrix"] {
      guard case .map(let axes) = DVCValue(matrixNode, budget: &budget) else {
        body.report(
          .error, "stage `\(name)`: `matrix` is not a mapping", expected: "matrix: {key: [values]}",
          into: &sink)
        return []
      }
      var combinations: [[(String, DVCValue)]] = [[]]
      for (axis, values) in axes {
        var list: [DVCValue]
        switch values {
        case .list(let items): list = items
        case .text(let text):
          if case .list(let items)? = interpolation.value(of: text) {
            list = items
          } else {
            list = [values]
          }
        case .map: list = [values]
        }
        combinations = combinations.flatMap { prefix in list.map { prefix + [(axis, $0)] } }
        if combinations.count > 10_000 {
          body.report(
            .error, "stage `\(name)`: the matrix expands to over 10,000 stages", into: &sink)
          return []
        }
      }
      return combinations.compactMap { combination in
        let suffix = combination.map { $0.1.interpolated }.joined(separator: "-")
        return stage(
          "\(name)@\(suffix)", body, .map([("item", .map(combination))]).merged(over: context),
          line: body.line, sink: &sink)
      }
    }
    return [stage(name, body, context, line: body.line, sink: &sink)].compactMap { $0 }
  }

  /// Reads one concrete stage body with `context` in scope.
  static func stage(
    _ name: String, _ body: YAMLCursor, _ context: DVCValue, line: Int?, sink: inout DiagnosticSink
  ) -> DVCStage? {
    guard let entries = body.mapping(&sink, expected: "a stage mapping") else { return nil }
    var scope = context
    if let vars = entries.first(where: { $0.key == "vars" })?.value {
      scope = inlineVars(vars, sink: &sink).merged(over: scope)
    }
    let interpolation = DVCInterpolation(context: scope)
    var missing: [String] = []
    func text(_ value: String) -> String { interpolation.resolve(value, missing: &missing) }
    var stage = DVCStage(name: name, line: line)
    for (key, value) in entries {
      switch key {
      case "cmd":
        if case .sequence = value.node {
          stage.command = (value.strings(&sink) ?? []).map(text).joined(separator: " && ")
        } else {
          stage.command = value.string(&sink).map(text)
        }
      case "wdir": stage.workingDirectory = value.string(&sink).map(text)
      case "desc": stage.description = value.string(&sink)
      case "frozen": stage.frozen = value.bool(&sink) ?? false
      case "deps": stage.dependencies = (value.strings(&sink) ?? []).map(text)
      case "outs", "metrics", "plots":
        let kind: DVCOutput.Kind = key == "outs" ? .out : key == "metrics" ? .metric : .plot
        stage.outputs += outputs(value, kind: kind, sink: &sink).map {
          DVCOutput(path: text($0.path), kind: $0.kind, cached: $0.cached)
        }
      case "params":
        stage.params += paramReferences(value, sink: &sink).map {
          DVCParamReference(file: text($0.file), key: $0.key.map(text))
        }
      case "vars", "foreach", "do", "matrix", "meta", "always_changed":
        break
      default:
        value.reportAtKey(
          .warning, "stage `\(name)` has unknown field `\(key)`; DVC rejects this dvc.yaml",
          expected: "one of \(stageKeys.joined(separator: ", "))",
          hint: "remove `\(key)` or fix its spelling", into: &sink)
      }
    }
    for reference in Set(missing).sorted() {
      body.report(
        .warning, "stage `\(name)`: `${\(reference)}` is not defined in params.yaml or vars",
        expected: "a key of params.yaml or vars", into: &sink)
    }
    return stage
  }

  /// `outs`/`metrics`/`plots` entries: a path, or `{path: {cache: false, …}}`.
  static func outputs(_ cursor: YAMLCursor, kind: DVCOutput.Kind, sink: inout DiagnosticSink)
    -> [DVCOutput]
  {
    var result: [DVCOutput] = []
    for item in cursor.sequence(&sink, expected: "a list of paths") ?? [] {
      switch item.node {
      case .scalar(let scalar):
        result.append(DVCOutput(path: scalar.string, kind: kind, cached: kind == .out))
      case .mapping:
        for (path, options) in item.mapping(&sink) ?? [] {
          var cached = kind == .out
          if case .mapping = options.node,
            let cache = options.mapping(&sink)?.first(where: { $0.key == "cache" })?.value
          {
            cached = cache.bool(&sink) ?? cached
          }
          result.append(DVCOutput(path: path, kind: kind, cached: cached))
        }
      default:
        item.report(
          .error, "an output is \(item.shapeName)", expected: "a path or {path: options}",
          into: &sink)
      }
    }
    return result
  }

  /// `params` entries: `key`, or `{file.yaml: [keys]}` (an empty list means the whole file).
  static func paramReferences(_ cursor: YAMLCursor, sink: inout DiagnosticSink)
    -> [DVCParamReference]
  {
    var result: [DVCParamReference] = []
    for item in cursor.sequence(&sink, expected: "a list of parameter keys") ?? [] {
      switch item.node {
      case .scalar(let scalar):
        result.append(DVCParamReference(file: "params.yaml", key: scalar.string))
      case .mapping:
        for (file, keys) in item.mapping(&sink) ?? [] {
          let names = keys.isNull ? [] : keys.strings(&sink) ?? []
          if names.isEmpty {
            result.append(DVCParamReference(file: file, key: nil))
          } else {
            result += names.map { DVCParamReference(file: file, key: $0) }
          }
        }
      default:
        item.report(
          .error, "a parameter is \(item.shapeName)", expected: "a key or {file: [keys]}",
          into: &sink)
      }
    }
    return result
  }
}
