/// The runs of a project in the order their sources gave them, keeping the first run of each
/// id (the first source's, when two stores hold the same run).
///
/// A large store gives 20,000 runs; a dictionary keyed by the id strings compared strings at
/// every probe of its table (each a miss in memory), and took 8 ms. Here each id is hashed once
/// and the hashes, integers, find an earlier run; only when two runs share a hash are their ids
/// compared, and ids whose hash an earlier, different id had are kept by their text.
struct FirstRunByID {
  /// The runs kept, in the order they came.
  private(set) var runs: [Run] = []
  /// The position of the first run with each id hash.
  private var positions: [Int: Int] = [:]
  /// Ids whose hash a different, earlier id had.
  private var collided: Set<String> = []

  /// Makes room for `count` more runs.
  mutating func reserveCapacity(_ count: Int) {
    runs.reserveCapacity(runs.count + count)
    positions.reserveCapacity(positions.count + count)
  }

  /// Keeps each of `incoming` unless a run with its id was kept before. The first runs given
  /// are taken as the array they came in when their ids are distinct (the usual case: one
  /// store), so no run is copied.
  mutating func add(contentsOf incoming: [Run]) {
    guard runs.isEmpty else {
      reserveCapacity(incoming.count)
      for run in incoming { add(run) }
      return
    }
    positions.reserveCapacity(incoming.count)
    let distinct = incoming.withUnsafeBufferPointer { incoming in
      for position in incoming.indices {
        let hash = incoming[position].id.hashValue
        // Two runs with one hash: back to one run at a time, which tells them apart.
        if positions.updateValue(position, forKey: hash) != nil { return false }
      }
      return true
    }
    if distinct {
      runs = incoming
      return
    }
    positions = [:]
    reserveCapacity(incoming.count)
    for run in incoming { add(run) }
  }

  /// Gives the runs kept, and keeps none (so that the caller holds the only reference to them).
  mutating func takeAll() -> [Run] {
    var taken: [Run] = []
    swap(&taken, &runs)
    positions = [:]
    collided = []
    return taken
  }

  /// Keeps `run` unless a run with its id was kept before.
  mutating func add(_ run: Run) { add(run, hash: run.id.hashValue) }

  /// Keeps `run`, whose id has the hash `hash`, unless a run with its id was kept before.
  mutating func add(_ run: Run, hash: Int) {
    guard let position = positions[hash] else {
      positions[hash] = runs.count
      runs.append(run)
      return
    }
    if runs[position].id == run.id || !collided.insert(run.id).inserted { return }
    runs.append(run)
  }
}
