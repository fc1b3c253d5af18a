import Foundation
import Testing

@testable import MLDebt

@Suite("Run filters: MLflow's answers, the extensions and the errors")
struct RunFilterTests {
  @Test(arguments: RunFixtures.Store.allCases)
  func everyFilterSelectsWhatMLflowSelected(_ store: RunFixtures.Store) throws {
    let project = RunFixtures.project(store)
    let index = RunIndex(project)
    let answers = RunFixtures.expected.answers(store)
    #expect(RunFixtures.expected.mlflow == "3.17.2")
    #expect(answers.cases.count >= 20)
    #expect(index.select(RunQuery()).map(\.id) == answers.all)
    for answer in answers.cases {
      let filter = try RunFilter.parse(answer.filter)
      let selected = index.select(RunQuery(experiments: answers.experiments, filter: filter))
      if answer.ordered {
        #expect(selected.map(\.id) == answer.ids, "\(store) \(answer.filter)")
      } else {
        #expect(selected.map(\.id).sorted() == answer.ids.sorted(), "\(store) \(answer.filter)")
      }
    }
  }

  @Test(arguments: RunFixtures.Store.allCases)
  func sortingMatchesMLflowsOrderBy(_ store: RunFixtures.Store) throws {
    let index = RunIndex(RunFixtures.project(store))
    for ordering in RunFixtures.expected.answers(store).orderings {
      let sort = try ordering.sort.map { text throws(RunFilterError) in try RunSort.parse(text) }
      #expect(index.select(RunQuery(sort: sort)).map(\.id) == ordering.ids, "\(ordering.sort)")
    }
  }

  @Test func regexNotLikeAndNumericParamsOnTheFileStore() throws {
    let project = RunFixtures.project(.filestore)
    let index = RunIndex(project)
    let ids = RunFixtures.ids(project)
    func names(_ filter: String) throws -> Set<String> {
      let selected = index.select(RunQuery(filter: try RunFilter.parse(filter)))
      return Set(selected.compactMap(\.name))
    }
    #expect(
      try names("tags.`mlflow.runName` ~ '^sweep-C=[0-9.]+$'") == ["sweep-C=0.1", "sweep-C=10.0"])
    #expect(
      try names("run_name !~ 'sweep|gbm'") == ["baseline-logreg", "no-git-tag", "crashed-oom"])
    #expect(try names("params.C > 0.5") == ["baseline-logreg", "sweep-C=10.0"])
    #expect(try names("params.C NOT LIKE '1%'") == ["sweep-C=0.1", "no-git-tag"])
    #expect(try names("params.C NOT IN ('0.1', '0.3')") == ["baseline-logreg", "sweep-C=10.0"])
    #expect(
      try names("attributes.parent_run_id = '\(ids["hparam-sweep"]!)'") == [
        "sweep-C=0.1", "sweep-C=10.0",
      ])
    let fraud = try #require(project.experiments.first { $0.name == "fraud-detection" })
    #expect(try names("duration >= 0 AND experiment_id = '\(fraud.id)'") == ["gbm-v1", "gbm-v2"])
    #expect(try names("not not metrics.auc > 0.8") == ["baseline-logreg"])
  }

  @Test func groupsChildRunsUnderTheirParent() throws {
    let project = RunFixtures.project(.filestore)
    let index = RunIndex(project)
    let grouped = index.grouped(index.select(RunQuery(sort: [try RunSort.parse("run_name")])))
    let rows = grouped.map { "\(String(repeating: "  ", count: $0.depth))\($0.run.name ?? "")" }
    #expect(
      rows == [
        "baseline-logreg", "crashed-oom", "gbm-v1", "gbm-v2", "hparam-sweep", "  sweep-C=0.1",
        "  sweep-C=10.0", "no-git-tag",
      ])
  }

  @Test(arguments: [
    ("metrics.auc > 'x'", 15, "compared with numbers"),
    ("params.C = 1 AND", 17, "expected a comparison"),
    ("metrics.auc >", 14, "expected a value"),
    ("foo.bar = 'x'", 1, "is not a kind of name"),
    ("attributes.colour = 'red'", 12, "is not a run attribute"),
    ("params.C = 'open", 12, "not closed"),
    ("(metrics.auc > 0.8", 19, "is not closed"),
    ("metrics.auc > 0.8)", 18, "closes no"),
    ("metrics.auc LIKE 'a%'", 13, "cannot compare metric"),
    ("params.C ~ '('", 12, "not a valid regular expression"),
    ("dataset.size = '1'", 1, "not a dataset field"),
    ("params.C IN 'a'", 13, "parenthesized list"),
    ("tags.team IS 'x'", 14, "IS must be followed"),
    ("metrics.auc > 0.8 params.C = '1'", 19, "after a comparison"),
    ("metrics.auc # 1", 13, "unexpected character"),
    ("metrics. = 1", 9, "needs a name after the dot"),
  ])
  func invalidFiltersPointAtTheColumn(_ filter: String, _ column: Int, _ message: String) {
    #expect(throws: RunFilterError.self) { try RunFilter.parse(filter) }
    do {
      _ = try RunFilter.parse(filter)
    } catch {
      #expect(error.column == column, "\(filter): \(error)")
      #expect(error.message.contains(message), "\(filter): \(error)")
      let pointer = error.pointer(in: filter).split(separator: "\n")
      #expect(pointer.last == Substring(String(repeating: " ", count: column - 1) + "^"))
    }
  }

  @Test func emptyFilterSelectsEveryLiveRunAndDeletedOnesOnRequest() throws {
    let project = RunFixtures.project(.filestore)
    let index = RunIndex(project)
    let live = index.select(RunQuery(filter: try RunFilter.parse("  ")))
    #expect(live.count == 8)
    #expect(index.select(RunQuery(includeDeleted: true)).count == project.runs.count)
    #expect(
      index.select(RunQuery(experiments: ["fraud-detection"])).compactMap(\.name).sorted() == [
        "gbm-v1", "gbm-v2",
      ])
    #expect(index.select(RunQuery(limit: 3)).count == 3)
  }
}
