import MLDebtTestSupport
import Testing

@testable import MLDebt

/// `meta.yaml` files of ASCII without a carriage return (as MLflow writes them) are read over
/// bytes, any other by characters; these tests check that the two readers always agree.
@Suite("MLflow meta.yaml: the byte reader agrees with the character reader")
struct MLflowFlatMetaTests {
  /// Both readers give nothing, or the same entries (keys, values, lines and columns).
  private func expectAgreement(_ text: String) {
    var copy = text
    let bytes = copy.withUTF8 { MLflowMetaFile.flatASCIIEntries($0) }
    let characters = MLflowMetaFile.flatCharacterEntries(text)
    #expect((bytes == nil) == (characters == nil), "\(text.debugDescription)")
    guard let bytes, let characters else { return }
    #expect(bytes.map(\.key) == characters.map(\.key), "\(text.debugDescription)")
    for ((_, a), (_, b)) in zip(bytes, characters) {
      #expect(a.scalar == b.scalar, "\(text.debugDescription)")
      #expect(a.isNull == b.isNull, "\(text.debugDescription)")
      #expect(a.line == b.line && a.column == b.column, "\(text.debugDescription)")
      #expect(a.keyPath == b.keyPath && a.cursor == nil, "\(text.debugDescription)")
    }
  }

  /// Keys and values as MLflow writes them, and odd ones (that a flat reader may refuse).
  private let keys = ["run_id", "status", "a.b", "x-y", "K_1", "tags"]
  private let oddKeys = ["", "bad key", "a/b", " run_id"]
  private let values = [
    "3", "'1'", "''", "'it''s'", "''''", "' '", "null", "Null", "NULL", "~", "[]", "{}",
    "file:///x/artifacts", "a#b", "-1", "a  ", "", "1700000000000", "run-8768", "nULL", "~~",
  ]
  private let oddValues = [
    "'a'b'", "'''", "'", "[1]", "{a: 1}", "a: b", "a #b", "x:", "- x", "\"q\"", "&a", "*a", "!t",
    "|", ">", "%", "@", "`", "#c", "?", ",", "]", "a\tb", "  ",
  ]

  /// One of `common`, or now and then one of `odd`.
  private func pick(
    _ common: [String], _ odd: [String], _ generator: inout some RandomNumberGenerator
  ) -> String {
    let from = Int.random(in: 0..<8, using: &generator) == 0 ? odd : common
    return from.randomElement(using: &generator)!
  }

  /// A file of lines like MLflow's, with some that no flat reader takes.
  private func file(_ generator: inout some RandomNumberGenerator) -> String {
    var lines: [String] = []
    for index in 0..<Int.random(in: 0...6, using: &generator) {
      if Int.random(in: 0..<12, using: &generator) == 0 {
        let odd = ["# comment", "", "  indented: 1", "- item", "no colon"]
        lines.append(odd.randomElement(using: &generator)!)
      } else {
        let spaces = [" ", " ", " ", "  ", ""].randomElement(using: &generator)!
        // Mostly distinct keys; a repeated one sends the file to the YAML parser.
        let key =
          pick(keys, oddKeys, &generator) + (Bool.random(using: &generator) ? "\(index)" : "")
        lines.append(key + ":" + spaces + pick(values, oddValues, &generator))
      }
    }
    return lines.joined(separator: "\n") + (Bool.random(using: &generator) ? "\n" : "")
  }

  /// `text` with a few ASCII characters (no carriage return) replaced, inserted or removed.
  private func mutate(_ text: String, _ generator: inout some RandomNumberGenerator) -> String {
    String(
      RandomEdits.mutate(
        Array(text), alphabet: Array(" :'#-[]{}~\t\nab1.\""), using: &generator))
  }

  @Test func generatedFilesReadTheSameOverBytesAndCharacters() {
    var generator = SystemRandomNumberGenerator()
    var flat = 0
    for _ in 0..<3_000 {
      let text = file(&generator)
      expectAgreement(text)
      expectAgreement(mutate(text, &generator))
      if MLflowMetaFile.flatCharacterEntries(text) != nil { flat += 1 }
    }
    // The generated files must exercise the readers, not only their refusals.
    #expect(flat > 300)
  }

  @Test func aRunMetaFileAsMLflowWritesItIsReadOverBytes() throws {
    let text = """
      artifact_uri: file:///tmp/mlruns/1/abc/artifacts
      end_time: 1700008768900
      entry_point_name: ''
      experiment_id: '1'
      lifecycle_stage: active
      run_id: abc
      status: 3
      tags: []
      user_id: null

      """
    expectAgreement(text)
    let entries = try #require(MLflowMetaFile.flatEntries(text))
    #expect(entries.map(\.key).first == "artifact_uri")
    #expect(entries[1].value.scalar == "1700008768900" && entries[1].value.column == 11)
    #expect(entries[2].value.scalar == "" && !entries[2].value.isNull)
    #expect(entries[3].value.scalar == "1")
    #expect(entries[7].value.scalar == nil && !entries[7].value.isNull)
    #expect(entries[8].value.isNull && entries[8].value.line == 9)
  }

  @Test func textWithACarriageReturnOrPastASCIIIsReadByCharacters() {
    for text in [
      "a: 1\r\nb: 2\r\n", "a: 1\r", "name: caf\u{E9}\n", "name: '\u{301}x'\n", "a:\u{301} 1\n",
    ] {
      let entries = MLflowMetaFile.flatEntries(text)
      let characters = MLflowMetaFile.flatCharacterEntries(text)
      #expect(entries?.map(\.key) == characters?.map(\.key), "\(text.debugDescription)")
      #expect(
        entries?.map(\.value.scalar) == characters?.map(\.value.scalar), "\(text.debugDescription)")
    }
    #expect(MLflowMetaFile.flatEntries("name: caf\u{E9}\n")?.first?.value.scalar == "caf\u{E9}")
  }

  @Test func blankTextIsFoundAsTheCharacterCheckFindsIt() {
    var generator = SystemRandomNumberGenerator()
    let pieces = [
      " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "a",
      "\u{1C}", "\u{301}", "",
    ]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
        pieces.randomElement(using: &generator)!
      }.joined()
      #expect(
        MLflowMetaFile.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(text.debugDescription)")
    }
  }
}
