/// Divides a rectangle into two panes, side by side or one above the other.
public struct SplitPane: Sendable, Hashable {
  /// Which way the split runs.
  public enum Axis: Sendable, Hashable {
    /// Left and right panes.
    case horizontal
    /// Top and bottom panes.
    case vertical
  }

  /// Which way the split runs.
  public var axis: Axis
  /// The first pane's share of the space, 0…1.
  public var ratio: Double
  /// The smallest size (columns or rows) of the first pane.
  public var minimumFirst: Int
  /// The smallest size of the second pane.
  public var minimumSecond: Int

  /// Creates a split.
  public init(_ axis: Axis, ratio: Double = 0.5, minimumFirst: Int = 0, minimumSecond: Int = 0) {
    self.axis = axis
    self.ratio = ratio
    self.minimumFirst = minimumFirst
    self.minimumSecond = minimumSecond
  }

  /// The two panes, with a one-cell gap (for a separator) between them.
  public func layout(_ rect: Rect) -> (first: Rect, second: Rect) {
    let total = axis == .horizontal ? rect.width : rect.height
    let available = max(0, total - 1)
    var first = Int((Double(available) * ratio).rounded())
    first = max(min(first, available - minimumSecond), min(minimumFirst, available))
    first = max(0, min(first, available))
    let second = available - first
    switch axis {
    case .horizontal:
      return (
        Rect(x: rect.x, y: rect.y, width: first, height: rect.height),
        Rect(x: rect.x + first + 1, y: rect.y, width: second, height: rect.height)
      )
    case .vertical:
      return (
        Rect(x: rect.x, y: rect.y, width: rect.width, height: first),
        Rect(x: rect.x, y: rect.y + first + 1, width: rect.width, height: second)
      )
    }
  }

  /// Lays out the panes and draws the separator line between them.
  public func render(into buffer: inout CellBuffer, _ rect: Rect, glyphs: Glyphs) -> (
    first: Rect, second: Rect
  ) {
    let panes = layout(rect)
    switch axis {
    case .horizontal:
      let x = panes.first.maxX
      if x < rect.maxX {
        for y in rect.y..<rect.maxY {
          buffer.put(glyphs.vertical, x: x, y: y, style: Style(.border))
        }
      }
    case .vertical:
      let y = panes.first.maxY
      if y < rect.maxY {
        buffer.put(
          String(repeating: glyphs.horizontal, count: rect.width), x: rect.x, y: y,
          style: Style(.border))
      }
    }
    return panes
  }
}
