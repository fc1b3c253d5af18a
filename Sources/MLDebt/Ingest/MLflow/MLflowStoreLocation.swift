import Foundation

/// Where an MLflow tracking store is: a file store folder, a SQLite file or a tracking server.
///
/// A location comes from, in order: ``LoadOptions/mlflowURI`` (`--mlflow`), the manifest's
/// `sources.mlflow`, discovery beside the manifest (`mlruns/` and `mlflow.db`), and last
/// `MLFLOW_TRACKING_URI` in ``LoadOptions/environment``. The first that names a store wins;
/// discovery may find both a file store and a SQLite file, and then both are read.
public enum MLflowStoreLocation: Sendable, Hashable {
  /// A file store (`mlruns/`), by absolute path.
  case fileStore(String)
  /// A SQLite database (`mlflow.db`), by absolute path.
  case sqlite(String)
  /// A tracking server, by base URL (`http://host:5000`), without a trailing slash.
  case server(String)
  /// A tracking URI mldebt cannot read (another database, Databricks), with the reason.
  case unsupported(uri: String, reason: String)

  /// The default folder and file names discovery looks for beside the manifest.
  public static let defaultFileStore = "mlruns"
  /// The default SQLite file name discovery looks for beside the manifest.
  public static let defaultSQLiteFile = "mlflow.db"

  /// Interprets a tracking URI or a plain path; relative paths are taken from `root`.
  ///
  /// `sqlite:///mlflow.db` is relative and `sqlite:////abs/mlflow.db` absolute, as in
  /// SQLAlchemy (which MLflow uses). A plain path is a file store when it is a folder and a
  /// SQLite database when it is a file.
  public static func parse(_ uri: String, root: String) -> MLflowStoreLocation {
    let text = uri.trimmingCharacters(in: .whitespaces)
    let lower = text.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
      var base = text
      while base.hasSuffix("/") { base.removeLast() }
      return .server(base)
    }
    if lower.hasPrefix("sqlite:") {
      var rest = String(text.dropFirst("sqlite:".count))
      if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
      guard rest.hasPrefix("///") else {
        return .unsupported(
          uri: text, reason: "a SQLite URI needs three slashes: sqlite:///relative/path.db")
      }
      rest.removeFirst(3)
      guard !rest.isEmpty, rest != ":memory:" else {
        return .unsupported(uri: text, reason: "an in-memory SQLite store has nothing to read")
      }
      return .sqlite(FileAccess.resolve(rest, relativeTo: root))
    }
    if lower.hasPrefix("file:") {
      var rest = String(text.dropFirst("file:".count))
      if rest.hasPrefix("//") {
        rest.removeFirst(2)
        // `file://host/path`: only an empty host or localhost is local.
        if !rest.hasPrefix("/") {
          let host = rest.prefix { $0 != "/" }
          guard host == "localhost" else {
            return .unsupported(uri: text, reason: "file URIs on another host cannot be read")
          }
          rest.removeFirst(host.count)
        }
      }
      let decoded = rest.removingPercentEncoding ?? rest
      return .fileStore(FileAccess.resolve(decoded, relativeTo: root))
    }
    if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy(Self.isSchemeCharacter),
      text[..<colon].count > 1
    {
      let scheme = text[..<colon].lowercased()
      return .unsupported(
        uri: redacted(text),
        reason: "mldebt cannot read the `\(scheme)` tracking store directly")
    }
    if text == "databricks" || text.hasPrefix("databricks-") {
      return .unsupported(uri: text, reason: "mldebt cannot read Databricks workspaces directly")
    }
    let absolute = FileAccess.resolve(text, relativeTo: root)
    if case .file = FileAccess.entry(at: absolute) { return .sqlite(absolute) }
    if absolute.hasSuffix(".db") || absolute.hasSuffix(".sqlite") { return .sqlite(absolute) }
    return .fileStore(absolute)
  }

  private static func isSchemeCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
  }

  /// Every MLflow store of a project, by the precedence described on the type.
  public static func discover(_ context: LoadContext) -> [MLflowStoreLocation] {
    if let uri = context.options.mlflowURI, !uri.isEmpty {
      return [parse(uri, root: context.root)]
    }
    if let uri = context.manifest?.sources.mlflow, !uri.isEmpty {
      return [parse(uri, root: context.root)]
    }
    var found: [MLflowStoreLocation] = []
    let fileStore = context.absolute(defaultFileStore)
    if looksLikeFileStore(fileStore) { found.append(.fileStore(fileStore)) }
    let database = context.absolute(defaultSQLiteFile)
    if case .file = FileAccess.entry(at: database) { found.append(.sqlite(database)) }
    if !found.isEmpty { return found }
    if let uri = context.options.environment["MLFLOW_TRACKING_URI"], !uri.isEmpty {
      // The environment is a fallback: only a store that can be read is taken from it, so a
      // shell that points at Databricks does not put an error into every project.
      let location = parse(uri, root: context.root)
      if case .unsupported = location { return [] }
      return [location]
    }
    return []
  }

  /// Whether a folder is an MLflow file store rather than, say, the artifact folder that MLflow
  /// also names `mlruns/` when the tracking store is SQLite.
  static func looksLikeFileStore(_ path: String) -> Bool {
    guard FileAccess.entry(at: path) == .directory else { return false }
    guard let entries = MLflowDirectory.list(path) else { return false }
    for entry in entries where entry.isDirectory(in: path) {
      if entry.name == ".trash" { return true }
      if entry.name == "models" {
        if MLflowDirectory.list(path + "/models")?.isEmpty == false { return true }
        continue
      }
      if case .file = FileAccess.entry(at: path + "/" + entry.name + "/meta.yaml") { return true }
    }
    return false
  }

  /// A URL or URI with any `user:password@` part removed, safe to show.
  public static func redacted(_ uri: String) -> String {
    guard let schemeEnd = uri.range(of: "://") else { return uri }
    let afterScheme = uri[schemeEnd.upperBound...]
    let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
    let authority = afterScheme[..<authorityEnd]
    guard let at = authority.lastIndex(of: "@") else { return uri }
    return String(uri[..<schemeEnd.upperBound]) + String(uri[authority.index(after: at)...])
  }
}
