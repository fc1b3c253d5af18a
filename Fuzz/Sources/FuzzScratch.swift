import Foundation

/// A private folder for the targets whose parser reads files: each input is written there (as
/// the file the reader expects) before the reader runs, so the whole reader is exercised.
enum FuzzScratch {
  /// The folder, made once per process and removed at exit.
  static let root: String = {
    let path = NSTemporaryDirectory() + "mldebt-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: FuzzScratch.root) }
    return path
  }()

  /// Writes `data` to `relative` under the folder (making its parent folders).
  static func write(_ data: Data, _ relative: String) {
    let path = root + "/" + relative
    let parent = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: path, contents: data)
  }

  /// Writes a fixed text to `relative`.
  static func write(_ text: String, _ relative: String) { write(Data(text.utf8), relative) }
}
