/// What a mouse click on a region means.
public enum HitTarget: Sendable, Hashable {
  /// A view's tab in the view bar.
  case tab(ViewID)
  /// A row of the focused list: its index among the visible (filtered) items.
  case row(Int)
  /// A node drawn in the Lineage view's side columns or panel (its graph index): a click
  /// focuses it.
  case lineageNode(Int)
}

/// A rectangle of the screen that reacts to clicks.
public struct HitRegion: Sendable, Hashable {
  /// Where it is.
  public var rect: Rect
  /// What a click there means.
  public var target: HitTarget

  /// Creates a hit region.
  public init(rect: Rect, target: HitTarget) {
    self.rect = rect
    self.target = target
  }
}
