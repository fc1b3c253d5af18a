/// One sort key of the run table: a column and a direction.
public struct RunSort: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The column sorted by.
  public var column: RunColumn
  /// Largest first.
  public var descending: Bool

  /// Creates a sort key.
  public init(_ column: RunColumn, descending: Bool = false) {
    self.column = column
    self.descending = descending
  }

  /// MLflow's default order: newest start first.
  public static let newestFirst = RunSort(.attribute(.startTime), descending: true)

  /// `metrics.auc DESC`, or the column alone for ascending.
  public var description: String { column.description + (descending ? " DESC" : "") }

  /// Parses `COLUMN [ASC|DESC]` (MLflow's `order_by` form); a leading `-` also means descending.
  public static func parse(_ text: String) throws(RunFilterError) -> RunSort {
    var body = Substring(text.trimmingCharacters(in: .whitespaces))
    var descending = false
    let offset = text.count - String(text.drop { $0 == " " }).count
    var shift = 0
    if body.hasPrefix("-") {
      descending = true
      body = body.dropFirst()
      shift = 1
    }
    let upper = body.uppercased()
    if upper.hasSuffix(" DESC") {
      descending = true
      body = body.dropLast(5)
    } else if upper.hasSuffix(" ASC") {
      body = body.dropLast(4)
    }
    do {
      return RunSort(try RunColumn.parse(String(body)), descending: descending)
    } catch {
      var moved = error
      moved.column += offset + shift
      throw moved
    }
  }

  /// A value with its number worked out once.
  struct SortValue {
    var number: Double?
    /// The value, whose text is worked out only when two numbers tie (or are not numbers):
    /// writing 20,000 doubles as text would cost more than the sort.
    var value: RunValue

    init(_ value: RunValue) {
      number = value.number
      self.value = value
    }
  }

  /// Whether the run with `left` comes before the one with `right` under this key alone (runs
  /// without a value go last, in both directions, as in MLflow); `nil` when they tie.
  func orders(_ left: SortValue?, _ right: SortValue?) -> Bool? {
    switch (left, right) {
    case (nil, nil): return nil
    case (nil, _): return false
    case (_, nil): return true
    case (let left?, let right?):
      if RunValue.ascending(left.number, left.value.text, right.number, right.value.text) {
        return !descending
      }
      if RunValue.ascending(right.number, right.value.text, left.number, left.value.text) {
        return descending
      }
      return nil
    }
  }
}

extension Array where Element == RunSort {
  /// Sorts runs by these keys, then newest start first, then by run id, so the order is total;
  /// with a `limit`, only the first `limit` runs of that order are given.
  ///
  /// Each run's values are read once, not once per comparison, and positions are sorted rather
  /// than runs (a run is a large value, and moving one retains and releases all it holds). A
  /// small limit keeps only the best positions seen so far (the top ten of 20,000 runs take one
  /// comparison for most runs instead of a sort of all of them); the order being total, they are
  /// the first ones of the full sort.
  public func sorted(_ runs: [Run], limit: Int? = nil) -> [Run] {
    var values = RunSortValues(self)
    for run in runs { values.append(run) }
    return values.order(limit: limit) { runs[$0].id }.map { runs[$0] }
  }
}
