import Foundation

/// Writes files so that a reader (or a crash) sees either the old content or the new, never a mix:
/// write a temporary file in the same folder, flush it to disk, rename it over the target, and
/// flush the folder.
public enum AtomicFile {
  /// Why a write failed.
  public struct WriteError: Error, CustomStringConvertible {
    /// The file that was being written.
    public var path: String
    /// What the system said.
    public var reason: String
    /// What went wrong, and where.
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// Replaces `path` with `data` atomically. The file keeps mode 0644.
  public static func write(_ data: Data, to path: String) throws(WriteError) {
    let folder = (path as NSString).deletingLastPathComponent
    let temporary =
      folder + "/." + (path as NSString).lastPathComponent
      + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw WriteError(path: path, reason: String(cString: strerror(errno)))
    }
    var failure: String?
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(
          descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    close(descriptor)
    if let failure {
      unlink(temporary)
      throw WriteError(path: path, reason: failure)
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
    let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if folderDescriptor >= 0 {
      fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }
}

/// An exclusive advisory lock on a file (`flock`), held until ``unlock()`` or deinit.
public final class FileLock {
  private var descriptor: Int32

  /// Waits for the lock on `path`, creating the file if needed. Gives up after `timeout` seconds.
  public init(path: String, timeout: TimeInterval = 10) throws(AtomicFile.WriteError) {
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno)))
    }
    let deadline = Date().addingTimeInterval(timeout)
    while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
        close(descriptor)
        descriptor = -1
        throw AtomicFile.WriteError(
          path: path,
          reason: "another mldebt process holds the lock; try again when it has finished")
      }
      usleep(20_000)
    }
  }

  /// Releases the lock.
  public func unlock() {
    guard descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  deinit { unlock() }
}
