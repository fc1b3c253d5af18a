import Foundation

/// Reads OpenLineage event logs: JSON lines (the file transport's append mode) or a folder of
/// JSON files (one event each).
///
/// Jobs become `job:NAME` nodes with their input and output datasets; datasets are
/// `dataset:NAMESPACE/NAME` with `NAME` and `NAMESPACE/NAME` as aliases, so a manifest or DVC path
/// names the same node; `schema` facets give dataset schemas; `columnLineage` facets give
/// column-to-column `derives` edges between `column:DATASET.FIELD` nodes. Every bad line is a
/// diagnostic with its line number, and the other events still load.
public struct OpenLineageReader: SourceReader {
  /// The OpenLineage source.
  public static let kind = SourceKind.openLineage
  /// The file or folder, relative to the root.
  public let path: String

  /// Well-known places for event logs when the manifest names none.
  static let wellKnownFolders = ["lineage", "openlineage"]

  /// The manifest's `sources.openlineage` entries, or well-known folders, or root-level `.jsonl`
  /// files whose first line looks like an OpenLineage event.
  public static func discover(_ context: LoadContext) -> [OpenLineageReader] {
    if let paths = context.manifest?.sources.openLineage, !paths.isEmpty {
      return paths.map { OpenLineageReader(path: $0) }
    }
    var found = wellKnownFolders.filter { FileAccess.entry(at: context.absolute($0)) == .directory }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: context.root)) ?? []
    for name in names.sorted() where name.hasSuffix(".jsonl") {
      if looksLikeEvents(context.absolute(name)) { found.append(name) }
    }
    return found.map { OpenLineageReader(path: $0) }
  }

  static func looksLikeEvents(_ file: String) -> Bool {
    guard case .file = FileAccess.entry(at: file), let handle = FileHandle(forReadingAtPath: file)
    else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 4096)) ?? Data()
    let text = String(decoding: head, as: UTF8.self)
    return text.contains("\"eventTime\"") && text.contains("\"job\"")
  }

  /// The event files under the path: the file itself, or `.json`/`.jsonl` files in the folder
  /// (up to three levels deep), sorted by name.
  func files(_ context: LoadContext) -> [String] {
    let full = context.absolute(path)
    guard FileAccess.entry(at: full) == .directory else { return [full] }
    return FileAccess.files(under: full, maxDepth: 3) {
      $0.hasSuffix(".json") || $0.hasSuffix(".jsonl")
    }
  }

  /// Reads every event file.
  public func read(_ context: LoadContext) -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: path)
    var builder = Builder(path: path)
    let files = files(context)
    if files.isEmpty {
      contribution.diagnostics.append(
        Diagnostic(
          .warning, source: Self.kind, at: SourceLocation(file: path),
          "no OpenLineage event files (.json or .jsonl) found here",
          hint: "point `sources.openlineage` at the file transport's log file or folder"))
    }
    var events = 0
    for file in files {
      if context.options.isCancelled { break }
      let relative = context.relative(file)
      let data: Data
      do {
        data = try FileAccess.readData(file, limit: context.options.maxFileSize)
      } catch {
        contribution.diagnostics.append(error.diagnostic(source: Self.kind, file: relative))
        continue
      }
      if file.hasSuffix(".jsonl") {
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
          lineNumber += 1
          if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
          if let event = parse(Data(line), file: relative, line: lineNumber, into: &contribution) {
            builder.add(event, file: relative)
            events += 1
          }
        }
      } else if let event = parse(data, file: relative, line: 1, into: &contribution) {
        builder.add(event, file: relative)
        events += 1
      }
    }
    builder.finish(into: &contribution)
    contribution.counts["events"] = events
    contribution.counts["files"] = files.count
    contribution.counts["jobs"] = contribution.jobs.count
    contribution.counts["datasets"] = contribution.datasets.count
    contribution.counts["column_edges"] = contribution.edges.count
    return contribution
  }

  private func parse(
    _ data: Data, file: String, line: Int, into contribution: inout SourceContribution
  )
    -> OpenLineageEvent?
  {
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: data, options: [])
    } catch {
      contribution.diagnostics.append(
        Diagnostic(
          .warning, source: Self.kind, at: SourceLocation(file: file, line: line),
          "this line is not valid JSON; the event is skipped", expected: "one JSON object per line",
          hint: "check the producer that wrote this log"))
      return nil
    }
    do {
      return try OpenLineageEvent(json: json)
    } catch {
      contribution.diagnostics.append(
        Diagnostic(
          .warning, source: Self.kind,
          at: SourceLocation(file: file, line: line, keyPath: error.keyPath),
          "`\(error.keyPath)` is \(error.found); the event is skipped", expected: error.expected,
          hint: "the OpenLineage spec (RunEvent) requires this shape"))
      return nil
    }
  }

  /// Accumulates events into jobs, datasets and column edges; the latest event of a job wins.
  struct Builder {
    let path: String
    var jobs: [String: Job] = [:]
    var jobLastEvent: [String: (time: String, type: String)] = [:]
    var datasets: [NodeID: Dataset] = [:]
    var edges: [LineageEdge] = []
    var edgeKeys: Set<String> = []

    mutating func add(_ event: OpenLineageEvent, file: String) {
      let provenance = [Provenance(.openLineage, file)]
      let id = NodeID(.job, event.jobName)
      var job = jobs[event.jobName] ?? Job(id: id, provenance: provenance)
      job.owner = job.owner ?? event.jobOwners.first
      job.facets.merge(event.jobFacets) { _, new in new }
      if !job.tags.contains("namespace:\(event.jobNamespace)") {
        job.tags.append("namespace:\(event.jobNamespace)")
      }
      for input in event.inputs {
        let dataset = add(input, provenance)
        if !job.inputs.contains(dataset) { job.inputs.append(dataset) }
      }
      for output in event.outputs {
        let dataset = add(output, provenance)
        if !job.outputs.contains(dataset) { job.outputs.append(dataset) }
        for (field, inputs) in output.columnLineage {
          let target = NodeID(.column, "\(dataset.name).\(field)")
          edge(dataset, target, provenance)
          for input in inputs {
            let source = Self.datasetID(input.namespace, input.name)
            let column = NodeID(.column, "\(source.name).\(input.field)")
            edge(source, column, provenance)
            edge(column, target, provenance)
          }
        }
      }
      if let type = event.eventType, type != "RUNNING", type != "OTHER" {
        if let last = jobLastEvent[event.jobName], last.time > event.eventTime {
        } else {
          jobLastEvent[event.jobName] = (event.eventTime, type)
        }
      }
      jobs[event.jobName] = job
    }

    static func datasetID(_ namespace: String, _ name: String) -> NodeID {
      NodeID(.dataset, "\(namespace)/\(name)")
    }

    mutating func add(_ reference: OpenLineageEvent.DatasetReference, _ provenance: [Provenance])
      -> NodeID
    {
      let id = Self.datasetID(reference.namespace, reference.name)
      var dataset =
        datasets[id]
        ?? Dataset(
          id: id,
          aliases: ["\(reference.namespace)/\(reference.name)", reference.name],
          provenance: provenance)
      if dataset.schema.isEmpty {
        dataset.schema = reference.fields.map { SchemaColumn(name: $0.name, dtype: $0.type) }
      }
      dataset.owner = dataset.owner ?? reference.owners.first
      dataset.facets.merge(reference.otherFacets) { _, new in new }
      datasets[id] = dataset
      return id
    }

    mutating func edge(_ from: NodeID, _ to: NodeID, _ provenance: [Provenance]) {
      if edgeKeys.insert("\(from)>\(to)").inserted {
        edges.append(LineageEdge(from: from, to: to, kind: .derives, provenance: provenance))
      }
    }

    func finish(into contribution: inout SourceContribution) {
      contribution.jobs = jobs.keys.sorted().map { name in
        var job = jobs[name]!
        if let last = jobLastEvent[name] {
          job.tags.append("last-run:\(last.type)")
          job.tags.append("last-run-at:\(last.time)")
        }
        return job
      }
      contribution.datasets = datasets.keys.sorted().map { datasets[$0]! }
      contribution.edges = edges
    }
  }
}
