import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The run folders of an experiment folder, as the run cache keeps them, so that a warm open
/// of an experiment with 20,000 runs takes one `stat` of the folder instead of listing it.
///
/// A folder's modification time changes whenever an entry is added to it, removed from it or
/// renamed in it, and its change time with that and with every change of its own metadata
/// (including a `touch` that sets the modification time back). A listing is therefore tied to
/// the folder's inode, modification time and change time (`inode:mtime:ctime`, nanoseconds),
/// and is cached only when it can be trusted later:
///
/// - The folder had not changed for ``settleSeconds`` when it was listed. A file system stamps
///   times from a clock that ticks in steps (milliseconds on ext4, two seconds on FAT), so an
///   entry added in the same step as the listing would leave the time as it was; an older time
///   cannot be reused that way (the rule `git` applies to its "racily clean" index entries).
/// - Its signature was the same after the listing as before it.
/// - Every entry's type came from `readdir` as a folder or a file: a symbolic link can point
///   elsewhere without the folder changing, and a file system that reports no types would need
///   a `stat` of each entry, so such folders are listed every time.
enum RunFolderListing {
  /// How long a folder must have been unchanged before its listing is cached.
  static let settleSeconds: Int64 = 3

  /// The signature of a folder, or `nil` while it changed within `settle` seconds of `now`
  /// (seconds since the epoch) and so cannot be trusted yet.
  static func signature(_ info: stat, now: Int64, settle: Int64 = settleSeconds) -> String? {
    #if canImport(Darwin)
      let modified = info.st_mtimespec
      let changed = info.st_ctimespec
    #else
      let modified = info.st_mtim
      let changed = info.st_ctim
    #endif
    let latest = max(Int64(modified.tv_sec), Int64(changed.tv_sec))
    guard latest <= now - settle else { return nil }
    return
      "\(info.st_ino):\(modified.tv_sec).\(modified.tv_nsec):\(changed.tv_sec).\(changed.tv_nsec)"
  }

  /// The signature of the folder at `path` now, or `nil` when it cannot be read or trusted yet.
  static func signature(ofFolder path: String, settle: Int64 = settleSeconds) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return signature(info, now: Int64(time(nil)), settle: settle)
  }

  /// The names as cached: each name's UTF-8 bytes and a NUL (names hold no NUL byte).
  static func encode(_ names: [String]) -> Data {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(names.reduce(0) { $0 + $1.utf8.count + 1 })
    for name in names {
      bytes.append(contentsOf: name.utf8)
      bytes.append(0)
    }
    return Data(bytes)
  }

  /// The names of a cached listing, or `nil` when the bytes are not one (empty names, or no
  /// final NUL).
  static func decode(_ bytes: UnsafeRawBufferPointer) -> [String]? {
    guard let last = bytes.last else { return [] }
    guard last == 0 else { return nil }
    var names: [String] = []
    var start = 0
    for (offset, byte) in bytes.enumerated() where byte == 0 {
      guard offset > start else { return nil }
      names.append(
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
      start = offset + 1
    }
    return names
  }
}
