import Foundation
import MLDebt
import Testing

@testable import MLDebtScript

@Suite("Lua checks")
struct LuaCheckTests {
  /// A copy of a project whose root is a temporary folder holding `files`.
  func project(with files: [String: String]) throws -> Project {
    let root = ScriptFixtures.temporaryDirectory()
    for (path, text) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    var project = ScriptFixtures.carLoansProject
    project.root = root
    return project
  }

  @Test("the example's two checks load as detectors and fire")
  func exampleChecks() throws {
    let project = ScriptFixtures.carLoansProject
    let (detectors, diagnostics) = LuaChecks.load(for: project)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(detectors.map(\.rule).sorted() == ["team.dataset-pin", "team.feature-owner"])
    let (checklist, runDiagnostics) = LuaChecks.evaluate(project, now: ScriptFixtures.now)
    #expect(runDiagnostics.isEmpty, "\(runDiagnostics)")
    let owners = checklist.findings.filter { $0.rule == "team.feature-owner" }
    #expect(owners.map(\.evidence.first) == [.node(NodeID(.feature, "driver_tenure"))])
    #expect(owners.first?.severity == .high)
    #expect(owners.first?.area == .featureAudits)
    let pins = checklist.findings.filter { $0.rule == "team.dataset-pin" }
    #expect(pins.contains { $0.evidence.first == .node(NodeID(.dataset, "loan_decisions")) })
    #expect(pins.allSatisfy { $0.evidence.last == .node(NodeID(.model, "default_risk")) })
    #expect(pins.first?.area == .dataDependencies)
    let plain = Checklist.evaluate(project, now: ScriptFixtures.now)
    #expect(checklist.findings.count == plain.findings.count + owners.count + pins.count)
  }

  @Test("a check with a syntax error, a bad spec or a failing run is a diagnostic with file:line")
  func failingChecks() throws {
    let project = try project(with: [
      ".mldebt/checks/syntax.lua": "return mldebt.check{ id = 'a',\n",
      ".mldebt/checks/spec.lua":
        "local x = 1\nreturn mldebt.check{ id = 'b', area = 'nope', title = 't', run = print }\n",
      ".mldebt/checks/nothing.lua": "return 42\n",
      ".mldebt/checks/runtime.lua": """
      return mldebt.check{
        id = "c", area = "glue-code", title = "t",
        run = function(project)
          local missing = nil
          return missing.field
        end,
      }
      """,
      ".mldebt/checks/loop.lua": """
      return mldebt.check{ id = "d", area = "glue-code", title = "t",
        run = function() while true do end end }
      """,
      ".mldebt/checks/shape.lua": """
      return mldebt.check{ id = "e", area = "glue-code", title = "t",
        run = function() return { { title = 5 } } end }
      """,
      ".mldebt/checks/good.lua": """
      return mldebt.check{ id = "f", area = "glue-code", title = "Good", severity = "low",
        run = function(p) return { { title = "found", evidence = { "job:x", "run:abc" } } } end }
      """,
    ])
    defer { try? FileManager.default.removeItem(atPath: project.root) }
    var limits = LuaCheckLimits()
    limits.instructions = 1_000_000
    let (detectors, diagnostics) = LuaChecks.load(for: project, limits: limits)
    #expect(detectors.map(\.rule).sorted() == ["c", "d", "e", "f"])
    let byFile = Dictionary(grouping: diagnostics, by: \.location.file)
    #expect(byFile[".mldebt/checks/syntax.lua"]?.first?.location.line == 2)
    #expect(byFile[".mldebt/checks/spec.lua"]?.first?.location.line == 2)
    #expect(
      byFile[".mldebt/checks/spec.lua"]?.first?.message.contains("unknown area 'nope'") == true)
    #expect(
      byFile[".mldebt/checks/nothing.lua"]?.first?.message.contains("must return mldebt.check")
        == true)

    let checklist = Checklist.evaluate(project, now: ScriptFixtures.now, extraDetectors: detectors)
    let runDiagnostics = LuaChecks.runDiagnostics(of: detectors)
    let runtime = runDiagnostics.first { $0.location.file == ".mldebt/checks/runtime.lua" }
    #expect(runtime?.location.line == 5)
    #expect(runtime?.message.contains("attempt to index a nil value") == true)
    let loop = runDiagnostics.first { $0.location.file == ".mldebt/checks/loop.lua" }
    #expect(loop?.message.contains("instruction limit") == true)
    #expect(loop?.location.line == 1)
    let shape = runDiagnostics.first { $0.location.file == ".mldebt/checks/shape.lua" }
    #expect(shape?.location.line == 1)
    #expect(shape?.message.contains("title must be a string") == true)
    let good = checklist.findings.filter { $0.rule == "f" }
    #expect(good.count == 1)
    #expect(good.first?.evidence == [.node(NodeID(.job, "x")), .run("abc")])
    #expect(good.first?.severity == .low)
  }

  @Test("the manifest's checks: entries are found, globs included")
  func files() throws {
    var project = try project(with: [
      "team/one.lua": "", "team/two.lua": "", ".mldebt/checks/three.lua": "", "other.lua": "",
    ])
    defer { try? FileManager.default.removeItem(atPath: project.root) }
    project.checkFiles = ["team/*.lua", "other.lua"]
    #expect(
      LuaChecks.files(of: project) == [
        ".mldebt/checks/three.lua", "other.lua", "team/one.lua", "team/two.lua",
      ])
  }
}
