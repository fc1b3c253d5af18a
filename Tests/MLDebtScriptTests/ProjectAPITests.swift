import Foundation
import MLDebt
import Testing

@testable import MLDebtScript

@Suite("Project API")
struct ProjectAPITests {
  func run(_ code: String) -> ScriptRun {
    runScript(code, preload: ScriptFixtures.carLoansProject)
  }

  @Test("nodes are userdata with fields, and lists work with ipairs")
  func nodes() {
    let result = run(
      """
      local p = mldebt.open()
      print(p.name, type(p:features()[1]), #p:features(), #p:models())
      local f = p:node("feature:driver_tenure")
      print(f.id, f.kind, f.name, f.owner, f.status, f.derived_from[1])
      print(p:node("feature:nope"), p:node("dataset:loan_applications").version ~= nil)
      local n = 0
      for _, m in ipairs(p:models()) do n = n + 1 end
      print(n, tostring(p:node("model:default_risk")), p:node("model:default_risk") == p:models()[1])
      """)
    #expect(result.error == nil, "\(result.error?.message ?? "")")
    let lines = result.output.split(separator: "\n").map(String.init)
    let project = ScriptFixtures.carLoansProject
    #expect(
      lines[0] == "car-loans\tuserdata\t\(project.features.count)\t\(project.models.count)")
    #expect(
      lines[1]
        == "feature:driver_tenure\tfeature\tdriver_tenure\tnil\tproduction\tdataset:loan_applications"
    )
    #expect(lines[2] == "nil\ttrue")
    #expect(lines[3] == "\(project.models.count)\tmodel:default_risk\ttrue")
  }

  @Test("lineage: upstream, downstream, impact, path and cycles")
  func lineage() {
    let result = run(
      """
      local p = mldebt.open()
      local up = p:upstream("model:default_risk", 1)
      local ids = {}
      for _, n in ipairs(up) do ids[#ids + 1] = n.id end
      print(table.concat(ids, ","))
      local down = p:node("dataset:loan_applications"):downstream()
      local consumers = 0
      for _, n in ipairs(down) do if n.kind == "consumer" then consumers = consumers + 1 end end
      print(consumers > 0)
      local impact = p:impact("feature:driver_tenure")
      print(#impact.models > 0, impact.count > 0, type(impact.owners))
      local path, how = p:path("dataset:loan_applications", "consumer:loan_approval_service")
      print(path[1].id, path[#path].id, how)
      print(#p:cycles() >= 1)
      print(pcall(function() return p:upstream("feature:nope") end))
      """)
    #expect(result.error == nil, "\(result.error?.message ?? "")")
    let lines = result.output.split(separator: "\n").map(String.init)
    let model = ScriptFixtures.carLoansProject.models.first { $0.id.name == "default_risk" }!
    for input in model.inputs { #expect(lines[0].contains(input.description)) }
    #expect(lines[1] == "true")
    #expect(lines[2] == "true\ttrue\ttable")
    #expect(lines[3] == "dataset:loan_applications\tconsumer:loan_approval_service\tdirected")
    #expect(lines[4] == "true")
    #expect(lines[5].hasPrefix("false\ttest.lua:15: upstream: no node feature:nope"))
  }

  @Test("runs: filter, sort, limit, fields and diff")
  func runs() {
    let result = run(
      """
      local p = mldebt.open()
      local all = p:runs()
      local top = p:runs{filter = function(r) return r.status == "FINISHED" end,
                         sort = "-start_time", limit = 2}
      print(#all > 0, #top <= 2, type(all[1].start_time), type(all[1].params))
      local r = p:run(all[1].id)
      print(r.id == all[1].id, tostring(r):sub(1, 4))
      if #all > 1 then
        local d = p:diff(all[1], all[2].id)
        print(type(d.params), type(d.metrics))
      else
        print("table", "table")
      end
      print(p:run("nope"))
      """)
    #expect(result.error == nil, "\(result.error?.message ?? "")")
    #expect(result.output == "true\ttrue\tnumber\ttable\ntrue\trun:\ntable\ttable\nnil\n")
  }

  @Test("findings and score come from the checklist")
  func findingsAndScore() {
    let checklist = Checklist.evaluate(ScriptFixtures.carLoansProject, now: ScriptFixtures.now)
    let high = checklist.findings.filter { $0.severity >= .high }.count
    let audits = checklist.findings.filter { $0.area == .featureAudits }.count
    let result = run(
      """
      local p = mldebt.open()
      print(#p:findings(), #p:findings{severity = "high"}, #p:findings{area = "feature-audits"})
      local f = p:findings()[1]
      print(type(f.rule), type(f.evidence), f.severity ~= nil)
      local s = p:score()
      print(string.format("%.1f", s.overall), #s.areas, s.by_area["feature-audits"] ~= nil)
      print(pcall(function() return p:findings{area = "nope"} end))
      """)
    #expect(result.error == nil, "\(result.error?.message ?? "")")
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines[0] == "\(checklist.findings.count)\t\(high)\t\(audits)")
    #expect(lines[1] == "string\ttable\ttrue")
    #expect(
      lines[2]
        == "\(String(format: "%.1f", checklist.overall))\t\(DebtArea.allCases.count)\ttrue")
    #expect(lines[3].contains("unknown area \"nope\""))
  }

  @Test("drift reports windows for a feature")
  func drift() {
    let result = run(
      """
      local p = mldebt.open()
      local d = p:drift{feature = "car_value"}
      print(d.source, #d.windows > 0, d.windows[1].features[1].column)
      """)
    #expect(result.error == nil, "\(result.error?.message ?? "")")
    #expect(result.output == "production\ttrue\tcar_value\n")
  }

  @Test("json.encode turns objects into their fields")
  func encodeObjects() {
    let result = run(
      "print(mldebt.json.encode(mldebt.open():node('feature:loan_length')))")
    #expect(result.output.hasPrefix("{\"derived_from\":[\"dataset:loan_applications\"]"))
  }
}
