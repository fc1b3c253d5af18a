import ArgumentParser
import Foundation
import MLDebt

/// Options of the commands that compute the checklist.
struct ChecklistOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "Judge ages (stale experiments, attestations) as of this date, YYYY-MM-DD (default: today).")
  var asOf: String?

  /// The time findings are judged at.
  func now() throws -> Date {
    guard let asOf else { return Date() }
    guard let seconds = ISODates.day(asOf) else {
      throw ValidationError("--as-of takes a date as YYYY-MM-DD, not \(asOf)")
    }
    return Date(timeIntervalSince1970: seconds)
  }
}
