/// A size in terminal cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// Creates a size.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// `W×H`.
  public var description: String { "\(width)×\(height)" }
}

/// A rectangle of terminal cells: origin at the top left, in columns and rows.
public struct Rect: Sendable, Hashable {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Width in columns (never negative).
  public var width: Int
  /// Height in rows (never negative).
  public var height: Int

  /// Creates a rectangle; negative sizes become zero.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// The rectangle covering a whole buffer of `size`.
  public init(_ size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

  /// One past the right column.
  public var maxX: Int { x + width }
  /// One past the bottom row.
  public var maxY: Int { y + height }
  /// Whether it has no cells.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// Whether the cell at (`px`, `py`) lies inside.
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  /// The rectangle shrunk by `dx` columns on each side and `dy` rows on top and bottom.
  public func inset(dx: Int, dy: Int) -> Rect {
    Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
  }

  /// The first `rows` rows.
  public func top(_ rows: Int) -> Rect { Rect(x: x, y: y, width: width, height: min(rows, height)) }

  /// Everything below the first `rows` rows.
  public func dropTop(_ rows: Int) -> Rect {
    let rows = min(max(0, rows), height)
    return Rect(x: x, y: y + rows, width: width, height: height - rows)
  }

  /// The last `rows` rows.
  public func bottom(_ rows: Int) -> Rect {
    let rows = min(max(0, rows), height)
    return Rect(x: x, y: maxY - rows, width: width, height: rows)
  }

  /// Everything above the last `rows` rows.
  public func dropBottom(_ rows: Int) -> Rect {
    Rect(x: x, y: y, width: width, height: height - min(max(0, rows), height))
  }

  /// The overlap with `other` (empty when they do not meet).
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    return Rect(
      x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
  }

  /// A rectangle of `size` centred in this one (clipped to it).
  public func centered(width w: Int, height h: Int) -> Rect {
    let w = min(w, width)
    let h = min(h, height)
    return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
  }
}
