import Foundation
import Testing

/// Golden text files shared by the test targets: output is compared with a committed file, and
/// `MLDEBT_UPDATE_GOLDENS=1` rewrites the file instead (review the diff with `git diff`).
public enum GoldenFile {
  /// Whether this run rewrites goldens instead of comparing with them.
  public static var updating: Bool {
    ProcessInfo.processInfo.environment["MLDEBT_UPDATE_GOLDENS"] == "1"
  }

  /// Compares `text` with the file at `url` (or rewrites it when ``updating``). A difference is
  /// recorded as an issue naming the first differing line, with the whole output when
  /// `showingOutput` (screens are short; reviews are not).
  public static func check(
    _ text: String, at url: URL, showingOutput: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let name = url.lastPathComponent
    if updating {
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden \(url.path); run with MLDEBT_UPDATE_GOLDENS=1 to create it",
        sourceLocation: sourceLocation)
      return
    }
    guard text != expected else { return }
    let got = text.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
    let gotLine = line < got.count ? String(got[line]) : "<end>"
    let wantLine = line < want.count ? String(want[line]) : "<end>"
    var message = """
      golden \(name) differs at line \(line + 1):
        expected: \(wantLine)
        got:      \(gotLine)

      """
    if showingOutput { message += "full output:\n\(text)\n" }
    message += "(if the change is intended, rerun with MLDEBT_UPDATE_GOLDENS=1)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
  }
}
