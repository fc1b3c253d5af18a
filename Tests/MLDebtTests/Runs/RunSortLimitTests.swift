import Testing

@testable import MLDebt

@Suite("Run sorts with a limit give the first runs of the full sort")
struct RunSortLimitTests {
  /// Runs with few distinct values, so that keys tie and the later keys and the id decide.
  private func runs(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Run] {
    (0..<count).map { index in
      var metrics: [String: Double] = [:]
      if Int.random(in: 0..<5, using: &generator) > 0 {
        metrics["auc"] = [0.5, 0.7, 0.9, .nan][Int.random(in: 0..<4, using: &generator)]
      }
      return Run(
        id: "run-\(Int.random(in: 0..<1_000_000, using: &generator))-\(index)", experimentID: "1",
        startTime: Int64.random(in: 0..<4, using: &generator),
        params: ["model": ["rf", "xgb", "lr"][Int.random(in: 0..<3, using: &generator)]],
        metrics: metrics, provenance: Provenance(.mlflowFileStore, "mlruns/1"))
    }
  }

  @Test func everyLimitGivesThePrefixOfTheFullSort() throws {
    var generator = SystemRandomNumberGenerator()
    let orders: [[RunSort]] = [
      [RunSort(.metric("auc"), descending: true)],
      [RunSort(.param("model")), RunSort(.metric("auc"))],
      [],
    ]
    for _ in 0..<20 {
      let runs = runs(Int.random(in: 0..<300, using: &generator), using: &generator)
      for order in orders {
        let full = order.sorted(runs)
        #expect(full.count == runs.count)
        for limit in [0, 1, 2, 3, 10, 50, runs.count, runs.count + 5] {
          let limited = order.sorted(runs, limit: limit)
          #expect(limited.map(\.id) == full.prefix(limit).map(\.id), "limit \(limit)")
        }
        #expect(order.sorted(runs, limit: -1).isEmpty)
      }
    }
  }
}
