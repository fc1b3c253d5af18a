import Foundation

/// What git knows about a project, read from `.git` directly (no `git` process, read-only).
public enum GitInfo {
  /// The `.git` folder of the repository holding `path`, if any (walking up the folders).
  public static func gitDirectory(containing path: String) -> String? {
    var folder = (path as NSString).standardizingPath
    while true {
      let candidate = folder + "/.git"
      switch FileAccess.entry(at: candidate) {
      case .directory: return candidate
      case .file:
        // A worktree or submodule: `gitdir: PATH`.
        if let text = try? FileAccess.readText(candidate, limit: 4096),
          let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ")
        {
          let target = String(line.dropFirst(8)).trimmingCharacters(in: .whitespaces)
          return FileAccess.resolve(target, relativeTo: folder)
        }
        return nil
      default: break
      }
      let parent = (folder as NSString).deletingLastPathComponent
      if parent == folder || parent.isEmpty { return nil }
      folder = parent
    }
  }

  /// The commit `HEAD` points at, as 40 hex digits, or `nil` outside a repository.
  public static func headCommit(of path: String) -> String? {
    guard let git = gitDirectory(containing: path),
      let head = try? FileAccess.readText(git + "/HEAD", limit: 4096)
    else { return nil }
    let text = head.trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.hasPrefix("ref: ") else { return isHash(text) ? text : nil }
    let ref = String(text.dropFirst(5))
    // Loose refs live in the common dir for worktrees.
    var folders = [git]
    if let common = try? FileAccess.readText(git + "/commondir", limit: 4096) {
      folders.append(
        FileAccess.resolve(common.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: git))
    }
    for folder in folders {
      if let value = try? FileAccess.readText(folder + "/" + ref, limit: 4096) {
        let hash = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if isHash(hash) { return hash }
      }
      if let packed = try? FileAccess.readText(folder + "/packed-refs") {
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
          let hash = String(line.prefix(40))
          if isHash(hash) { return hash }
        }
      }
    }
    return nil
  }

  static func isHash(_ text: String) -> Bool {
    text.count == 40 && text.allSatisfy { $0.isHexDigit }
  }
}
