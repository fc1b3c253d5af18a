import Foundation

/// Timestamps and windows.
///
/// A timestamp cell is either a number (seconds since the epoch) or ISO 8601:
/// `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fraction]]`, optionally
/// followed by `Z` or an offset `±HH:MM` / `±HHMM`. Times without an offset are UTC.
/// Windows are aligned to the epoch in UTC: hour and day windows start on the hour and at
/// midnight; week multiples start on Mondays 00:00 UTC (as DuckDB's `date_trunc('week')` and
/// pandas' `W-SUN` periods). A window is labelled by its start: `2019-03-25` (or
/// `2019-03-25T06:00Z` for windows that are not whole days).
public enum Windowing {
  /// Seconds since the epoch of a timestamp cell, or `nil`.
  public static func parseTimestamp(_ text: String) -> Double? {
    var utf8 = Array(text.utf8)
    return utf8.withUnsafeMutableBufferPointer { parseTimestamp(UnsafeBufferPointer($0)) }
  }

  /// Seconds since the epoch of a timestamp cell's bytes, or `nil`.
  static func parseTimestamp(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0
    var end = b.count
    while start < end && b[start] == 0x20 { start += 1 }
    while end > start && b[end - 1] == 0x20 { end -= 1 }
    guard end > start else { return nil }
    func digits(_ at: Int, _ count: Int) -> Int? {
      guard at + count <= end else { return nil }
      var value = 0
      for i in at..<(at + count) {
        let d = b[i] &- 0x30
        guard d < 10 else { return nil }
        value = value * 10 + Int(d)
      }
      return value
    }
    // ISO date?
    if end - start >= 10, b[start + 4] == 0x2D, b[start + 7] == 0x2D,
      let year = digits(start, 4), let month = digits(start + 5, 2), let day = digits(start + 8, 2),
      (1...12).contains(month), (1...31).contains(day)
    {
      var seconds = Double(daysFromCivil(year, month, day)) * 86_400
      var i = start + 10
      if i < end && (b[i] == 0x54 || b[i] == 0x20) {
        i += 1
        guard let hour = digits(i, 2), i + 2 < end, b[i + 2] == 0x3A, let minute = digits(i + 3, 2),
          hour < 24, minute < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        i += 5
        if i < end && b[i] == 0x3A {
          guard let second = digits(i + 1, 2), second <= 60 else { return nil }
          seconds += Double(second)
          i += 3
          if i < end && (b[i] == 0x2E || b[i] == 0x2C) {
            i += 1
            var scale = 0.1
            while i < end, b[i] &- 0x30 < 10 {
              seconds += Double(b[i] &- 0x30) * scale
              scale /= 10
              i += 1
            }
          }
        }
        if i < end && b[i] == 0x5A {
          i += 1
        } else if i < end && (b[i] == 0x2B || b[i] == 0x2D) {
          let sign: Double = b[i] == 0x2D ? -1 : 1
          guard let hours = digits(i + 1, 2) else { return nil }
          var minutes = 0
          i += 3
          if i < end && b[i] == 0x3A { i += 1 }
          if let m = digits(i, 2) {
            minutes = m
            i += 2
          }
          seconds -= sign * Double(hours * 3600 + minutes * 60)
        }
      }
      return i == end ? seconds : nil
    }
    // Epoch seconds.
    guard let value = CSVNumber.parse(UnsafeBufferPointer(rebasing: b[start..<end])),
      value.value.isFinite
    else { return nil }
    return value.value
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The start of the window holding a time.
  public static func windowStart(_ time: Double, length: WindowLength) -> Double {
    let seconds = Double(length.seconds)
    let anchor: Double = length.seconds % 604_800 == 0 ? 4 * 86_400 : 0  // Monday 1970-01-05
    return ((time - anchor) / seconds).rounded(.down) * seconds + anchor
  }

  /// A window's label: its start date, or date and time when the length is not whole days.
  public static func label(_ start: Double, length: WindowLength) -> String {
    let days = Int((start / 86_400).rounded(.down))
    let (y, m, d) = civilFromDays(days)
    var text = String(format: "%04d-%02d-%02d", y, m, d)
    if length.seconds % 86_400 != 0 {
      let second = Int(start - Double(days) * 86_400)
      text += String(format: "T%02d:%02dZ", second / 3600, (second % 3600) / 60)
    }
    return text
  }

  static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  /// Groups rows into windows by time; rows without a valid time are reported and skipped.
  static func cut(
    _ times: [Double?], length: WindowLength, lines: [Int], sink: inout DiagnosticSink
  ) -> [DriftEngine.WindowRows] {
    var groups: [Double: [Int]] = [:]
    var bad = 0
    for (row, time) in times.enumerated() {
      guard let time else {
        if bad < 5 {
          sink.report(
            .warning, line: lines[row], "the timestamp is empty or not a date; row skipped",
            expected: "ISO 8601 (2024-03-04 or 2024-03-04T10:00:00Z) or epoch seconds")
        }
        bad += 1
        continue
      }
      groups[windowStart(time, length: length), default: []].append(row)
    }
    if bad > 5 {
      sink.report(.warning, "\(bad) rows in all had no valid timestamp and were skipped")
    }
    return groups.keys.sorted().map { start in
      DriftEngine.WindowRows(
        label: label(start, length: length), start: start,
        end: start + Double(length.seconds), table: 0, rows: groups[start]!)
    }
  }
}

extension CSVTable {
  /// Each row's timestamp (see ``Windowing``), parsed straight from the bytes.
  public func timestamps(_ index: Int) -> [Double?] {
    mapCells(index) { CSVNumber.isMissingToken($0) ? nil : Windowing.parseTimestamp($0) }
  }
}
