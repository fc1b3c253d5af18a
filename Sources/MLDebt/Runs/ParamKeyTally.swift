/// How many runs of a group log each param key.
///
/// Runs of one group mostly log the same keys. A run from the run cache whose params are still
/// encoded names its keys by a shared ``Run/KeyLayout``, and runs with the same layout object as
/// the previous run add to a repeat count without their params being decoded. Decoded params
/// often share one dictionary layout too (the cache builds them from one template), so a run
/// whose keys come in the same order as the previous run's is counted the same way.
struct ParamKeyTally {
  /// How many runs were added.
  private(set) var runs = 0
  private var keyCounts: [String: Int] = [:]
  /// The last run's keys, and how many runs in a row had the same keys in the same order.
  private var last = Keys.map([:])
  private var repeats = 0

  /// A run's param keys, as the run gives them.
  private enum Keys {
    /// Still encoded: the layout shared by runs with the same keys.
    case layout(Run.KeyLayout)
    /// Decoded: the params.
    case map([String: String])
  }

  /// Counts one run's param keys, without decoding params the run still has encoded.
  mutating func add(_ run: Run) {
    if let layout = run.encodedParamKeys {
      runs += 1
      if repeats > 0, case .layout(let previous) = last, previous === layout {
        repeats += 1
        return
      }
      restart(.layout(layout))
    } else {
      add(run.params)
    }
  }

  /// Counts one run's param keys.
  mutating func add(_ params: [String: String]) {
    runs += 1
    if repeats > 0, case .map(let previous) = last, params.count == previous.count,
      params.keys.elementsEqual(previous.keys)
    {
      repeats += 1
      return
    }
    restart(.map(params))
  }

  /// How many runs log each key.
  func counts() -> [String: Int] {
    var tally = self
    tally.flush()
    return tally.keyCounts
  }

  private mutating func restart(_ keys: Keys) {
    flush()
    last = keys
    repeats = 1
  }

  private mutating func flush() {
    guard repeats > 0 else { return }
    switch last {
    case .layout(let layout): for key in layout.keys { keyCounts[key, default: 0] += repeats }
    case .map(let params): for key in params.keys { keyCounts[key, default: 0] += repeats }
    }
    repeats = 0
  }
}
