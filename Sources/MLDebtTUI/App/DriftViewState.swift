import MLDebt

/// What the Drift view shows: which monitoring source, which window, how the columns are sorted
/// and which method the user chose for a column (`m`).
public struct DriftViewState: Sendable, Hashable {
  /// How the column list is ordered.
  public enum Sort: String, Sendable, Hashable, CaseIterable {
    /// Most drifted first (by ``DriftColumn/severity``), columns without a score last.
    case score
    /// By column name.
    case name

    /// The next order, for the sort key.
    public var next: Sort { self == .score ? .name : .score }
  }

  /// A column of a monitoring source, the key of a method chosen with `m`.
  public struct ColumnKey: Sendable, Hashable {
    /// The monitoring source's index in the analysis.
    public var source: Int
    /// The column.
    public var column: String
  }

  /// The selected monitoring source, an index into `ProjectAnalysis.drift`.
  public var source = 0
  /// The selected window, an index into the report's windows; `nil` follows the latest.
  public var window: Int?
  /// How the column list is ordered.
  public var sort = Sort.score
  /// Methods the user chose for columns, instead of the report's method.
  public var methods: [ColumnKey: DriftMethod] = [:]

  /// Creates the state the view opens with: the first source, the latest window, by score.
  public init() {}

  /// The window shown among `count` windows: the selected one (clamped), else the latest.
  public func windowIndex(count: Int) -> Int? {
    guard count > 0 else { return nil }
    return max(0, min(window ?? count - 1, count - 1))
  }
}
