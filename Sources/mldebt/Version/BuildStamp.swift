import Foundation
import MLDebt

/// The commit a binary was built from, read at run time from the stamp file `make build` writes
/// next to it (`mldebt.build-info`).
///
/// The stamp records the binary's size, modification time and inode as `make` saw them, so a
/// binary rebuilt without `make` (plain `swift build`) does not claim a stale commit: its stamp
/// no longer matches and the version falls back to the checkout's `HEAD`, saying so.
struct BuildStamp: Equatable {
  /// The commit, 40 hex digits.
  var commit: String
  /// Whether the working tree had uncommitted changes when the binary was built.
  var dirty: Bool

  /// The stamp file's name, next to the binary.
  static let fileName = "mldebt.build-info"

  /// The identity of a file that changes whenever the linker writes it anew.
  struct FileIdentity: Equatable {
    /// Size in bytes.
    var size: Int64
    /// Modification time as `SECONDS.NANOSECONDS` (the format of GNU `stat -c %.9Y`).
    var modified: String
    /// The inode.
    var inode: UInt64

    /// The identity of the file at `path`, or `nil` when it cannot be read.
    static func of(_ path: String) -> FileIdentity? {
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      let modified = String(
        format: "%lld.%09ld", Int64(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
      return FileIdentity(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }
  }

  /// Parses stamp text (`key=value` lines: commit, dirty, size, mtime, inode) and returns the
  /// stamp when it describes `binary`, else `nil`.
  static func parse(_ text: String, matching binary: FileIdentity) -> BuildStamp? {
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingCharacters(in: .whitespaces)
      fields[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
    guard let commit = fields["commit"], commit.count == 40, commit.allSatisfy(\.isHexDigit),
      fields["size"].flatMap(Int64.init) == binary.size, fields["mtime"] == binary.modified,
      fields["inode"].flatMap(UInt64.init) == binary.inode
    else { return nil }
    return BuildStamp(commit: commit.lowercased(), dirty: fields["dirty"] == "yes")
  }

  /// The stamp next to the binary at `executable`, when it matches that binary.
  static func read(executable: String) -> BuildStamp? {
    let path = (executable as NSString).deletingLastPathComponent + "/" + fileName
    guard let identity = FileIdentity.of(executable),
      let text = try? FileAccess.readText(path, limit: 4096)
    else { return nil }
    return parse(text, matching: identity)
  }
}

/// What `mldebt --version` prints.
enum VersionLine {
  /// The line for the binary at `executable`: the version and the commit, from the stamp, else
  /// from the git checkout holding the binary (marked as such), else marked unknown.
  static func text(executable: String?) -> String {
    let version = "mldebt \(MLDebtVersion.version)"
    guard let executable else { return "\(version) (commit unknown)" }
    if let stamp = BuildStamp.read(executable: executable) {
      return "\(version) (commit \(stamp.commit.prefix(12))\(stamp.dirty ? ", dirty" : ""))"
    }
    let folder = (executable as NSString).deletingLastPathComponent
    if let head = GitInfo.headCommit(of: folder) {
      return "\(version) (commit \(head.prefix(12)) of the checkout holding the binary; "
        + "not stamped at build: build with `make build` to record it)"
    }
    return "\(version) (commit unknown: build with `make build` to record it)"
  }
}
