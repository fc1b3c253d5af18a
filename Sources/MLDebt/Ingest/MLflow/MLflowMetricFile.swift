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
    var parsed = Parsed()
    bytes.withUnsafeBufferPointer { buffer in
      // The fields of every line, so that no line allocates (a line has at most 5; a 6th or
      // 7th only tells that it has too many).
      withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 7) { fields in
        parseLines(buffer, fields: fields, keepHistory: keepHistory, into: &parsed)
      }
    }
    return parsed
  }

  private static func parseLines(
    _ buffer: UnsafeBufferPointer<UInt8>, fields: UnsafeMutableBufferPointer<Range<Int>>,
    keepHistory: Bool, into parsed: inout Parsed
  ) {
    let count = buffer.count
    var lineStart = 0
    var lineNumber = 0
    var sawFullLine = false
    // The value field of the latest point while its value is still unread.
    var latestUnread: Range<Int>?
    while lineStart < count {
      lineNumber += 1
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
      defer { lineStart = lineEnd + 1 }
      if fieldCount == 0 { continue }  // A blank line holds nothing.

      func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
      }

      let valid = fieldCount == 2 || fieldCount == 3 || fieldCount == 5
      let cutShort = !terminated && fieldCount < 3 && sawFullLine
      guard valid && !cutShort else {
        var message = "line \(lineNumber) has \(fieldCount) field\(fieldCount == 1 ? "" : "s")"
        if !terminated { message += " and no newline at its end (a write cut short?)" }
        parsed.problems.append(Problem(line: lineNumber, message: message, expected: lineFormat))
        continue
      }
      if fieldCount >= 3 { sawFullLine = true }
      guard let timestamp = integer(buffer, fields[0]) else {
        parsed.problems.append(
          Problem(
            line: lineNumber,
            message:
              "line \(lineNumber): the timestamp \(quoted(text(fields[0]))) is not a whole number",
            expected: "milliseconds since the epoch"))
        continue
      }
      let value: Double
      var valueUnread = false
      if !keepHistory && CSVNumber.isPlainDecimal(UnsafeBufferPointer(rebasing: buffer[fields[1]]))
      {
        // A well-formed decimal: its value is read only if it decides the latest point.
        value = .nan
        valueUnread = true
      } else {
        switch scanNumber(buffer, fields[1]) {
        case .number(let number, _): value = number
        case .needsExactParse: value = exact(buffer, fields[1])
        case .notANumber:
          parsed.problems.append(
            Problem(
              line: lineNumber,
              message: "line \(lineNumber): the value \(quoted(text(fields[1]))) is not a number",
              expected: "a number (MLflow writes nan, inf and -inf for special values)"))
          continue
        }
      }
      var step: Int64 = 0
      if fieldCount >= 3 {
        guard let parsedStep = integer(buffer, fields[2]) else {
          parsed.problems.append(
            Problem(
              line: lineNumber,
              message:
                "line \(lineNumber): the step \(quoted(text(fields[2]))) is not a whole number",
              expected: "a whole-number step"))
          continue
        }
        step = parsedStep
      }
      var point = MetricPoint(timestamp: timestamp, value: value, step: step)
      parsed.pointCount += 1
      if keepHistory { parsed.history.append(point) }
      guard var latest = parsed.latest else {
        parsed.latest = point
        latestUnread = valueUnread ? fields[1] : nil
        continue
      }
      // Values decide only between points of the same step and timestamp: read them then.
      if point.step == latest.step && point.timestamp == latest.timestamp {
        if valueUnread { point.value = exact(buffer, fields[1]) }
        if let unread = latestUnread {
          latest.value = exact(buffer, unread)
          parsed.latest = latest
          latestUnread = nil
        }
        valueUnread = false
      }
      if isLater(point, than: latest) {
        parsed.latest = point
        latestUnread = valueUnread ? fields[1] : nil
      }
    }
    if let unread = latestUnread { parsed.latest?.value = exact(buffer, unread) }
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
