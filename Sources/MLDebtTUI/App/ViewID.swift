/// The workbench's views, in tab order.
public enum ViewID: String, Sendable, Hashable, CaseIterable {
  /// Counts and top diagnostics.
  case overview
  /// Nodes and their neighbours.
  case lineage
  /// Tracked training runs.
  case runs
  /// Drift of the monitored columns, window by window.
  case drift
  /// The nine areas of ML technical debt.
  case checklist
  /// What each source contributed, and every diagnostic.
  case sources

  /// The view's title.
  public var title: String {
    switch self {
    case .overview: "Overview"
    case .lineage: "Lineage"
    case .runs: "Runs"
    case .drift: "Drift"
    case .checklist: "Checklist"
    case .sources: "Sources"
    }
  }

  /// Its number key, 1–6.
  public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

  /// Finds a view by name (any case, any prefix of at least two letters) or by number.
  public init?(named name: String) {
    let lower = name.lowercased()
    if let number = Int(lower), (1...Self.allCases.count).contains(number) {
      self = Self.allCases[number - 1]
      return
    }
    guard lower.count >= 2, let view = Self.allCases.first(where: { $0.rawValue.hasPrefix(lower) })
    else { return nil }
    self = view
  }

  /// The view after this one (wrapping).
  public var next: ViewID { Self.allCases[number % Self.allCases.count] }
  /// The view before this one (wrapping).
  public var previous: ViewID {
    Self.allCases[(number + Self.allCases.count - 2) % Self.allCases.count]
  }
}
