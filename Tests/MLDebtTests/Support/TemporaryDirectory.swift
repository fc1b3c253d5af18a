import Foundation

/// A directory under the system's temporary folder, removed when the test is done with it.
final class TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "mldebt-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes a file (creating folders), returning its absolute path.
  @discardableResult
  func write(_ relative: String, _ text: String) -> String {
    write(relative, Data(text.utf8))
  }

  /// Writes bytes to a file (creating folders), returning its absolute path.
  @discardableResult
  func write(_ relative: String, _ data: Data) -> String {
    let full = path + "/" + relative
    try! FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! data.write(to: URL(fileURLWithPath: full))
    return full
  }
}
