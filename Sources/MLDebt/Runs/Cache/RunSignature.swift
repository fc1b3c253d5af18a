#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What tells whether a cached file-store run changed, without reading it: the modification
/// time and size of its `meta.yaml`.
///
/// Only finished, failed and killed runs are cached, and MLflow rewrites `meta.yaml` whenever
/// such a run's state changes (ending, deleting, restoring, renaming). A param, tag or metric
/// logged to a run after it ended does not touch `meta.yaml`, so a warm open does not see it
/// (docs/runs.md, "The run cache"); `--no-cache` or deleting the cache reads it.
enum RunSignature {
  /// `mtime:size` of a path, or `-` when it does not exist.
  static func stamp(_ path: String) -> String {
    var info = stat()
    guard stat(path, &info) == 0 else { return "-" }
    return stamp(info)
  }

  /// `mtime:size` of a file's status.
  private static func stamp(_ info: stat) -> String {
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    return "\(time.tv_sec).\(time.tv_nsec):\(info.st_size)"
  }

  /// The signature of the run in `folder`: one `stat` of its `meta.yaml`.
  static func of(runFolder folder: String) -> String {
    stamp(folder + "/meta.yaml")
  }

  /// The signature of the run folder `name` in the open folder `directory` (a descriptor), the
  /// same as ``of(runFolder:)`` of its path: the lookup starts at the folder, not at `/`.
  static func of(runFolder name: String, in directory: Int32) -> String {
    var info = stat()
    guard fstatat(directory, name + "/meta.yaml", &info, 0) == 0 else { return "-" }
    return stamp(info)
  }
}
