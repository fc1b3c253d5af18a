import Foundation

/// Parsing of the ISO 8601 dates and times found in manifests and attestations, in UTC.
public enum ISODates {
  /// Seconds since the epoch of a `YYYY-MM-DD` date at midnight UTC, or `nil` if it is not one.
  public static func day(_ text: String) -> Double? {
    let parts = text.prefix(10).split(separator: "-")
    guard text.count >= 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2,
      parts[2].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var components = DateComponents()
    components.calendar = Calendar(identifier: .gregorian)
    components.timeZone = TimeZone(identifier: "UTC")
    components.year = year
    components.month = month
    components.day = day
    guard let date = components.date, components.isValidDate else { return nil }
    return date.timeIntervalSince1970
  }
}
