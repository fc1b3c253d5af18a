/// The runs of a project in the order their sources gave them, keeping the first run of each
/// id (the first source's, when two stores hold the same run).
///
/// A large store gives 20,000 runs; a dictionary keyed by the id strings compared strings at
/// every probe of its table (each a miss in memory), and took 8 ms. Here each id's hash is the
/// one its run took when the id was set (``Run/idHash``), while the id's text was at hand;
/// the first runs given are checked for repeated hashes by sorting the hashes (a dictionary of
/// them hashed each hash again), and later runs find an earlier run by its hash. Only when two
/// runs share a hash are their ids compared, and ids whose hash an earlier, different id had are
/// kept by their text.
struct FirstRunByID {
  /// The runs kept, in the order they came.
  private(set) var runs: [Run] = []
  /// The position of the first run with each id hash; made from the runs' hashes when a run
  /// comes after the first batch.
  private var positions: [Int: Int]?
  /// Ids whose hash a different, earlier id had.
  private var collided: Set<String> = []

  /// Keeps each of `incoming` unless a run with its id was kept before. The first runs given
  /// are taken as the array they came in when their ids are distinct (the usual case: one
  /// store), so no run is copied.
  mutating func add(contentsOf incoming: [Run]) {
    guard runs.isEmpty else {
      runs.reserveCapacity(runs.count + incoming.count)
      for run in incoming { add(run) }
      return
    }
    var hashes = incoming.withUnsafeBufferPointer { $0.map(\.idHash) }
    hashes.sort()
    if !zip(hashes, hashes.dropFirst()).contains(where: ==) {
      runs = incoming
      return
    }
    // Two runs with one hash: one run at a time, which tells them apart.
    runs.reserveCapacity(incoming.count)
    for run in incoming { add(run) }
  }

  /// Gives the runs kept, and keeps none (so that the caller holds the only reference to them).
  mutating func takeAll() -> [Run] {
    var taken: [Run] = []
    swap(&taken, &runs)
    positions = nil
    collided = []
    return taken
  }

  /// Keeps `run` unless a run with its id was kept before.
  mutating func add(_ run: Run) { add(run, hash: run.idHash) }

  /// Keeps `run`, whose id has the hash `hash`, unless a run with its id was kept before.
  mutating func add(_ run: Run, hash: Int) {
    if positions == nil {
      // The runs kept so far came as one batch with distinct hashes.
      var table: [Int: Int] = [:]
      table.reserveCapacity(runs.count + 1)
      for (position, run) in runs.enumerated() { table[run.idHash] = position }
      positions = table
    }
    guard let position = positions?[hash] else {
      positions?[hash] = runs.count
      runs.append(run)
      return
    }
    if runs[position].id == run.id || !collided.insert(run.id).inserted { return }
    runs.append(run)
  }
}
