import Foundation

/// Why a file could not be read as text.
public enum FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Nothing exists at the path.
  case missing(String)
  /// The path is a directory, FIFO, socket or device rather than a regular file.
  case notRegularFile(String, kind: String)
  /// The path is a symbolic link that loops or points nowhere.
  case brokenLink(String)
  /// The file is larger than the limit for this kind of source.
  case tooLarge(String, size: Int, limit: Int)
  /// The file's bytes are not valid UTF-8; `offset` is the first bad byte.
  case notUTF8(String, offset: Int, line: Int, column: Int)
  /// The operating system refused (permissions, I/O error).
  case unreadable(String, reason: String)

  /// One sentence: what is wrong.
  public var description: String {
    switch self {
    case .missing(let path): "\(path) does not exist"
    case .notRegularFile(let path, let kind): "\(path) is a \(kind), not a regular file"
    case .brokenLink(let path): "\(path) is a symbolic link that loops or points nowhere"
    case .tooLarge(let path, let size, let limit):
      "\(path) is \(size) bytes, over the \(limit)-byte limit for this source"
    case .notUTF8(let path, let offset, _, _):
      "\(path) is not UTF-8 text (bad byte at offset \(offset))"
    case .unreadable(let path, let reason): "\(path) cannot be read: \(reason)"
    }
  }

  /// What the user can do about it.
  public var hint: String {
    switch self {
    case .missing: "check the path, or remove the reference to it"
    case .notRegularFile: "point mldebt at a regular file"
    case .brokenLink: "fix or remove the link"
    case .tooLarge: "raise the limit with --max-file-size if the file is really this large"
    case .notUTF8: "re-save the file as UTF-8 (for example with iconv -f latin1 -t utf-8)"
    case .unreadable: "check the file's permissions"
    }
  }

  /// The line and column of the problem, where known.
  public var position: (line: Int, column: Int)? {
    if case .notUTF8(_, _, let line, let column) = self { return (line, column) }
    return nil
  }
}

/// Read-only access to files in a project, with the checks every reader needs.
///
/// Nothing here ever writes. Reads refuse FIFOs and devices (which could block forever), links
/// that loop, files over a size limit, and bytes that are not UTF-8 where text is expected.
public enum FileAccess {
  /// The default size limit for a text source (manifest, YAML, JSON): 64 MiB.
  public static let defaultTextLimit = 64 << 20

  /// What is at a path, following symbolic links.
  public enum Entry: Equatable, Sendable {
    /// Nothing.
    case missing
    /// A regular file of this many bytes.
    case file(size: Int)
    /// A directory.
    case directory
    /// A link that loops or dangles.
    case brokenLink
    /// Something else (FIFO, socket, device).
    case other(kind: String)
  }

  /// Classifies a path without opening it.
  public static func entry(at path: String) -> Entry {
    var info = stat()
    if stat(path, &info) != 0 {
      let error = errno
      var linkInfo = stat()
      if lstat(path, &linkInfo) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK { return .brokenLink }
      if error == ELOOP { return .brokenLink }
      return .missing
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file(size: Int(info.st_size))
    case S_IFDIR: return .directory
    case S_IFIFO: return .other(kind: "FIFO")
    case S_IFSOCK: return .other(kind: "socket")
    case S_IFCHR, S_IFBLK: return .other(kind: "device")
    default: return .other(kind: "special file")
    }
  }

  /// Reads a regular file's bytes, up to `limit`.
  public static func readData(_ path: String, limit: Int = defaultTextLimit) throws(FileReadError)
    -> Data
  {
    switch entry(at: path) {
    case .missing: throw .missing(path)
    case .brokenLink: throw .brokenLink(path)
    case .directory: throw .notRegularFile(path, kind: "directory")
    case .other(let kind): throw .notRegularFile(path, kind: kind)
    case .file(let size):
      if size > limit { throw .tooLarge(path, size: size, limit: limit) }
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .unreadable(path, reason: String(cString: strerror(errno)))
    }
    defer { try? handle.close() }
    do {
      let data = try handle.read(upToCount: limit + 1) ?? Data()
      if data.count > limit { throw FileReadError.tooLarge(path, size: data.count, limit: limit) }
      return data
    } catch let error as FileReadError {
      throw error
    } catch {
      throw .unreadable(path, reason: error.localizedDescription)
    }
  }

  /// Reads a regular file as UTF-8 text, up to `limit` bytes. A UTF-8 byte-order mark is dropped.
  public static func readText(_ path: String, limit: Int = defaultTextLimit) throws(FileReadError)
    -> String
  {
    let data = try readData(path, limit: limit)
    return try decodeUTF8(data, path: path)
  }

  /// Decodes bytes as UTF-8, reporting the first bad byte's offset, line and column.
  public static func decodeUTF8(_ data: Data, path: String) throws(FileReadError) -> String {
    var bytes = data[...]
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    // Find the first invalid byte to say where it is.
    var line = 1
    var lineStart = bytes.startIndex
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      let length: Int
      switch byte {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: length = 0
      }
      let end = index + length
      let valid =
        length > 0 && end <= bytes.endIndex
        && String(validating: bytes[index..<end], as: UTF8.self) != nil
      if !valid {
        let prefix = bytes[lineStart..<index]
        let column =
          (String(validating: prefix, as: UTF8.self)?.unicodeScalars.count ?? prefix.count) + 1
        throw .notUTF8(path, offset: index - data.startIndex, line: line, column: column)
      }
      if byte == 0x0A {
        line += 1
        lineStart = end
      }
      index = end
    }
    throw .notUTF8(path, offset: 0, line: 1, column: 1)
  }

  /// Joins a possibly relative path onto a root directory.
  public static func resolve(_ path: String, relativeTo root: String) -> String {
    if path.hasPrefix("/") { return path }
    if path == "." || path.isEmpty { return root }
    return root.hasSuffix("/") ? root + path : root + "/" + path
  }

  /// Expresses a path relative to a root directory when it lies inside it.
  public static func relative(_ path: String, to root: String) -> String {
    let base = root.hasSuffix("/") ? root : root + "/"
    if path.hasPrefix(base) { return String(path.dropFirst(base.count)) }
    if path == root { return "." }
    return path
  }
}
