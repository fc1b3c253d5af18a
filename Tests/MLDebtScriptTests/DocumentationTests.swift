import Foundation
import Testing

@testable import MLDebtScript

/// Runs every ```lua block of docs/scripting.md that has an ```output block right after it,
/// against examples/car-loans, and compares what it prints.
@Suite("docs/scripting.md")
struct DocumentationTests {
  struct Example: CustomTestStringConvertible {
    var line: Int
    var code: String
    var output: String
    var testDescription: String { "docs/scripting.md:\(line)" }
  }

  static let examples: [Example] = {
    let path = ScriptFixtures.repository + "/docs/scripting.md"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var blocks: [(line: Int, language: String, body: String)] = []
    var current: (line: Int, language: String, body: [String])?
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
      if let open = current {
        if line == "```" {
          blocks.append((open.line, open.language, open.body.joined(separator: "\n") + "\n"))
          current = nil
        } else {
          current?.body.append(line)
        }
      } else if line.hasPrefix("```") {
        current = (index + 1, String(line.dropFirst(3)), [])
      }
    }
    var examples: [Example] = []
    for (index, block) in blocks.enumerated()
    where block.language == "lua" && index + 1 < blocks.count
      && blocks[index + 1].language == "output"
    {
      examples.append(Example(line: block.line, code: block.body, output: blocks[index + 1].body))
    }
    return examples
  }()

  @Test("the page has runnable examples")
  func hasExamples() {
    #expect(Self.examples.count >= 6)
  }

  @Test("each example prints what the page says", arguments: examples)
  func example(_ example: Example) {
    let run = runScript(
      example.code, name: "docs/scripting.md:\(example.line)",
      preload: ScriptFixtures.carLoansProject)
    #expect(run.error == nil, "\(run.error?.message ?? "")")
    #expect(run.output == example.output)
  }
}
