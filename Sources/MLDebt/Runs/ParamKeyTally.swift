/// How many runs of a group log each param key.
///
/// Runs of one group mostly log the same keys, often in dictionaries that share one layout (the
/// run cache builds them from one template), so a run whose keys come in the same order as the
/// previous run's adds to a repeat count instead of hashing each key again.
struct ParamKeyTally {
  /// How many runs were added.
  private(set) var runs = 0
  private var keyCounts: [String: Int] = [:]
  /// The last run's params, and how many runs in a row had the same keys in the same order.
  private var last: [String: String] = [:]
  private var repeats = 0

  /// Counts one run's param keys.
  mutating func add(_ params: [String: String]) {
    runs += 1
    if repeats > 0 && params.count == last.count && params.keys.elementsEqual(last.keys) {
      repeats += 1
      return
    }
    flush()
    last = params
    repeats = 1
  }

  /// How many runs log each key.
  func counts() -> [String: Int] {
    var tally = self
    tally.flush()
    return tally.keyCounts
  }

  private mutating func flush() {
    guard repeats > 0 else { return }
    for key in last.keys { keyCounts[key, default: 0] += repeats }
    repeats = 0
  }
}
