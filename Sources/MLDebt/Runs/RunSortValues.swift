/// The sort values of runs, read once per run (in the order the runs are given) for a list of
/// sort keys, and the order they give.
struct RunSortValues {
  /// The keys, then newest start first.
  private let keys: [RunSort]
  /// Each run's value for each key, run after run.
  private var values: [RunSort.SortValue?] = []

  /// Values for `sort` (newest start first is added as the last key).
  init(_ sort: [RunSort]) { keys = sort + [.newestFirst] }

  /// How many runs have values.
  var count: Int { values.count / keys.count }

  /// Reads the next run's values.
  mutating func append(_ run: Run) {
    for key in keys { values.append(key.column.value(in: run).map(RunSort.SortValue.init)) }
  }

  /// Appends the values of another set of runs read for the same keys.
  mutating func append(contentsOf other: RunSortValues) { values += other.values }

  /// The positions (in the order the runs were given) in sort order, the first `limit` only
  /// when there is a limit; `id` gives a position's run id, the last tie-break.
  func order(limit: Int?, id: (Int) -> String) -> [Int] {
    let width = keys.count
    let count = self.count
    func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
      for (offset, key) in keys.enumerated() {
        if let ordered = key.orders(values[lhs * width + offset], values[rhs * width + offset]) {
          return ordered
        }
      }
      return id(lhs) < id(rhs)
    }
    let limit = limit.map { Swift.max(0, $0) }
    guard let limit, limit < count / 4 else {
      return Array((0..<count).sorted(by: precedes).prefix(limit ?? count))
    }
    var best: [Int] = []
    best.reserveCapacity(limit + 1)
    for position in 0..<count {
      if best.count == limit {
        guard let last = best.last, precedes(position, last) else { continue }
        best.removeLast()
      }
      // Where it goes among the kept positions: after every one that precedes it.
      var low = 0
      var high = best.count
      while low < high {
        let middle = (low + high) / 2
        if precedes(best[middle], position) { low = middle + 1 } else { high = middle }
      }
      best.insert(position, at: low)
    }
    return best
  }
}
