import Foundation
import MLDebtTestSupport
import Testing

/// `mldebt review` on the example project: goldens in three formats, determinism, width, ASCII,
/// and the Markdown checked by a real CommonMark parser (cmark-gfm).
@Suite("mldebt review")
struct ReviewCommandTests {
  static let example = "examples/car-loans"
  static let asOf = ["--as-of", "2026-11-23"]

  /// Golden files under `Tests/MLDebtCLITests/Goldens/`; `MLDEBT_UPDATE_GOLDENS=1` rewrites them.
  static func golden(
    _ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    GoldenFile.check(
      text,
      at: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens/" + name),
      sourceLocation: sourceLocation)
  }

  static func review(_ extra: [String]) throws -> CLIRunner.Result {
    try CLIRunner.run(["review", example] + asOf + extra)
  }

  @Test(arguments: [("markdown", "md"), ("text", "txt"), ("json", "json")])
  func goldenReviewOfTheExample(format: String, fileExtension: String) throws {
    let result = try Self.review(["--format", format])
    #expect(result.status == 0, "\(result.stderr)")
    Self.golden(result.stdout, "review-car-loans.\(fileExtension)")
  }

  @Test func twoRunsAreByteIdentical() throws {
    for format in ["markdown", "text", "json"] {
      let first = try Self.review(["--format", format])
      let second = try Self.review(["--format", format])
      #expect(first.status == 0)
      #expect(!first.stdout.isEmpty)
      #expect(first.stdout == second.stdout, "\(format) differs between runs")
    }
  }

  @Test func widthBoundsEveryTextLineAndASCIIModeIsASCII() throws {
    let text = try Self.review(["--format", "text", "--width", "72"])
    #expect(text.status == 0)
    for line in text.stdout.split(separator: "\n") {
      #expect(line.count <= 72, "too wide: \(line)")
    }
    for format in ["markdown", "text"] {
      let ascii = try Self.review(["--format", format, "--ascii"])
      #expect(ascii.status == 0)
      #expect(ascii.stdout.unicodeScalars.allSatisfy { $0.isASCII })
      #expect(ascii.stdout.contains("## Drift") || ascii.stdout.contains("Drift\n-----"))
    }
  }

  @Test func badArgumentsExitTwoAndSayWhy() throws {
    let noHistory = try Self.review(["--baseline", "1"])
    #expect(noHistory.status == 2)
    #expect(noHistory.stderr.contains("mldebt snapshot"))
    let both = try Self.review(["--baseline", "1", "--since", "2"])
    #expect(both.status == 2)
    #expect(both.stderr.contains("not both"))
    let narrow = try Self.review(["--width", "10"])
    #expect(narrow.status == 2)
    #expect(narrow.stderr.contains("--width"))
  }

  @Test func baselineFromASnapshotInACopiedProject() throws {
    let copy = NSTemporaryDirectory() + "mldebt-review-" + UUID().uuidString
    try FileManager.default.copyItem(
      atPath: CLIRunner.packageRoot + "/" + Self.example, toPath: copy)
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let snapshot = try CLIRunner.run(["snapshot", copy] + Self.asOf)
    #expect(snapshot.status == 0, "\(snapshot.stderr)")
    let result = try CLIRunner.run(
      ["review", copy, "--baseline", "latest", "--format", "markdown"] + Self.asOf)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("## Changes since snapshot 1"))
    #expect(result.stdout.contains("0 new, 0 fixed,"))
    let json = try CLIRunner.run(["review", copy, "--since", "1", "--format", "json"] + Self.asOf)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let baseline = object?["baseline"] as? [String: Any]
    #expect(baseline?["snapshot"] as? Int == 1)
    #expect((baseline?["new"] as? [Any])?.isEmpty == true)
    #expect(((object?["overall"] as? [String: Any])?["trend"] as? [Double])?.count == 2)
  }

  /// The Markdown parsed by cmark-gfm (installed by `make deps`): headings, tables and fenced
  /// code blocks come out as such, charts survive inside code, and nothing became raw HTML.
  @Test func markdownIsValidCommonMark() throws {
    let cmark = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let cmark else {
      print("skipping: cmark-gfm is not installed (`make deps` installs it)")
      return
    }
    let markdown = try Self.review(["--format", "markdown"]).stdout
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cmark)
    process.arguments = ["--to", "xml", "--extension", "table"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(markdown.utf8))
    try input.fileHandleForWriting.close()
    let xml = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)

    func count(_ pattern: String) -> Int { xml.components(separatedBy: pattern).count - 1 }
    // Headings: one title, the seven sections, and their subsections.
    #expect(count("<heading level=\"1\">") == 1)
    let sections = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.count
    #expect(sections == 7)
    #expect(count("<heading level=\"2\">") == sections)
    #expect(
      count("<heading level=\"3\">")
        == markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.count)
    // Tables: the runs and the ML Test Score tests.
    #expect(count("<table>") == 2)
    // Every fence became a code block, with its info string.
    let fences = markdown.split(separator: "\n").filter { $0.hasPrefix("```") }.count
    #expect(count("<code_block") == fences / 2)
    #expect(count("<code_block info=\"mermaid\"") >= 1)
    #expect(count("<code_block info=\"text\"") >= 3)
    #expect(count("<html_block") == 0 && count("<html_inline") == 0)
    // A braille drift chart survived inside a code block.
    let blocks = xml.components(separatedBy: "<code_block").dropFirst()
    #expect(blocks.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })
  }
}
