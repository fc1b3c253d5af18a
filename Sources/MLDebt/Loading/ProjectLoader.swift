import Dispatch
import Foundation

/// Why a project could not be loaded at all (the CLI exits 2 for these).
public enum ProjectLoadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The path does not exist.
  case missing(String)
  /// The path is a symbolic link that loops or dangles.
  case brokenLink(String)
  /// The path is neither a directory nor a manifest file.
  case notADirectory(String)
  /// The directory holds nothing mldebt can read.
  case nothingToRead(String)
  /// The load was cancelled (``LoadOptions/cancellation``); nothing of it is kept.
  case cancelled

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .missing(let path):
      "\(path) does not exist; give the path of a project directory (one with mldebt.yaml, dvc.yaml, mlruns/ or mlflow.db)"
    case .brokenLink(let path):
      "\(path) is a symbolic link that loops or points nowhere; fix the link or give the real directory"
    case .notADirectory(let path):
      "\(path) is not a directory or a manifest; give a project directory or its mldebt.yaml"
    case .nothingToRead(let path):
      "\(path) holds nothing mldebt can read (no mldebt.yaml, dvc.yaml, mlruns/, mlflow.db, OpenLineage events or Feast registry); run `mldebt init \(path)` to start a manifest"
    case .cancelled:
      "loading was cancelled"
    }
  }
}

extension Project {
  /// The manifest names looked for in a project directory, in order.
  public static let manifestNames = ["mldebt.yaml", "mldebt.yml"]

  /// Loads the project at `path`: a directory, or the path of its manifest.
  ///
  /// Reads the manifest, then every source it names or that discovery finds beside it, in
  /// parallel, and merges them (``ProjectBuilder``). A source that fails becomes a diagnostic and
  /// the rest still loads. Loading never writes anything. ``LoadOptions/monitor`` follows it
  /// source by source; raising ``LoadOptions/cancellation`` stops it between files.
  ///
  /// - Throws: ``ProjectLoadError`` when there is no project to speak of, or
  ///   ``ProjectLoadError/cancelled`` when the load was cancelled (nothing partial is returned).
  public static func load(at path: String, options: LoadOptions = LoadOptions())
    throws(ProjectLoadError)
    -> Project
  {
    let (root, manifestFile) = try locate(path)
    var builder = ProjectBuilder(root: root, name: (root as NSString).lastPathComponent)
    var manifest: Manifest?
    if let manifestFile {
      let relative = FileAccess.relative(manifestFile, to: root)
      do {
        let text = try FileAccess.readText(manifestFile, limit: options.maxFileSize)
        let (parsed, diagnostics) = ManifestParser.parse(
          text, file: relative, maxNodes: options.maxYAMLNodes)
        manifest = parsed
        builder.apply(parsed, path: relative, diagnostics: diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let counts = [
          "datasets": parsed.datasets.count, "features": parsed.features.count,
          "models": parsed.models.count,
        ]
        options.monitor?.add([
          SourceProgress(
            kind: .manifest, path: relative,
            state: .done(
              SourceSummary(
                kind: .manifest, path: relative, status: errors > 0 ? .partial : .loaded,
                counts: counts, errorCount: errors)))
        ])
      } catch {
        let diagnostic = error.diagnostic(
          source: .manifest, file: relative, expected: "an mldebt.yaml manifest")
        builder.report(diagnostic)
        builder.addSummary(
          SourceSummary(kind: .manifest, path: relative, status: .failed, errorCount: 1))
        options.monitor?.add([
          SourceProgress(kind: .manifest, path: relative, state: .failed(diagnostic.description))
        ])
      }
    } else {
      builder.report(
        Diagnostic(
          .info, source: .manifest, at: SourceLocation(file: "mldebt.yaml"),
          "no manifest found; only what the tools' files say is shown",
          hint:
            "run `mldebt init` to write one: it declares owners, consumers and which model output feeds which feature, which no tool records"
        ))
    }

    let context = LoadContext(root: root, manifest: manifest, options: options)
    var contributions = readAll(context)
    if options.isCancelled {
      options.monitor?.cancelUnfinished()
      throw .cancelled
    }
    if manifestFile == nil && contributions.isEmpty { throw .nothingToRead(path) }
    for index in contributions.indices {
      // Handed over, not shared: the builder then holds the only reference to the runs, and
      // orders them in place.
      let contribution = contributions[index]
      contributions[index].runs = []
      builder.merge(contribution)
    }
    return builder.build()
  }

  /// Checks, without reading any source, that `path` can be loaded: it exists and is a
  /// directory or a manifest. Fast enough to call before a screen is taken over.
  ///
  /// - Returns: the project root (an absolute path).
  /// - Throws: ``ProjectLoadError`` as ``load(at:options:)`` would for the path itself.
  @discardableResult
  public static func checkPath(_ path: String) throws(ProjectLoadError) -> String {
    try locate(path).root
  }

  /// The project root and its manifest file (when there is one) for a path.
  static func locate(_ path: String) throws(ProjectLoadError) -> (
    root: String, manifest: String?
  ) {
    let absolute = Self.absolutePath(path)
    switch FileAccess.entry(at: absolute) {
    case .missing: throw .missing(path)
    case .brokenLink: throw .brokenLink(path)
    case .other: throw .notADirectory(path)
    case .file:
      guard absolute.hasSuffix(".yaml") || absolute.hasSuffix(".yml") else {
        throw .notADirectory(path)
      }
      return ((absolute as NSString).deletingLastPathComponent, absolute)
    case .directory:
      let manifest = manifestNames.map { FileAccess.resolve($0, relativeTo: absolute) }.first {
        FileAccess.entry(at: $0) != .missing
      }
      return (absolute, manifest)
    }
  }

  /// Discovers every source and reads them in parallel; returns contributions in catalog order.
  /// Tells the monitor about each source; a cancelled load skips the sources not started.
  static func readAll(_ context: LoadContext) -> [SourceContribution] {
    let readers: [any SourceReader] = SourceCatalog.readers.flatMap { type in
      type.discover(context).map { $0 as any SourceReader }
    }
    let monitor = context.options.monitor
    let first =
      monitor?.add(readers.map { SourceProgress(kind: type(of: $0).kind, path: $0.path) }) ?? 0
    let results = ResultSlots<SourceContribution>(count: readers.count)
    DispatchQueue.concurrentPerform(iterations: readers.count) { index in
      guard !context.options.isCancelled else { return }
      var own = context
      if let monitor {
        monitor.update(first + index) { $0 = .reading(step: nil, done: 0, total: nil) }
        own.options.progress = MonitoredProgress(
          monitor: monitor, index: first + index, inner: context.options.progress)
      }
      let contribution = readers[index].read(own)
      results[index] = contribution
      if !context.options.isCancelled {
        monitor?.update(first + index) { $0 = LoadMonitor.finalState(of: contribution) }
      }
    }
    return results.values
  }

  static func absolutePath(_ path: String) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    let joined =
      expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
    return (joined as NSString).standardizingPath
  }
}

/// Fixed slots that concurrent workers fill by index.
final class ResultSlots<Value>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  subscript(index: Int) -> Value? {
    get { lock.withLock { storage[index] } }
    set { lock.withLock { storage[index] = newValue } }
  }

  var values: [Value] { lock.withLock { storage.compactMap { $0 } } }
}
