/// A colour in a theme: the terminal's default, one of 256 indexed colours, or an RGB value.
public enum ThemeColor: Sendable, Hashable {
  /// The terminal's own foreground or background.
  case terminalDefault
  /// An xterm palette index, 0–255.
  case indexed(Int)
  /// A 24-bit colour, reduced to the palette the terminal has.
  case rgb(UInt8, UInt8, UInt8)

  /// The basic colour names, with their index (bright ones are 8–15).
  public static let names: [String: Int] = [
    "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10,
    "bright-yellow": 11, "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14,
    "bright-white": 15,
  ]

  /// Parses `default`, a colour name, an index `0`–`255`, or `#rrggbb`.
  public init?(parsing text: String) {
    let lower = text.lowercased()
    if lower == "default" || lower == "none" {
      self = .terminalDefault
    } else if let index = Self.names[lower] {
      self = .indexed(index)
    } else if let index = Int(lower), (0...255).contains(index) {
      self = .indexed(index)
    } else if lower.hasPrefix("#"), lower.count == 7,
      let value = UInt32(lower.dropFirst(), radix: 16)
    {
      self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    } else {
      return nil
    }
  }

  /// The colour as an index the terminal can show (`-1` for the default), for a terminal with
  /// `colors` colours (256, 16 or 8).
  public func index(forColors colors: Int) -> Int {
    switch self {
    case .terminalDefault:
      return -1
    case .indexed(let index):
      if index < colors { return index }
      return Self.nearestBasic(Self.rgbOf(index), colors: colors)
    case .rgb(let r, let g, let b):
      if colors >= 256 { return Self.nearest256(r, g, b) }
      return Self.nearestBasic((Int(r), Int(g), Int(b)), colors: colors)
    }
  }

  private static let cubeLevels = [0, 95, 135, 175, 215, 255]

  static func rgbOf(_ index: Int) -> (Int, Int, Int) {
    if index < 16 { return basic[index] }
    if index >= 232 {
      let level = 8 + (index - 232) * 10
      return (level, level, level)
    }
    let cube = index - 16
    return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
  }

  private static let basic: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]

  private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
    let dr = a.0 - b.0
    let dg = a.1 - b.1
    let db = a.2 - b.2
    return dr * dr + dg * dg + db * db
  }

  static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    let target = (Int(r), Int(g), Int(b))
    return (16..<256).min { distance(rgbOf($0), target) < distance(rgbOf($1), target) } ?? 7
  }

  static func nearestBasic(_ target: (Int, Int, Int), colors: Int) -> Int {
    let count = min(16, max(8, colors))
    return (0..<count).min { distance(basic[$0], target) < distance(basic[$1], target) } ?? 7
  }
}
