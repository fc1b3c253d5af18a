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
  /// the rest still loads. Loading never writes anything.
  ///
  /// - Throws: ``ProjectLoadError`` only when there is no project to speak of.
  public static func load(at path: String, options: LoadOptions = LoadOptions())
    throws(ProjectLoadError)
    -> Project
  {
    let absolute = Self.absolutePath(path)
    var root = absolute
    var manifestFile: String?
    switch FileAccess.entry(at: absolute) {
    case .missing: throw .missing(path)
    case .brokenLink: throw .brokenLink(path)
    case .other: throw .notADirectory(path)
    case .file:
      guard absolute.hasSuffix(".yaml") || absolute.hasSuffix(".yml") else {
        throw .notADirectory(path)
      }
      manifestFile = absolute
      root = (absolute as NSString).deletingLastPathComponent
    case .directory:
      manifestFile = manifestNames.map { FileAccess.resolve($0, relativeTo: root) }.first {
        FileAccess.entry(at: $0) != .missing
      }
    }

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
      } catch {
        builder.report(
          error.diagnostic(source: .manifest, file: relative, expected: "an mldebt.yaml manifest"))
        builder.addSummary(
          SourceSummary(kind: .manifest, path: relative, status: .failed, errorCount: 1))
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
    let contributions = readAll(context)
    if manifestFile == nil && contributions.isEmpty { throw .nothingToRead(path) }
    for contribution in contributions { builder.merge(contribution) }
    return builder.build()
  }

  /// Discovers every source and reads them in parallel; returns contributions in catalog order.
  static func readAll(_ context: LoadContext) -> [SourceContribution] {
    let readers: [any SourceReader] = SourceCatalog.readers.flatMap { type in
      type.discover(context).map { $0 as any SourceReader }
    }
    let results = ResultSlots<SourceContribution>(count: readers.count)
    DispatchQueue.concurrentPerform(iterations: readers.count) { index in
      results[index] = readers[index].read(context)
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
