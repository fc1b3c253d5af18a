import MLDebtTestSupport
import Testing

@testable import MLDebt

/// The metric-file parser reads the common line (`<timestamp> <value> <step>`) in one pass and
/// every other line the general way; these tests check that the two ways always agree.
@Suite("MLflow metric files: the common-line scanner agrees with the general reader")
struct MLflowMetricCommonLineTests {
  /// Both ways of reading, with and without the history, give the same answer, bit for bit.
  private func expectAgreement(_ text: [UInt8], _ comment: @autoclosure () -> String) {
    for keepHistory in [false, true] {
      let (fast, general) = text.withUnsafeBufferPointer {
        (
          MLflowMetricFile.parse($0, keepHistory: keepHistory),
          MLflowMetricFile.parse($0, keepHistory: keepHistory, commonLines: false)
        )
      }
      #expect(fast.pointCount == general.pointCount, "\(comment())")
      #expect(fast.problems == general.problems, "\(comment())")
      #expect(fast.latest?.step == general.latest?.step, "\(comment())")
      #expect(fast.latest?.timestamp == general.latest?.timestamp, "\(comment())")
      #expect(
        fast.latest?.value.bitPattern == general.latest?.value.bitPattern, "\(comment())")
      #expect(
        fast.history.map(\.value.bitPattern) == general.history.map(\.value.bitPattern),
        "\(comment())")
      #expect(fast.history.map(\.step) == general.history.map(\.step), "\(comment())")
      #expect(fast.history.map(\.timestamp) == general.history.map(\.timestamp), "\(comment())")
    }
  }

  /// Digits, `count` of them.
  private func digits(_ count: Int, _ generator: inout some RandomNumberGenerator) -> String {
    String((0..<count).map { _ in "0123456789".randomElement(using: &generator)! })
  }

  /// A line as MLflow writes it, or one near it in form.
  private func line(_ generator: inout some RandomNumberGenerator) -> String {
    // Near the 18-digit limit of the scanner and the 19-digit limit of an Int64.
    let timestampDigits = [0, 1, 13, 17, 18, 19, 20].randomElement(using: &generator)!
    let stepDigits = [0, 1, 3, 18, 19].randomElement(using: &generator)!
    let timestamp =
      Bool.random(using: &generator) ? "1700000000000" : digits(timestampDigits, &generator)
    let step = Bool.random(using: &generator) ? "1" : digits(stepDigits, &generator)
    let values = [
      "\(Double.random(in: -1...1, using: &generator))", "0.5", "-0.25", "+1.5", "1e-05",
      "2.5E+3", "3e", "1.", ".5", ".", "-", "nan", "inf", "-inf", "1e400",
      digits(300, &generator), digits(301, &generator), digits(301, &generator) + "e-5",
      "0." + digits(299, &generator), "0." + digits(300, &generator),
    ]
    let value = values.randomElement(using: &generator)!
    var fields = [timestamp, value, step]
    switch Int.random(in: 0..<8, using: &generator) {
    case 0: fields.removeLast()
    case 1: fields += ["train", "d1g35t"]
    case 2: fields.append("x")
    default: break
    }
    let separator = [" ", " ", " ", "  ", "\t"].randomElement(using: &generator)!
    return fields.joined(separator: separator)
  }

  /// `text` with a few bytes replaced, inserted or removed, from the bytes that matter here.
  private func mutate(_ text: [UInt8], _ generator: inout some RandomNumberGenerator) -> [UInt8] {
    RandomEdits.mutate(text, alphabet: Array("0123456789 .-+eE\t\r\nxn".utf8), using: &generator)
  }

  @Test func generatedFilesReadTheSameBothWays() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let lines = (0..<Int.random(in: 0...8, using: &generator)).map { _ in line(&generator) }
      let newline = Bool.random(using: &generator) ? "\n" : "\r\n"
      var text = Array(
        (lines.joined(separator: newline) + (Bool.random(using: &generator) ? newline : "")).utf8)
      expectAgreement(text, String(decoding: text, as: UTF8.self))
      text = mutate(text, &generator)
      expectAgreement(text, String(decoding: text, as: UTF8.self))
    }
  }

  @Test func edgeLinesReadTheSameBothWays() {
    let lines = [
      "", "\n", "\n\n", " ", "1 2 3", "1 2 3\n", "1 2 3\r\n", "1 2 3\r", "1 2 3 \n", " 1 2 3\n",
      "1  2 3\n", "1 2  3\n", "1\t2 3\n", "1 2\n", "1 2\n1 2\n", "1 2 3\n4 5", "1 2 3\n4 5\n",
      "-1 2 3\n", "+1 2 3\n", "1 2 -3\n", "1 -0.0 3\n", "1 0.0 3\n", "1 2e 3\n", "1 2e+ 3\n",
      "1 e5 3\n", "1 .e5 3\n", "1 1.5e-7 3\n", "1 1E7 3\n", "1 nan 3\n", "1 NaN 3\n",
      "999999999999999999 1 999999999999999999\n", "9999999999999999999 1 1\n",
      "1 1 9223372036854775807\n", "1 1 9223372036854775808\n",
      "1700000000000 0.1 1\n1700000000000 0.30000000000000004 1\n",
      "1700000000000 0.30000000000000004 1\n1700000000000 0.1 1\n",
      "1700000000000 0.5 2\n1700000000000 nan 2\n1700000000000 0.7 2\n",
      "1 0.12345678901234567 1\n1 0.12345678901234567 1\n",
    ]
    for text in lines { expectAgreement(Array(text.utf8), text) }
  }

  @Test func digitRunsCountAsAByteLoopDoes() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<5_000 {
      // Mostly digits, with any other byte (the ones next to the digits included) here and there.
      let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
        Int.random(in: 0..<4, using: &generator) == 0
          ? UInt8.random(in: 0...255, using: &generator)
          : UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator)
      }
      let start = Int.random(in: 0...bytes.count, using: &generator)
      var expected = start
      while expected < bytes.count && bytes[expected] >= 0x30 && bytes[expected] <= 0x39 {
        expected += 1
      }
      let run = bytes.withUnsafeBufferPointer { MLflowMetricFile.digitRun($0, from: start) }
      #expect(run == expected - start, "\(bytes) from \(start)")
    }
  }
}
