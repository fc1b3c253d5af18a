/// A monitoring window's length, written as a count and a unit: `12h`, `1d`, `1w`.
public struct WindowLength: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The length in seconds.
  public let seconds: Int

  /// Parses `<count><unit>` with unit `h`, `d` or `w`. Returns `nil` for anything else.
  public init?(_ text: String) {
    guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
    switch unit {
    case "h": seconds = count * 3600
    case "d": seconds = count * 86_400
    case "w": seconds = count * 604_800
    default: return nil
    }
  }

  /// The shortest text form.
  public var description: String {
    if seconds % 604_800 == 0 { return "\(seconds / 604_800)w" }
    if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
    return "\(seconds / 3600)h"
  }
}
