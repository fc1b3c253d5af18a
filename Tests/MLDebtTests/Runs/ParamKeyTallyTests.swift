import Testing

@testable import MLDebt

@Suite("Param key tally: counting runs of one layout at once gives the plain counts")
struct ParamKeyTallyTests {
  @Test func countsEqualOneByOneCountingOnMixedLayouts() {
    var generator = SystemRandomNumberGenerator()
    let keySets: [[String]] = [
      (0..<30).map { "p\($0)" }, (0..<29).map { "p\($0)" }, ["p0", "seed"], [], ["p1", "p0"],
    ]
    // One dictionary per key set whose copies share its layout, as the cache's templates give.
    let templates = keySets.map { keys in Dictionary(uniqueKeysWithValues: keys.map { ($0, "v") }) }
    var tally = ParamKeyTally()
    var expected: [String: Int] = [:]
    var runs = 0
    for _ in 0..<3_000 {
      let set = Int.random(in: 0..<keySets.count, using: &generator)
      var params: [String: String]
      if Bool.random(using: &generator) {
        params = templates[set]  // same layout as the other copies
        if let key = params.keys.first { params[key] = "changed" }
      } else {
        params = [:]  // a layout of its own
        for key in keySets[set].shuffled(using: &generator) { params[key] = "x" }
      }
      // Runs of one layout often come in a row.
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        tally.add(params)
        runs += 1
        for key in params.keys { expected[key, default: 0] += 1 }
      }
    }
    #expect(tally.counts() == expected)
    #expect(tally.runs == runs)
  }

  @Test func anEmptyTallyCountsNothing() {
    let tally = ParamKeyTally()
    #expect(tally.counts().isEmpty)
    #expect(tally.runs == 0)
  }
}
