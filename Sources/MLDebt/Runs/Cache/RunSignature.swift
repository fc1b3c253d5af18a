#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What tells whether a file-store run changed, without reading it: the modification time and
/// size of its `meta.yaml`, of its folders (`params/`, `tags/`, `metrics/`, `inputs/`: adding or
/// removing a key changes them), and of each tag file (MLflow rewrites a tag in place).
enum RunSignature {
  /// `mtime:size` of a path, or `-` when it does not exist.
  static func stamp(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "-" }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return "\(time.tv_sec).\(time.tv_nsec):\(info.st_size)"
  }

  /// The signature of the run in `folder`.
  static func of(runFolder folder: String) -> String {
    var parts = [stamp(folder + "/meta.yaml"), stamp(folder)]
    for child in ["params", "tags", "metrics", "inputs"] {
      parts.append(stamp(folder + "/" + child))
    }
    for tag in MLflowDirectory.filesRecursively(folder + "/tags") {
      parts.append(tag + "=" + stamp(folder + "/tags/" + tag))
    }
    return parts.joined(separator: "|")
  }
}
