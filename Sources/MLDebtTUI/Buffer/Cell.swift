/// One terminal cell: a grapheme, its display width, and how it looks.
public struct Cell: Sendable, Hashable {
  /// The grapheme shown, already sanitized; empty for the right half of a wide character.
  public var text: String
  /// 1 for a normal cell, 2 for the left half of a wide character, 0 for its right half.
  public var width: Int
  /// Its style.
  public var style: Style

  /// Creates a cell.
  public init(text: String, width: Int = 1, style: Style = .plain) {
    self.text = text
    self.width = width
    self.style = style
  }

  /// A space in the default style.
  public static let blank = Cell(text: " ")

  /// Whether this is the right half of a wide character.
  public var isContinuation: Bool { width == 0 }
}
