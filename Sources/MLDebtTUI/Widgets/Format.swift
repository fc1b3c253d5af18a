import Foundation

/// Short, locale-independent text forms of numbers, times and durations for narrow columns.
public enum Format {
  /// A number in at most about 7 columns: `0.8123`, `12.3k`, `4.5M`, `1.2e-05`, `NaN`.
  public static func number(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    let magnitude = abs(value)
    if magnitude == 0 { return "0" }
    if magnitude >= 1_000_000_000 { return trimmed(value / 1_000_000_000, 1) + "G" }
    if magnitude >= 1_000_000 { return trimmed(value / 1_000_000, 1) + "M" }
    if magnitude >= 10_000 { return trimmed(value / 1000, 1) + "k" }
    if magnitude >= 100 { return trimmed(value, 1) }
    if magnitude >= 0.001 { return trimmed(value, 4) }
    return String(format: "%.1e", value)
  }

  private static func trimmed(_ value: Double, _ digits: Int) -> String {
    var text = String(format: "%.\(digits)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// A duration in milliseconds as `850ms`, `42s`, `3m12s`, `2h05m`, `3d04h`.
  public static func duration(milliseconds: Int64) -> String {
    if milliseconds < 0 { return "-" }
    if milliseconds < 1000 { return "\(milliseconds)ms" }
    let seconds = milliseconds / 1000
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m\(twoDigits(seconds % 60))s" }
    if seconds < 86_400 { return "\(seconds / 3600)h\(twoDigits((seconds % 3600) / 60))m" }
    return "\(seconds / 86_400)d\(twoDigits((seconds % 86_400) / 3600))h"
  }

  /// A time in milliseconds since the epoch as `YYYY-MM-DD HH:MM` in UTC.
  public static func timestamp(milliseconds: Int64) -> String {
    var seconds = time_t(milliseconds / 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return String(
      format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min))
  }

  private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
