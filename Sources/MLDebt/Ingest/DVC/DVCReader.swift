import Foundation
import Yams

/// Reads a DVC project: `dvc.yaml` stages become jobs, their dependencies and outputs become
/// datasets (code files stay on the job), `dvc.lock` pins what it hashed, `params.yaml` gives
/// parameters, and `.dvc` files pin the data added with `dvc add`.
public struct DVCReader: SourceReader {
  /// The DVC source.
  public static let kind = SourceKind.dvc
  /// The folder holding `dvc.yaml`, relative to the root (`.` for the root itself).
  public let path: String

  /// File extensions taken as code rather than data among a stage's dependencies.
  static let codeExtensions: Set<String> = [
    "py", "ipynb", "sh", "r", "R", "jl", "scala", "java", "sql", "js", "ts", "rb", "go", "rs",
  ]

  /// Finds `dvc.yaml` in the folder the manifest names, or at the root.
  public static func discover(_ context: LoadContext) -> [DVCReader] {
    let folder = context.manifest?.sources.dvc ?? "."
    let directory = context.absolute(folder)
    let hasPipeline = FileAccess.entry(at: directory + "/dvc.yaml") != .missing
    let hasDVCFiles = !dvcFiles(in: directory).isEmpty
    guard hasPipeline || hasDVCFiles || context.manifest?.sources.dvc != nil else { return [] }
    return [DVCReader(path: folder)]
  }

  /// `.dvc` files below a folder (at most four levels deep, skipping hidden and tool folders).
  static func dvcFiles(in directory: String) -> [String] {
    let skipped: Set<String> = ["mlruns", "mlartifacts", "node_modules", "venv", "__pycache__"]
    return FileAccess.files(under: directory, maxDepth: 4, skipping: skipped.contains) {
      $0.hasSuffix(".dvc")
    }
  }

  /// Reads `params.yaml`, `dvc.yaml`, `dvc.lock` and `.dvc` files.
  public func read(_ context: LoadContext) -> SourceContribution {
    let folder = context.absolute(path)
    var contribution = SourceContribution(
      kind: Self.kind, path: path == "." ? "dvc.yaml" : path + "/dvc.yaml")
    func relative(_ name: String) -> String { context.relative(folder + "/" + name) }

    // params.yaml: interpolation scope and parameter values.
    var params = DVCValue.map([])
    let paramsFile = relative("params.yaml")
    if let text = readText(paramsFile, context, &contribution, optional: true) {
      var sink = DiagnosticSink(source: Self.kind, file: paramsFile)
      if let root = YAMLParsing.parse(text, sink: &sink) {
        var budget = 100_000
        params = DVCValue(root, budget: &budget)
        let values = YAMLCursor(root: root, maxNodes: context.options.maxYAMLNodes)
          .flattenedScalars(&sink)
        contribution.parameters[paramsFile] = Dictionary(values.map { ($0.key, $0.value) }) {
          a, _ in a
        }
        contribution.counts["params"] = values.count
      }
      contribution.diagnostics += sink.diagnostics
    }

    // dvc.lock: what the last `dvc repro` hashed.
    var locked: [String: DVCLockedStage] = [:]
    let lockFile = relative("dvc.lock")
    if let text = readText(lockFile, context, &contribution, optional: true) {
      var sink = DiagnosticSink(source: Self.kind, file: lockFile)
      locked = DVCLockFile.parse(text, maxNodes: context.options.maxYAMLNodes, sink: &sink)
      contribution.diagnostics += sink.diagnostics
    }

    // dvc.yaml: the stages.
    let pipelineFile = relative("dvc.yaml")
    if let text = readText(pipelineFile, context, &contribution, optional: true) {
      var sink = DiagnosticSink(source: Self.kind, file: pipelineFile)
      let stages = DVCPipelineFile.parse(
        text, file: pipelineFile, params: params, maxNodes: context.options.maxYAMLNodes,
        sink: &sink)
      contribution.diagnostics += sink.diagnostics
      for stage in stages {
        add(stage, locked[stage.name], context: context, folder: folder, to: &contribution)
      }
      contribution.counts["stages"] = stages.count
      contribution.counts["locked"] = stages.filter { locked[$0.name] != nil }.count
    }

    // .dvc files from `dvc add`.
    let files = Self.dvcFiles(in: folder)
    for file in files { addTracked(file, context: context, to: &contribution) }
    if !files.isEmpty { contribution.counts["dvc_files"] = files.count }
    contribution.counts["datasets"] = Set(contribution.datasets.map(\.id)).count
    return contribution
  }

  private func readText(
    _ file: String, _ context: LoadContext, _ contribution: inout SourceContribution, optional: Bool
  ) -> String? {
    let full = context.absolute(file)
    if optional, FileAccess.entry(at: full) == .missing { return nil }
    do {
      return try FileAccess.readText(full, limit: context.options.maxFileSize)
    } catch {
      contribution.diagnostics.append(error.diagnostic(source: Self.kind, file: file))
      return nil
    }
  }

  /// A path as the project sees it: relative to the root, normalized.
  private func projectPath(
    _ path: String, workingDirectory: String?, context: LoadContext, folder: String
  )
    -> String
  {
    var base = folder
    if let workingDirectory { base = FileAccess.resolve(workingDirectory, relativeTo: folder) }
    let full = (FileAccess.resolve(path, relativeTo: base) as NSString).standardizingPath
    return context.relative(full)
  }

  private func isCode(_ path: String) -> Bool {
    let ext = (path as NSString).pathExtension
    return Self.codeExtensions.contains(ext)
  }

  private func add(
    _ stage: DVCStage, _ lock: DVCLockedStage?, context: LoadContext, folder: String,
    to contribution: inout SourceContribution
  ) {
    let provenance = [Provenance(.dvc, contribution.path)]
    func dataset(_ path: String, _ hash: String?, tags: [String]) -> NodeID {
      let id = NodeID(.dataset, path)
      contribution.datasets.append(
        Dataset(
          id: id, location: path, versionPin: hash, aliases: [path], tags: tags,
          provenance: provenance))
      return id
    }
    var job = Job(
      id: NodeID(.job, stage.name), command: stage.command, description: stage.description,
      provenance: provenance)
    for dependency in stage.dependencies {
      let path = projectPath(
        dependency, workingDirectory: stage.workingDirectory, context: context, folder: folder)
      if isCode(path) {
        job.code.append(path)
      } else {
        job.inputs.append(dataset(path, lock?.hashes[dependency], tags: []))
      }
    }
    for output in stage.outputs {
      let path = projectPath(
        output.path, workingDirectory: stage.workingDirectory, context: context, folder: folder)
      let tags = output.kind == .out ? [] : [output.kind.rawValue]
      job.outputs.append(
        dataset(path, lock?.hashes[output.path], tags: tags + (output.cached ? [] : ["uncached"])))
    }
    job.params = stage.params.map { reference in
      guard let key = reference.key else { return reference.file }
      return reference.file == "params.yaml" ? key : "\(reference.file):\(key)"
    }
    job.upToDate = lock.map { $0.command == stage.command }
    if stage.frozen { job.tags.append("frozen") }
    contribution.jobs.append(job)
  }

  private func addTracked(
    _ file: String, context: LoadContext, to contribution: inout SourceContribution
  ) {
    let relative = context.relative(file)
    guard let text = readText(relative, context, &contribution, optional: false) else { return }
    var sink = DiagnosticSink(source: Self.kind, file: relative)
    defer { contribution.diagnostics += sink.diagnostics }
    guard let root = YAMLParsing.parse(text, sink: &sink) else { return }
    let cursor = YAMLCursor(root: root, maxNodes: context.options.maxYAMLNodes)
    guard let top = cursor.mapping(&sink, expected: "a .dvc file with `outs:`"),
      let outs = top.first(where: { $0.key == "outs" })?.value
    else { return }
    let folder = (file as NSString).deletingLastPathComponent
    for entry in outs.sequence(&sink) ?? [] {
      var path: String?
      var hash: String?
      for (key, value) in entry.mapping(&sink) ?? [] {
        if key == "path" { path = value.string(&sink) }
        if key == "md5" || key == "etag" || key == "checksum" { hash = value.string(&sink) }
      }
      guard let path else {
        entry.report(.error, "an output has no `path`", expected: "path: FILE", into: &sink)
        continue
      }
      let location = context.relative(
        (FileAccess.resolve(path, relativeTo: folder) as NSString).standardizingPath)
      contribution.datasets.append(
        Dataset(
          id: NodeID(.dataset, location), location: location, versionPin: hash, aliases: [location],
          tags: ["dvc-add"], provenance: [Provenance(.dvc, relative)]))
    }
  }
}
