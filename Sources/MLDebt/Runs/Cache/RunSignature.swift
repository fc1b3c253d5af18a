#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What tells whether a cached file-store run changed, without reading it: the modification
/// time and size of its `meta.yaml`, written `seconds.nanoseconds:size` (`-` when it is gone).
///
/// Only finished, failed and killed runs are cached, and MLflow rewrites `meta.yaml` whenever
/// such a run's state changes (ending, deleting, restoring, renaming). A param, tag or metric
/// logged to a run after it ended does not touch `meta.yaml`, so a warm open does not see it
/// (docs/runs.md, "The run cache"); `--no-cache` or deleting the cache reads it.
///
/// A warm open compares a signature with the cached one 20,000 times for a large store, so the
/// text is formatted into a buffer on the stack and compared by its bytes; a `String` is made
/// only for a run whose cache entry is written.
enum RunSignature {
  /// The status of the run in `folder`: one `stat` of its `meta.yaml` (`nil` when it is gone).
  static func status(runFolder folder: String) -> stat? {
    var info = stat()
    return stat(folder + "/meta.yaml", &info) == 0 ? info : nil
  }

  /// The status of the run folder `name` in the open folder `directory` (a descriptor), the
  /// same as ``status(runFolder:)`` of its path: the lookup starts at the folder, not at `/`.
  static func status(runFolder name: String, in directory: Int32) -> stat? {
    var info = stat()
    let suffix: StaticString = "/meta.yaml"
    var name = name
    let found = name.withUTF8 { utf8 -> Bool in
      // `<name>/meta.yaml` and its terminating NUL, built on the stack.
      withUnsafeTemporaryAllocation(of: CChar.self, capacity: utf8.count + 11) { path in
        let raw = UnsafeMutableRawBufferPointer(path)
        raw.copyMemory(from: UnsafeRawBufferPointer(utf8))
        UnsafeMutableRawBufferPointer(rebasing: raw[utf8.count...])
          .copyMemory(
            from: UnsafeRawBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount))
        path[utf8.count + suffix.utf8CodeUnitCount] = 0
        return fstatat(directory, path.baseAddress!, &info, 0) == 0
      }
    }
    return found ? info : nil
  }

  /// The signature's text.
  static func text(_ info: stat?) -> String {
    withBytes(info) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether `stored` (a signature's UTF-8 bytes, as the cache holds them) is this status's.
  static func matches(_ info: stat?, _ stored: UnsafeRawBufferPointer) -> Bool {
    withBytes(info) { bytes in
      bytes.count == stored.count
        && (bytes.isEmpty || memcmp(bytes.baseAddress!, stored.baseAddress!, bytes.count) == 0)
    }
  }

  /// Calls `body` with the signature's UTF-8 bytes, formatted on the stack.
  private static func withBytes<T>(_ info: stat?, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    guard let info else {
      return withUnsafeBytes(of: UInt8(ascii: "-")) { body($0) }
    }
    #if canImport(Darwin)
      let time = info.st_mtimespec
    #else
      let time = info.st_mtim
    #endif
    // Three 64-bit integers of at most 20 digits and a sign each, and two separators.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 72) { buffer in
      var end = 0
      func append(_ value: Int64) {
        if value < 0 {
          buffer[end] = UInt8(ascii: "-")
          end += 1
        }
        var magnitude = value.magnitude
        let start = end
        repeat {
          buffer[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
          magnitude /= 10
          end += 1
        } while magnitude > 0
        buffer[start..<end].reverse()
      }
      append(Int64(time.tv_sec))
      buffer[end] = UInt8(ascii: ".")
      end += 1
      append(Int64(time.tv_nsec))
      buffer[end] = UInt8(ascii: ":")
      end += 1
      append(Int64(info.st_size))
      return body(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<end]))
    }
  }
}
