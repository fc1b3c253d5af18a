/// Text attributes a cell can carry, independent of colour.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  /// The raw bits.
  public let rawValue: UInt8

  /// Creates attributes from raw bits.
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold (or bright).
  public static let bold = TextAttributes(rawValue: 1 << 0)
  /// Dim.
  public static let dim = TextAttributes(rawValue: 1 << 1)
  /// Underlined.
  public static let underline = TextAttributes(rawValue: 1 << 2)
  /// Reverse video.
  public static let reverse = TextAttributes(rawValue: 1 << 3)
  /// Italic.
  public static let italic = TextAttributes(rawValue: 1 << 4)

  /// Every attribute with its name, in theme-file spelling.
  public static let named: [(String, TextAttributes)] = [
    ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ("italic", .italic),
  ]
}
