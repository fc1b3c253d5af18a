import ArgumentParser
import Foundation
import MLDebt

/// The options every command that reads a project takes.
struct ProjectOptions: ParsableArguments {
  @Argument(
    help: "The project directory, or its mldebt.yaml (default: the current directory).",
    completion: .directory)
  var path: String = "."

  @Option(
    name: .long,
    help: "An MLflow tracking URI that overrides the manifest and discovery.")
  var mlflow: String?

  @Option(name: .long, help: "The largest text file a source may be, in bytes.")
  var maxFileSize: Int = FileAccess.defaultTextLimit

  @Option(
    name: .long,
    help: "The most nodes a YAML document may expand to (aliases count at each use).")
  var maxYamlNodes: Int = YAMLCursor.defaultMaxNodes

  @Flag(
    name: .shortAndLong,
    help: "Show no progress on stderr (it shows only on a terminal, for steps over a second).")
  var quiet = false

  @Flag(
    name: .long,
    help:
      "Read every run from an MLflow file store, without the .mldebt/ run cache (also MLDEBT_NO_CACHE=1)."
  )
  var noCache = false

  func validate() throws {
    CommandSettings.noteProject(path: path)
  }

  /// The load options these flags describe.
  var loadOptions: LoadOptions {
    var options = LoadOptions()
    options.environment = ProcessInfo.processInfo.environment
    // MLFLOW_TRACKING_URI stays in the environment: the readers use it only when the project
    // names no store of its own (docs/sources.md).
    options.mlflowURI = mlflow
    options.maxFileSize = maxFileSize
    options.maxYAMLNodes = maxYamlNodes
    options.progress = TerminalProgress.forStandardError(quiet: quiet)
    // An MLflow file store is read through the run cache in the project's .mldebt/ (mldebt's
    // own state; nothing else is written), unless asked not to (docs/runs.md).
    options.cacheRuns = Self.cachesRuns(
      noCache: noCache, environment: ProcessInfo.processInfo.environment)
    // A command's process exits after its load: a cache it only read is left open.
    options.keepRunCache = { KeptUntilExit.keep($0) }
    return options
  }

  /// Whether runs are read through the cache: not with `--no-cache`, nor when
  /// `MLDEBT_NO_CACHE` is set to anything but empty or `0`.
  static func cachesRuns(noCache: Bool, environment: [String: String]) -> Bool {
    if noCache { return false }
    let variable = environment["MLDEBT_NO_CACHE"] ?? ""
    return variable.isEmpty || variable == "0"
  }

  /// Loads the project, or prints why not and exits 2.
  func load() throws -> Project {
    do {
      return try Project.load(at: path, options: loadOptions)
    } catch {
      Console.error("mldebt: \(error)")
      throw ExitCode(ExitStatus.usageOrLoadError)
    }
  }
}
