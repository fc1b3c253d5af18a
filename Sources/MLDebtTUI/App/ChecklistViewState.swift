import MLDebt

/// Where the Checklist view is: the focused level (areas → items → evidence) and what is open
/// above it. The focused level's rows are the view's items, so filter, selection, copy and
/// clicks work at every level.
public struct ChecklistViewState: Sendable, Hashable {
  /// The three levels of the view.
  public enum Level: Int, Sendable, Hashable, Comparable {
    /// The nine areas.
    case areas
    /// The open area's items: its rules and its attested practices.
    case items
    /// The open item's evidence: its findings and what they point at.
    case evidence

    /// Orders from `areas` to `evidence`.
    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// The focused level.
  public var level = Level.areas
  /// The open area (levels `items` and `evidence`).
  public var area: DebtArea?
  /// The open item's id, a rule or a practice item (level `evidence`).
  public var itemID: String?
  /// Whether an attestation was saved and the scores are being recomputed.
  public var rescoring = false

  /// Creates the state of a view showing the areas.
  public init() {}
}
