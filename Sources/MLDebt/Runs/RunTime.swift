import Foundation

/// How run times are shown: UTC timestamps and short durations.
public enum RunTime {
  /// `2026-11-20 14:03` (UTC) for milliseconds since the epoch.
  public static func timestamp(milliseconds: Int64) -> String {
    let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))"
  }

  /// `1h 02m`, `3m 07s`, `12s`, `4.2s`.
  public static func duration(milliseconds: Int64) -> String {
    let seconds = Double(milliseconds) / 1000
    if seconds < 10 { return String(format: "%.1fs", seconds) }
    let whole = Int(seconds)
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 { return "\(whole / 60)m " + String(format: "%02ds", whole % 60) }
    return "\(whole / 3600)h " + String(format: "%02dm", whole % 3600 / 60)
  }
}
