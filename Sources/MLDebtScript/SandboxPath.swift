import Foundation
import MLDebt

/// Resolves the paths scripts give (`io.open`, `dofile`, `require`, `mldebt.open`) against the
/// sandbox root, refusing any that lead outside it, by `..` or by a symbolic link.
enum SandboxPath {
  /// The root as an absolute path with symbolic links resolved.
  static func canonicalRoot(_ root: String) -> String {
    let expanded = (root as NSString).expandingTildeInPath
    let absolute =
      expanded.hasPrefix("/")
      ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
    return realPath(absolute) ?? (absolute as NSString).standardizingPath
  }

  /// `realpath(3)`: the absolute path with `.`, `..` and every link resolved, or `nil` when it
  /// does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The joined (not yet resolved) path.
  static func joined(_ path: String, root: String) -> String {
    path.hasPrefix("/") ? path : (root == "/" ? "/" + path : root + "/" + path)
  }

  /// What went wrong resolving a path.
  enum Failure: Error {
    /// Nothing is there (io.open returns nil and the message, as Lua does).
    case missing(String)
    /// The path leads outside the root (a sandbox violation, raised as an error).
    case outside(String)
  }

  /// Resolves `path` for reading. In trusted mode any path is allowed.
  static func resolve(_ path: String, root: String, trusted: Bool) throws(Failure) -> String {
    // C would stop at a NUL byte and see a different path than the checks below.
    if path.utf8.contains(0) { throw .missing("\(path): a path cannot contain a NUL byte") }
    let joined = joined(path, root: root)
    guard let real = realPath(joined) else {
      if trusted { throw .missing("\(path): No such file or directory") }
      // A path that does not exist may still try to leave the root: say so rather than
      // "missing", so that probing outside the root learns nothing.
      let normalized = (joined as NSString).standardizingPath
      if !isInside(normalized, root: root) { throw .outside(violation(path)) }
      throw .missing("\(path): No such file or directory")
    }
    if trusted || isInside(real, root: root) { return real }
    throw .outside(violation(path))
  }

  static func isInside(_ path: String, root: String) -> Bool {
    path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
  }

  private static func violation(_ path: String) -> String {
    "\(path) is outside the project root; scripts may read only files under it "
      + "(a .. or a symbolic link out of the root is refused; run with --trust to allow it)"
  }
}
