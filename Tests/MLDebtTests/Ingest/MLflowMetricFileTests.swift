import Testing

@testable import MLDebt

/// The metric-file parser without the history reads a long value only when it decides the
/// latest point; these tests check that it answers exactly as reading every value does.
@Suite("MLflow metric files: latest value without reading every value")
struct MLflowMetricFileTests {
  /// The same answer, bit for bit (NaN included).
  private func same(_ a: MetricPoint?, _ b: MetricPoint?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.step == b.step && a.timestamp == b.timestamp
      && a.value.bitPattern == b.value.bitPattern
  }

  /// A value as Python's `repr` writes it, or one of the other spellings MLflow files hold.
  private func valueText(_ generator: inout some RandomNumberGenerator) -> String {
    switch Int.random(in: 0..<10, using: &generator) {
    case 0:
      return ["nan", "NaN", "-nan", "inf", "-inf", "Infinity"].randomElement(using: &generator)!
    case 1: return String(Int.random(in: -5...5, using: &generator))
    case 2: return ["0.5", "1e-05", "2.5E+3", "-0.25"].randomElement(using: &generator)!
    case 3:
      return [
        "abc", "1.2.3", "1e", "--1", "0x10", "1.5x", "+.5", "5.", "1e+", ".e1", "+", "-.", ".",
      ]
      .randomElement(using: &generator)!
    case 4: return "1e" + String(Int.random(in: 300...400, using: &generator))
    default:
      // 17 significant digits: the slow path, postponed without the history.
      return "\(Double.random(in: -1...1, using: &generator))"
    }
  }

  @Test func latestWithoutHistoryEqualsLatestOfTheWholeHistory() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      var lines: [String] = []
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        // Few steps and timestamps, so that ties (decided by the values) are common.
        let timestamp = String(1_700_000_000_000 + Int.random(in: 0...2, using: &generator))
        let step = String(Int.random(in: 0...2, using: &generator))
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: lines.append(timestamp + " " + valueText(&generator))
        case 1: lines.append("garbage")
        case 2: lines.append(timestamp + " " + valueText(&generator) + " x")
        case 3: lines.append("")
        default: lines.append([timestamp, valueText(&generator), step].joined(separator: " "))
        }
      }
      let newline = Bool.random(using: &generator) ? "\n" : "\r\n"
      let text = lines.joined(separator: newline) + (Bool.random(using: &generator) ? newline : "")
      let bytes = Array(text.utf8)
      let full = MLflowMetricFile.parse(bytes, keepHistory: true)
      let lean = MLflowMetricFile.parse(bytes, keepHistory: false)
      #expect(same(lean.latest, MLflowMetricFile.latest(of: full.history)), "\(text)")
      #expect(same(lean.latest, full.latest), "\(text)")
      #expect(lean.pointCount == full.pointCount, "\(text)")
      #expect(lean.problems == full.problems, "\(text)")
      #expect(lean.history.isEmpty)
    }
  }

  @Test func aTieOnStepAndTimestampIsDecidedByTheLongValues() {
    let text = """
      100 0.12345678901234567 1
      100 0.92345678901234567 1
      100 0.52345678901234567 1

      """
    let parsed = MLflowMetricFile.parse(Array(text.utf8), keepHistory: false)
    #expect(parsed.latest?.value == 0.92345678901234567)
    #expect(parsed.pointCount == 3)
  }

  @Test func aLongValueThatIsNotANumberIsStillReported() {
    let text = "100 0.123456789012345678901x 1\n101 0.98765432109876543 2\n"
    let parsed = MLflowMetricFile.parse(Array(text.utf8), keepHistory: false)
    #expect(parsed.problems.map(\.line) == [1])
    #expect(parsed.latest?.value == 0.98765432109876543)
    #expect(parsed.latest?.step == 2)
  }
}
