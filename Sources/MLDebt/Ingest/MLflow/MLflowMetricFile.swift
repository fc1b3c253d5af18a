/// Parses the metric files of an MLflow file store, and picks a metric's latest value.
///
/// MLflow (`mlflow/store/tracking/file_store.py`, `_log_run_metric` and
/// `_get_metric_from_line`) appends one line per logged value: `<timestamp> <value> <step>`,
/// or `<timestamp> <value> <step> <dataset name> <dataset digest>` when the value was logged
/// against a dataset. Files written before steps existed have `<timestamp> <value>` (step 0).
/// Values are Python floats, so `nan`, `inf` and `-inf` appear.
public enum MLflowMetricFile {
  /// A line that could not be read.
  public struct Problem: Sendable, Hashable {
    /// The 1-based line.
    public var line: Int
    /// What is wrong with it.
    public var message: String
    /// What was expected.
    public var expected: String
  }

  /// What a metric file holds.
  public struct Parsed: Sendable {
    /// The points, in file order (only when the history was asked for).
    public var history: [MetricPoint] = []
    /// The latest point, by ``isLater(_:than:)``.
    public var latest: MetricPoint?
    /// How many lines gave a point.
    public var pointCount = 0
    /// Lines that were skipped.
    public var problems: [Problem] = []
  }

  /// The line format, for messages.
  public static let lineFormat = "`<timestamp> <value> <step>`"

  /// Parses a metric file's bytes. Bad lines are skipped and reported; the rest are kept.
  ///
  /// Without the history, a value that needs the slow exact parser (17 or more digits, how
  /// Python writes most floats) is checked for its form on every line but read only when it
  /// decides the latest point: the answer is the same, at a fraction of the work.
  public static func parse(_ bytes: [UInt8], keepHistory: Bool) -> Parsed {
    bytes.withUnsafeBufferPointer { parse($0, keepHistory: keepHistory) }
  }

  /// ``parse(_:keepHistory:)`` of bytes in memory that the caller owns. `commonLines: false`
  /// reads every line the general way (for the tests that compare the two ways).
  static func parse(
    _ buffer: UnsafeBufferPointer<UInt8>, keepHistory: Bool, commonLines: Bool = true
  ) -> Parsed {
    var parsed = Parsed()
    // The fields of every line, so that no line allocates (a line has at most 5; a 6th or
    // 7th only tells that it has too many).
    withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 7) { fields in
      parseLines(
        buffer, fields: fields, keepHistory: keepHistory, commonLines: commonLines, into: &parsed)
    }
    return parsed
  }

  /// A line that gave a point.
  private struct LinePoint {
    var timestamp: Int64
    var value: Double
    var step: Int64
    /// The value's field while the value is still unread (then `value` is NaN).
    var unread: Range<Int>?
  }

  private static func parseLines(
    _ buffer: UnsafeBufferPointer<UInt8>, fields: UnsafeMutableBufferPointer<Range<Int>>,
    keepHistory: Bool, commonLines: Bool, into parsed: inout Parsed
  ) {
    let count = buffer.count
    var lineStart = 0
    var lineNumber = 0
    var sawFullLine = false
    // The value field of the latest point while its value is still unread.
    var latestUnread: Range<Int>?
    while lineStart < count {
      lineNumber += 1
      let line: LinePoint
      if commonLines, let common = commonLine(buffer, from: lineStart) {
        // What the general way below gives such a line, in one pass.
        lineStart = common.end + 1
        sawFullLine = true
        if keepHistory {
          line = LinePoint(
            timestamp: common.timestamp, value: plainValue(buffer, common.value),
            step: common.step)
        } else {
          line = LinePoint(
            timestamp: common.timestamp, value: .nan, step: common.step, unread: common.value)
        }
      } else {
        let (end, read) = generalLine(
          buffer, from: lineStart, number: lineNumber, fields: fields, keepHistory: keepHistory,
          sawFullLine: &sawFullLine, problems: &parsed.problems)
        lineStart = end + 1
        guard let read else { continue }
        line = read
      }
      var point = MetricPoint(timestamp: line.timestamp, value: line.value, step: line.step)
      var valueUnread = line.unread
      parsed.pointCount += 1
      if keepHistory { parsed.history.append(point) }
      guard var latest = parsed.latest else {
        parsed.latest = point
        latestUnread = valueUnread
        continue
      }
      // Values decide only between points of the same step and timestamp: read them then.
      if point.step == latest.step && point.timestamp == latest.timestamp {
        if let unread = valueUnread { point.value = exact(buffer, unread) }
        if let unread = latestUnread {
          latest.value = exact(buffer, unread)
          parsed.latest = latest
          latestUnread = nil
        }
        valueUnread = nil
      }
      if isLater(point, than: latest) {
        parsed.latest = point
        latestUnread = valueUnread
      }
    }
    if let unread = latestUnread { parsed.latest?.value = exact(buffer, unread) }
  }

  /// The line MLflow writes for a value logged without a dataset, `<timestamp> <value> <step>`
  /// and a newline (or the end of the file), read in one pass: digits, one space, a decimal of
  /// ``CSVNumber/isPlainDecimal(_:)``'s form, one space, digits. `nil` for anything else (a
  /// sign, a tab, a carriage return, a long number, other fields), which ``generalLine`` reads.
  /// Where this answers, it gives what ``generalLine`` gives.
  @inline(__always)
  private static func commonLine(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (
    timestamp: Int64, value: Range<Int>, step: Int64, end: Int
  )? {
    let count = buffer.count
    // At most 18 digits, which cannot overflow an Int64.
    let timestampDigits = digitRun(buffer, from: start)
    var i = start + timestampDigits
    guard timestampDigits > 0, timestampDigits <= 18, i < count, buffer[i] == 0x20 else {
      return nil
    }
    i += 1
    let valueStart = i
    if i < count && (buffer[i] == 0x2D || buffer[i] == 0x2B) { i += 1 }
    var digits = digitRun(buffer, from: i)
    i += digits
    if i < count && buffer[i] == 0x2E {
      let fraction = digitRun(buffer, from: i + 1)
      digits += fraction
      i += 1 + fraction
    }
    guard digits > 0, i < count else { return nil }
    if buffer[i] | 0x20 == 0x65 {
      i += 1
      if i < count && (buffer[i] == 0x2D || buffer[i] == 0x2B) { i += 1 }
      let exponentDigits = digitRun(buffer, from: i)
      guard exponentDigits > 0 else { return nil }
      i += exponentDigits
    } else if digits > 300 {
      return nil
    }
    guard i < count, buffer[i] == 0x20 else { return nil }
    let value = valueStart..<i
    i += 1
    let stepDigits = digitRun(buffer, from: i)
    guard stepDigits > 0, stepDigits <= 18 else { return nil }
    let step = digitValue(buffer, from: i, count: stepDigits)
    i += stepDigits
    guard i == count || buffer[i] == 0x0A else { return nil }
    return (digitValue(buffer, from: start, count: timestampDigits), value, step, i)
  }

  /// How many ASCII digits follow `start` in `buffer`, looked at eight bytes at a time while
  /// eight are left. A byte is a digit exactly when neither `byte - 0x30` nor `byte + 0x46`
  /// sets its high bit; a borrow or carry between the bytes of a word starts only at a byte that
  /// is no digit and reaches only the bytes after it, so the first flagged byte is the first
  /// that is no digit.
  @inline(__always)
  static func digitRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let count = buffer.count
    var i = start
    if let base = buffer.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= count {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let flags =
          ((word &- 0x3030_3030_3030_3030) | (word &+ 0x4646_4646_4646_4646))
          & 0x8080_8080_8080_8080
        if flags != 0 { return i + (flags.trailingZeroBitCount >> 3) - start }
        i += 8
      }
    }
    while i < count && buffer[i] &- 0x30 < 10 { i += 1 }
    return i - start
  }

  /// The value of `count` (at most 18) ASCII digits at `start`.
  @inline(__always)
  private static func digitValue(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, count: Int)
    -> Int64
  {
    var value: Int64 = 0
    for index in start..<(start + count) { value = value &* 10 &+ Int64(buffer[index] &- 0x30) }
    return value
  }

  /// Reads any line from `start`: splits it into fields, checks them and reports a problem.
  /// Gives the line's end (its newline, or the end of the file) and its point, if it has one.
  private static func generalLine(
    _ buffer: UnsafeBufferPointer<UInt8>, from lineStart: Int, number lineNumber: Int,
    fields: UnsafeMutableBufferPointer<Range<Int>>, keepHistory: Bool,
    sawFullLine: inout Bool, problems: inout [Problem]
  ) -> (end: Int, point: LinePoint?) {
    let count = buffer.count
    // One pass to the line's end, splitting on spaces and tabs; a carriage return just
    // before the newline (or the end of the file) ends the content.
    var fieldCount = 0
    var index = lineStart
    var fieldStart = -1
    while index < count {
      let byte = buffer[index]
      if byte == 0x0A { break }
      let separates =
        byte == 0x20 || byte == 0x09
        || (byte == 0x0D && (index + 1 == count || buffer[index + 1] == 0x0A))
      if separates {
        if fieldStart >= 0 && fieldCount < 7 {
          fields[fieldCount] = fieldStart..<index
          fieldCount += 1
        }
        fieldStart = -1
      } else if fieldStart < 0 {
        fieldStart = index
      }
      index += 1
    }
    if fieldStart >= 0 && fieldCount < 7 {
      fields[fieldCount] = fieldStart..<index
      fieldCount += 1
    }
    let lineEnd = index
    let terminated = lineEnd < count
    if fieldCount == 0 { return (lineEnd, nil) }  // A blank line holds nothing.

    func text(_ range: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    let valid = fieldCount == 2 || fieldCount == 3 || fieldCount == 5
    let cutShort = !terminated && fieldCount < 3 && sawFullLine
    guard valid && !cutShort else {
      var message = "line \(lineNumber) has \(fieldCount) field\(fieldCount == 1 ? "" : "s")"
      if !terminated { message += " and no newline at its end (a write cut short?)" }
      problems.append(Problem(line: lineNumber, message: message, expected: lineFormat))
      return (lineEnd, nil)
    }
    if fieldCount >= 3 { sawFullLine = true }
    guard let timestamp = integer(buffer, fields[0]) else {
      problems.append(
        Problem(
          line: lineNumber,
          message:
            "line \(lineNumber): the timestamp \(quoted(text(fields[0]))) is not a whole number",
          expected: "milliseconds since the epoch"))
      return (lineEnd, nil)
    }
    let value: Double
    var unread: Range<Int>?
    if !keepHistory && CSVNumber.isPlainDecimal(UnsafeBufferPointer(rebasing: buffer[fields[1]])) {
      // A well-formed decimal: its value is read only if it decides the latest point.
      value = .nan
      unread = fields[1]
    } else {
      switch scanNumber(buffer, fields[1]) {
      case .number(let number, _): value = number
      case .needsExactParse: value = exact(buffer, fields[1])
      case .notANumber:
        problems.append(
          Problem(
            line: lineNumber,
            message: "line \(lineNumber): the value \(quoted(text(fields[1]))) is not a number",
            expected: "a number (MLflow writes nan, inf and -inf for special values)"))
        return (lineEnd, nil)
      }
    }
    var step: Int64 = 0
    if fieldCount >= 3 {
      guard let parsedStep = integer(buffer, fields[2]) else {
        problems.append(
          Problem(
            line: lineNumber,
            message:
              "line \(lineNumber): the step \(quoted(text(fields[2]))) is not a whole number",
            expected: "a whole-number step"))
        return (lineEnd, nil)
      }
      step = parsedStep
    }
    return (lineEnd, LinePoint(timestamp: timestamp, value: value, step: step, unread: unread))
  }

  /// The value of a field of ``CSVNumber/isPlainDecimal(_:)``'s form, read as
  /// ``generalLine`` reads it when the history is kept.
  private static func plainValue(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Double
  {
    switch scanNumber(buffer, range) {
    case .number(let number, _): return number
    case .needsExactParse, .notANumber: return exact(buffer, range)
    }
  }

  /// MLflow's rule for a metric's latest value: the largest step, then the latest timestamp,
  /// then the largest value. The file store computes
  /// `max(metric_objs, key=lambda m: (m.step, m.timestamp, m.value))` over the file's lines in
  /// order (`FileStore._get_metric_from_file`); Python's `max` replaces its pick only when a
  /// later key compares strictly greater, so on a tie the earlier line wins and a NaN value
  /// (which compares neither greater nor smaller) never replaces nor is replaced at the same
  /// step and timestamp. `a` is later than `b` exactly when Python's `(a…) > (b…)` is true.
  public static func isLater(_ a: MetricPoint, than b: MetricPoint) -> Bool {
    if a.step != b.step { return a.step > b.step }
    if a.timestamp != b.timestamp { return a.timestamp > b.timestamp }
    return a.value > b.value
  }

  /// The latest of some points, by ``isLater(_:than:)``.
  public static func latest(of points: [MetricPoint]) -> MetricPoint? {
    points.reduce(nil) { best, point in
      guard let best else { return point }
      return isLater(point, than: best) ? point : best
    }
  }

  /// Parses a Python float's text in place (`0.5`, `1e-05`, `nan`, `inf`, `-inf`), without
  /// making a `String`: the exact fast path of ``CSVNumber/parse(_:)`` for the usual short
  /// decimals, Swift's correctly rounded parser only for long or extreme ones.
  static func number(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
    let field = UnsafeBufferPointer(rebasing: buffer[range])
    if let parsed = CSVNumber.parse(field) { return parsed.value }
    // `nan`, `+nan` and `-nan` in any case; CSVNumber reads the infinities.
    var start = range.lowerBound
    if start < range.upperBound && (buffer[start] == 0x2B || buffer[start] == 0x2D) { start += 1 }
    guard range.upperBound - start == 3 else { return nil }
    let isNaN =
      buffer[start] | 0x20 == 0x6E && buffer[start + 1] | 0x20 == 0x61
      && buffer[start + 2] | 0x20 == 0x6E
    return isNaN ? .nan : nil
  }

  /// The value of a field that was found well formed (``CSVNumber/isPlainDecimal(_:)``, or
  /// ``scanNumber(_:_:)`` in need of the exact parser), which ``CSVNumber/parse(_:)`` always
  /// reads.
  private static func exact(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
    CSVNumber.parse(UnsafeBufferPointer(rebasing: buffer[range]))?.value ?? .nan
  }

  /// ``number(_:_:)``'s check of a field's form, with the value when the fast path reads it
  /// (`nan` in any case included).
  static func scanNumber(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> CSVNumber.Scan
  {
    let scanned = CSVNumber.scan(UnsafeBufferPointer(rebasing: buffer[range]))
    guard case .notANumber = scanned else { return scanned }
    return number(buffer, range).map { .number($0, integer: false) } ?? .notANumber
  }

  /// Parses a Python float's text (`0.5`, `1e-05`, `nan`, `inf`, `-inf`).
  static func number(_ text: String) -> Double? {
    if let value = Double(text) { return value }
    switch text.lowercased() {
    case "nan", "+nan", "-nan": return .nan
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return nil
    }
  }

  private static func integer(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
    var index = range.lowerBound
    var negative = false
    if index < range.upperBound && (buffer[index] == 0x2D || buffer[index] == 0x2B) {
      negative = buffer[index] == 0x2D
      index += 1
    }
    guard index < range.upperBound else { return nil }
    var value: Int64 = 0
    while index < range.upperBound {
      let digit = buffer[index] &- 0x30
      guard digit < 10 else { return nil }
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int64(digit))
      if overflow1 || overflow2 { return nil }
      value = sum
      index += 1
    }
    return negative ? -value : value
  }

  /// A field for a message: back-quoted, cut to 40 characters, control characters escaped.
  static func quoted(_ text: String) -> String {
    var shown = String(text.prefix(40))
    shown = String(
      shown.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    return "`\(shown)\(text.count > 40 ? "…" : "")`"
  }
}
