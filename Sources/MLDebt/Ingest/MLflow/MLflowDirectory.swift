import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Fast, read-only directory and file access for stores made of many small files.
///
/// An MLflow file store keeps one file per parameter, tag and metric of every run, so a large
/// store holds hundreds of thousands of files. These helpers list a folder with one
/// `opendir`/`readdir` pass (using the entry type `readdir` gives, without a `stat` per entry)
/// and read a file with `open`, `fstat`, `read` and `close`. Files are opened non-blocking
/// and refused unless regular, so a FIFO cannot hang a load. Nothing here writes.
enum MLflowDirectory {
  /// One entry of a folder.
  struct Entry: Sendable {
    /// The entry's name.
    var name: String
    /// The type `readdir` reported (`DT_DIR`, `DT_REG`, `DT_LNK`, or `DT_UNKNOWN`).
    var type: UInt8

    /// Whether `readdir` said the entry is a folder or a regular file (not a symbolic link, and
    /// not `DT_UNKNOWN`, which some file systems report for every entry).
    var hasKnownType: Bool { type == 4 || type == 8 }

    /// Whether the entry is a folder (following a symbolic link, which costs a `stat`).
    func isDirectory(in parent: String) -> Bool {
      switch type {
      case 4: return true  // DT_DIR
      case 8: return false  // DT_REG
      default: return FileAccess.entry(at: parent + "/" + name) == .directory
      }
    }

    /// Whether the entry is a regular file (following a symbolic link, which costs a `stat`).
    func isFile(in parent: String) -> Bool {
      switch type {
      case 4: return false
      case 8: return true
      default:
        if case .file = FileAccess.entry(at: parent + "/" + name) { return true }
        return false
      }
    }
  }

  /// The entries of a folder, without `.` and `..`, sorted by name; `nil` if it cannot be read.
  static func list(_ path: String) -> [Entry]? {
    guard let directory = opendir(path) else { return nil }
    return entries(of: directory)
  }

  /// The entries of the folder `name` inside the open folder `parent` (`"."` for `parent`
  /// itself), as ``list(_:)``; the name is resolved from `parent`, not from the root.
  static func list(in parent: Int32, _ name: String) -> [Entry]? {
    withFolder(in: parent, name) { _, entries in entries }
  }

  /// Opens the folder `name` inside the open folder `parent` (`AT_FDCWD` and a path for any
  /// folder), lists it as ``list(_:)`` and gives `body` its descriptor and entries: one `open`
  /// serves both the listing and ``read(in:_:path:limit:listedRegular:)`` of its files. `nil`
  /// when the folder cannot be opened or listed. The descriptor is closed when `body` returns.
  static func withFolder<T>(
    in parent: Int32, _ name: String, _ body: (Int32, [Entry]) -> T
  ) -> T? {
    let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    guard let directory = fdopendir(descriptor) else {
      close(descriptor)
      return nil
    }
    // Closing the stream closes the descriptor.
    defer { closedir(directory) }
    return body(descriptor, readEntries(directory))
  }

  /// Reads and closes an open folder stream.
  private static func entries(of directory: OpaquePointer) -> [Entry] {
    defer { closedir(directory) }
    return readEntries(directory)
  }

  /// The entries of an open folder stream, sorted by name (its UTF-8 bytes), without `.` and
  /// `..`.
  private static func readEntries(_ directory: OpaquePointer) -> [Entry] {
    var entries: [Entry] = []
    while let pointer = readdir(directory) {
      let type = pointer.pointee.d_type
      let name = withUnsafePointer(to: &pointer.pointee.d_name) { tuple in
        tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee))
        {
          String(cString: $0)
        }
      }
      if name == "." || name == ".." { continue }
      entries.append(Entry(name: name, type: type))
    }
    return sortedByName(entries)
  }

  /// Entries sorted by the bytes of their names. `String`'s order normalises Unicode first, and
  /// a 20,000-run experiment folder took 12 ms to sort that way: here the first eight bytes of
  /// each name, as one integer, decide most comparisons, and only names that share them are
  /// compared whole. (Names hold no NUL byte, so padding a short one with zeros orders it first,
  /// as its bytes do.)
  static func sortedByName(_ entries: [Entry]) -> [Entry] {
    var keys: [(prefix: UInt64, position: Int)] = []
    keys.reserveCapacity(entries.count)
    for (position, entry) in entries.enumerated() {
      var prefix: UInt64 = 0
      var taken = 0
      for byte in entry.name.utf8.prefix(8) {
        prefix = prefix << 8 | UInt64(byte)
        taken += 1
      }
      keys.append((prefix << (8 * UInt64(8 - taken)), position))
    }
    keys.sort { left, right in
      left.prefix != right.prefix
        ? left.prefix < right.prefix
        : ByteOrder.precedes(entries[left.position].name, entries[right.position].name)
    }
    return keys.map { entries[$0.position] }
  }

  /// Opens a folder for ``list(in:_:)``, ``filesRecursively(in:)`` and ``read(in:_:path:limit:)``;
  /// `nil` when it cannot be opened. The caller closes it.
  static func openFolder(_ path: String) -> Int32? {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    return descriptor >= 0 ? descriptor : nil
  }

  /// The entries below a folder that are not folders, as paths relative to it (`a/b` for nested
  /// keys), sorted. FIFOs, devices and broken links are included, so that reading them gives a
  /// diagnostic; folders that cannot be listed are passed over.
  static func filesRecursively(_ path: String, maxDepth: Int = 32) -> [String] {
    var result: [String] = []
    func walk(_ folder: String, _ prefix: String, _ depth: Int) {
      guard depth <= maxDepth, let entries = list(folder) else { return }
      for entry in entries {
        if entry.isDirectory(in: folder) {
          walk(folder + "/" + entry.name, prefix + entry.name + "/", depth + 1)
        } else {
          result.append(prefix + entry.name)
        }
      }
    }
    walk(path, "", 0)
    return result
  }

  /// A file found by ``filesRecursively(in:maxDepth:)``.
  struct ListedFile: Sendable {
    /// The path relative to the listed folder.
    var path: String
    /// Whether the listing said it is a regular file (not a link or anything else), so that
    /// ``read(in:_:path:limit:listedRegular:)`` may skip asking again.
    var isRegular: Bool
  }

  /// ``filesRecursively(_:maxDepth:)`` of an open folder: names are resolved from it, so no
  /// path is walked from the root again.
  static func filesRecursively(in folder: Int32, maxDepth: Int = 32) -> [ListedFile] {
    guard let entries = list(in: folder, ".") else { return [] }
    return filesRecursively(in: folder, entries: entries, maxDepth: maxDepth)
  }

  /// ``filesRecursively(in:maxDepth:)`` of an open folder whose entries are already listed
  /// (by ``withFolder(in:_:_:)``).
  static func filesRecursively(in folder: Int32, entries top: [Entry], maxDepth: Int = 32)
    -> [ListedFile]
  {
    var result: [ListedFile] = []
    result.reserveCapacity(top.count)
    func walk(_ relative: String, _ prefix: String, _ depth: Int) {
      guard depth <= maxDepth, let entries = depth == 0 ? top : list(in: folder, relative) else {
        return
      }
      for entry in entries {
        let isDirectory: Bool
        switch entry.type {
        case 4: isDirectory = true  // DT_DIR
        case 8: isDirectory = false  // DT_REG
        default:
          var info = stat()
          isDirectory =
            fstatat(folder, prefix + entry.name, &info, 0) == 0 && info.st_mode & S_IFMT == S_IFDIR
        }
        if isDirectory {
          walk(prefix + entry.name, prefix + entry.name + "/", depth + 1)
        } else {
          result.append(ListedFile(path: prefix + entry.name, isRegular: entry.type == 8))
        }
      }
    }
    walk(".", "", 0)
    return result
  }

  /// Reads the regular file `name` inside the open folder `folder`, up to `limit`; `path` is
  /// the file's path for errors. `listedRegular` says the folder's listing called it a regular
  /// file: a small one is then read without asking the file system what it is.
  static func read(
    in folder: Int32, _ name: String, path: @autoclosure () -> String, limit: Int,
    listedRegular: Bool = false
  ) -> Result<[UInt8], FileReadError> {
    let descriptor = name.withCString { openat(folder, $0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    if descriptor < 0 { return .failure(openError(errno, path: path())) }
    defer { close(descriptor) }
    if listedRegular, let small = readSmall(opened: descriptor) {
      if small.count > limit { return .failure(.tooLarge(path(), size: small.count, limit: limit)) }
      return .success(small)
    }
    return read(opened: descriptor, path: path(), limit: limit)
  }

  /// Gives `body` the bytes of the regular file `name` inside the open folder `folder`, up to
  /// `limit`, as ``read(in:_:path:limit:listedRegular:)`` reads them, with the same errors; a
  /// small file listed as regular is read into a buffer on the stack, with no array made.
  static func withContents<T>(
    in folder: Int32, _ name: String, path: @autoclosure () -> String, limit: Int,
    listedRegular: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> T
  ) -> Result<T, FileReadError> {
    let descriptor = name.withCString { openat(folder, $0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    if descriptor < 0 { return .failure(openError(errno, path: path())) }
    defer { close(descriptor) }
    if listedRegular {
      let capacity = 8 << 10
      let small = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) {
        buffer -> Result<T, FileReadError>? in
        while true {
          let got = systemRead(descriptor, buffer.baseAddress!, capacity)
          if got < 0 && errno == EINTR { continue }
          guard got > 0 && got < capacity else { return nil }
          if got > limit { return .failure(.tooLarge(path(), size: got, limit: limit)) }
          return .success(body(UnsafeBufferPointer(rebasing: buffer[0..<got])))
        }
      }
      if let small { return small }
      lseek(descriptor, 0, SEEK_SET)
    }
    return read(opened: descriptor, path: path(), limit: limit).map {
      $0.withUnsafeBufferPointer(body)
    }
  }

  /// The error of an `open` of `path` that failed with `error`.
  private static func openError(_ error: Int32, path shown: String) -> FileReadError {
    switch error {
    case ENOENT: return .missing(shown)
    case ELOOP: return .brokenLink(shown)
    default:
      if FileAccess.entry(at: shown) == .brokenLink { return .brokenLink(shown) }
      return .unreadable(shown, reason: String(cString: strerror(error)))
    }
  }

  /// The bytes a regular file is made of when it is smaller than 8 KiB, in one `read`; `nil`
  /// (with the file offset back at the start) for an empty, larger or unreadable file, which
  /// ``read(opened:path:limit:)`` then reads and checks as any other. A store of 20,000 runs
  /// holds about 900,000 such files, and the `fstat` this saves is a fifth of their system calls.
  private static func readSmall(opened descriptor: Int32) -> [UInt8]? {
    let capacity = 8 << 10
    let small = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      while true {
        let got = systemRead(descriptor, buffer.baseAddress!, capacity)
        if got < 0 && errno == EINTR { continue }
        guard got > 0 && got < capacity else { return nil as [UInt8]? }
        return Array(UnsafeBufferPointer(rebasing: buffer[0..<got]))
      }
    }
    if small == nil { lseek(descriptor, 0, SEEK_SET) }
    return small
  }

  /// Reads a regular file's bytes, up to `limit`.
  static func read(_ path: String, limit: Int) -> Result<[UInt8], FileReadError> {
    // `openat` from the working directory is `open`: one implementation of the errors.
    read(in: AT_FDCWD, path, path: path, limit: limit)
  }

  /// Reads an open file's bytes, up to `limit`.
  private static func read(opened descriptor: Int32, path: @autoclosure () -> String, limit: Int)
    -> Result<[UInt8], FileReadError>
  {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      return .failure(.unreadable(path(), reason: String(cString: strerror(errno))))
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: return .failure(.notRegularFile(path(), kind: "directory"))
    case S_IFIFO: return .failure(.notRegularFile(path(), kind: "FIFO"))
    case S_IFSOCK: return .failure(.notRegularFile(path(), kind: "socket"))
    default: return .failure(.notRegularFile(path(), kind: "device"))
    }
    let size = Int(info.st_size)
    if size > limit { return .failure(.tooLarge(path(), size: size, limit: limit)) }
    var bytes = [UInt8](repeating: 0, count: max(size, 0) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        if count > limit { return .failure(.tooLarge(path(), size: count, limit: limit)) }
        bytes.append(contentsOf: repeatElement(0, count: max(4096, count)))
      }
      let requested = bytes.count - count
      let got = bytes.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress! + count, requested)
      }
      if got < 0 {
        let error = errno
        if error == EINTR { continue }
        return .failure(.unreadable(path(), reason: String(cString: strerror(error))))
      }
      if got == 0 { break }
      count += got
      // A regular file reads short only at its end: no second call to learn that.
      if got < requested { break }
    }
    if count > limit { return .failure(.tooLarge(path(), size: count, limit: limit)) }
    bytes.removeSubrange(count...)
    return .success(bytes)
  }

  /// Reads the first `count` bytes (or fewer, for a shorter file) of a regular file.
  static func readPrefix(_ path: String, count: Int) -> Result<[UInt8], FileReadError> {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if descriptor < 0 {
      let error = errno
      if error == ENOENT { return .failure(.missing(path)) }
      return .failure(.unreadable(path, reason: String(cString: strerror(error))))
    }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: count)
    var got = 0
    while got < count {
      let read = bytes.withUnsafeMutableBytes {
        systemRead(descriptor, $0.baseAddress! + got, count - got)
      }
      if read < 0 && errno == EINTR { continue }
      if read < 0 {
        return .failure(.unreadable(path, reason: String(cString: strerror(errno))))
      }
      if read == 0 { break }
      got += read
    }
    return .success(Array(bytes.prefix(got)))
  }

  /// Reads the regular file `name` inside the open folder `folder` as UTF-8 text, up to
  /// `limit` bytes; `path` is the file's path for errors.
  static func readText(
    in folder: Int32, _ name: String, path: @autoclosure () -> String, limit: Int,
    listedRegular: Bool = false
  ) -> Result<String, FileReadError> {
    text(
      read(in: folder, name, path: path(), limit: limit, listedRegular: listedRegular),
      path: path())
  }

  /// Reads a regular file as UTF-8 text, up to `limit` bytes.
  static func readText(_ path: String, limit: Int) -> Result<String, FileReadError> {
    text(read(path, limit: limit), path: path)
  }

  /// Reads the regular file `name` inside the open folder `folder` as UTF-8 text, as
  /// ``readText(in:_:path:limit:listedRegular:)`` does, through
  /// ``withContents(in:_:path:limit:listedRegular:_:)``: no array for a small file.
  static func readSmallText(
    in folder: Int32, _ name: String, path: @autoclosure () -> String, limit: Int,
    listedRegular: Bool
  ) -> Result<String, FileReadError> {
    let read = withContents(
      in: folder, name, path: path(), limit: limit, listedRegular: listedRegular
    ) { bytes -> Result<String, FileReadError> in
      if let valid = validUTF8(bytes) { return .success(valid) }
      return text(.success(Array(bytes)), path: path())
    }
    switch read {
    case .success(let text): return text
    case .failure(let error): return .failure(error)
    }
  }

  /// `String(validating: bytes, as: UTF8.self)`, with ASCII (what a store's files hold, as a
  /// rule) made into a string without the generic validation.
  static func validUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  /// The text of bytes read, or why there is none.
  private static func text(
    _ result: Result<[UInt8], FileReadError>, path: @autoclosure () -> String
  ) -> Result<String, FileReadError> {
    switch result {
    case .failure(let error): return .failure(error)
    case .success(let bytes):
      if let text = bytes.withUnsafeBufferPointer(validUTF8) { return .success(text) }
      do {
        return .success(try FileAccess.decodeUTF8(Data(bytes), path: path()))
      } catch {
        return .failure(error)
      }
    }
  }
}

/// `read(2)`, named apart from ``MLflowDirectory/read(_:limit:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int
{
  #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
  #elseif canImport(Musl)
    Musl.read(descriptor, buffer, count)
  #else
    Darwin.read(descriptor, buffer, count)
  #endif
}
