import Foundation

extension FileAccess {
  /// The regular files below `root` whose names `include` accepts, as absolute paths, sorted.
  ///
  /// The walk goes at most `maxDepth` folders down, never into hidden entries, entries that
  /// `skip` names, or folders reached through a symbolic link (so a link loop cannot trap it).
  public static func files(
    under root: String, maxDepth: Int, skipping skip: (String) -> Bool = { _ in false },
    where include: (String) -> Bool
  ) -> [String] {
    var found: [String] = []
    var queue: [(String, Int)] = [(root, 0)]
    while let (folder, depth) = queue.popLast() {
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      where !name.hasPrefix(".") && !skip(name) {
        let full = folder + "/" + name
        switch entry(at: full) {
        case .file where include(name):
          found.append(full)
        case .directory where depth < maxDepth:
          var info = stat()
          if lstat(full, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK {
            queue.append((full, depth + 1))
          }
        default:
          break
        }
      }
    }
    return found.sorted()
  }
}
