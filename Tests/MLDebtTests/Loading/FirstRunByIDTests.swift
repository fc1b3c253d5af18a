import Testing

@testable import MLDebt

@Suite("First run by id: a project keeps the first run of each id")
struct FirstRunByIDTests {
  private func run(_ id: String, _ name: String) -> Run {
    Run(id: id, experimentID: "1", name: name, provenance: Provenance(.mlflowFileStore, name))
  }

  @Test func theFirstRunOfEachIdIsKeptInOrder() {
    var table = FirstRunByID()
    for (id, name) in [("b", "b1"), ("a", "a1"), ("b", "b2"), ("c", "c1"), ("a", "a2")] {
      table.add(run(id, name))
    }
    #expect(table.runs.map(\.name) == ["b1", "a1", "c1"])
  }

  @Test func arraysOfRunsKeepTheFirstOfEachIdAsOneAtATimeDoes() {
    let first = [run("b", "b1"), run("a", "a1"), run("c", "c1")]
    let second = [run("a", "a2"), run("d", "d1"), run("d", "d2")]
    var whole = FirstRunByID()
    whole.add(contentsOf: first)
    whole.add(contentsOf: second)
    #expect(whole.runs.map(\.name) == ["b1", "a1", "c1", "d1"])
    // Duplicates inside the first array, too.
    var repeated = FirstRunByID()
    repeated.add(contentsOf: [run("a", "a1"), run("b", "b1"), run("a", "a2")])
    #expect(repeated.runs.map(\.name) == ["a1", "b1"])
    #expect(repeated.takeAll().map(\.name) == ["a1", "b1"])
    #expect(repeated.runs.isEmpty)
    repeated.add(run("a", "a3"))
    #expect(repeated.runs.map(\.name) == ["a3"])
  }

  @Test func idsThatShareAHashAreToldApartByTheirText() {
    var table = FirstRunByID()
    table.add(run("a", "a1"), hash: 7)
    table.add(run("b", "b1"), hash: 7)
    table.add(run("a", "a2"), hash: 7)
    table.add(run("b", "b2"), hash: 7)
    table.add(run("c", "c1"), hash: 7)
    table.add(run("d", "d1"), hash: 8)
    table.add(run("c", "c2"), hash: 7)
    #expect(table.runs.map(\.name) == ["a1", "b1", "c1", "d1"])
  }
}
