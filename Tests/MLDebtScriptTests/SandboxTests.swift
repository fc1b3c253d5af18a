import Foundation
import MLDebt
import Testing

@testable import MLDebtScript

@Suite("Sandbox")
struct SandboxTests {
  /// Each escape, and the words its error must contain.
  static let escapes: [(code: String, message: String)] = [
    ("os.execute('true')", "os.execute is not allowed in the sandbox"),
    ("os.remove('mldebt.yaml')", "os.remove is not allowed in the sandbox"),
    ("os.rename('a', 'b')", "os.rename is not allowed in the sandbox"),
    ("os.getenv('HOME')", "os.getenv is not allowed in the sandbox"),
    ("io.popen('ls')", "io.popen is not allowed in the sandbox"),
    ("io.open('mldebt.yaml', 'w')", "mode 'w' is not allowed in the sandbox"),
    ("io.open('new.txt', 'a+')", "mode 'a+' is not allowed in the sandbox"),
    ("io.open('../../README.md')", "is outside the project root"),
    ("io.open('/etc/passwd')", "is outside the project root"),
    ("io.lines('/etc/hostname')", "is outside the project root"),
    ("io.lines()", "io.lines() reads standard input"),
    ("io.read()", "io.read is not allowed in the sandbox"),
    ("io.output('x')", "io.output is not allowed in the sandbox"),
    ("dofile('/etc/passwd')", "is outside the project root"),
    ("loadfile('../../Package.swift')", "is outside the project root"),
    ("require('socket')", "no file 'socket.lua' under the project root"),
    ("package.loadlib('libc.so.6', 'puts')", "package.loadlib is not allowed in the sandbox"),
    ("assert(load('\\27Lua\\84\\0'))", "attempt to load a binary chunk"),
    ("assert(load('\\27Lua', 'x', 'b'))", "attempt to load a binary chunk"),
    ("string.dump(print)", "string.dump is not allowed in the sandbox"),
    ("debug.getinfo(1)", "debug.getinfo is not allowed in the sandbox"),
    ("debug.sethook()", "debug.sethook is not allowed in the sandbox"),
    ("require('debug').getregistry()", "debug.getregistry is not allowed"),
    ("collectgarbage('stop')", "collectgarbage(\"stop\") is not allowed in the sandbox"),
    ("collectgarbage('generational')", "is not allowed in the sandbox"),
    ("mldebt.open('/')", "is outside the project root"),
  ]

  @Test("every escape gives a clear error", arguments: 0..<escapes.count)
  func escape(_ index: Int) {
    let (code, message) = Self.escapes[index]
    let run = runScript(code, name: "escape.lua")
    #expect(run.error?.kind == .runtime, "\(code) did not fail")
    #expect(run.error?.message.contains(message) == true, "\(code): \(run.error?.message ?? "-")")
    #expect(run.error?.message.hasPrefix("escape.lua:1:") == true, "\(code): no location")
  }

  @Test("files under the root can be read")
  func readsInsideRoot() {
    let run = runScript(
      """
      local f = assert(io.open("params.yaml"))
      local first = f:read("l")
      f:close()
      local n = 0
      for _ in io.lines("dvc.yaml") do n = n + 1 end
      print(type(first), n > 0, io.open("no-such-file") == nil)
      local g = io.open("params.yaml")
      print(g:write("x") == nil)
      g:close()
      """)
    #expect(run.error == nil, "\(run.error?.message ?? "")")
    #expect(run.output == "string\ttrue\ttrue\ntrue\n")
  }

  @Test("a NUL byte in a path and deeply nested JSON give errors, not crashes")
  func hostileInputs() {
    let nul = runScript("print(io.open('params.yaml\\0/../../../etc/passwd'))")
    #expect(nul.output.hasPrefix("nil\t"))
    let deep = runScript(
      "print(pcall(function() return mldebt.json.decode(string.rep('[', 100000)) end))")
    #expect(deep.output.hasPrefix("false\t"))
  }

  @Test("a symbolic link out of the root is refused; one inside is followed")
  func symlinks() throws {
    let root = ScriptFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try "inside\n".write(toFile: root + "/data.txt", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: root + "/etc", withDestinationPath: "/etc")
    try FileManager.default.createSymbolicLink(
      atPath: root + "/alias.txt", withDestinationPath: root + "/data.txt")
    let out = runScript("io.open('etc/passwd')", root: root)
    #expect(out.error?.message.contains("outside the project root") == true)
    let inside = runScript("print(io.open('alias.txt'):read('l'))", root: root)
    #expect(inside.output == "inside\n")
    let dotdot = runScript("print(io.open('sub/../data.txt') ~= nil)", root: root)
    #expect(dotdot.output == "false\n")
    let escape = runScript("io.open('../' .. 'x')", root: root)
    #expect(escape.error?.message.contains("outside the project root") == true)
  }

  @Test("require and dofile load Lua files under the root")
  func requireInsideRoot() throws {
    let root = ScriptFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(
      atPath: root + "/lib", withIntermediateDirectories: true)
    try "return { answer = 42 }\n".write(
      toFile: root + "/lib/util.lua", atomically: true, encoding: .utf8)
    let run = runScript(
      "print(require('lib.util').answer, dofile('lib/util.lua').answer)", root: root)
    #expect(run.output == "42\t42\n")
  }

  @Test("an infinite loop stops at the instruction limit, even inside pcall")
  func instructionLimit() {
    let configure: (inout ScriptOptions) -> Void = { $0.instructionLimit = 2_000_000 }
    let plain = runScript("while true do end", configure: configure)
    #expect(plain.error?.kind == .instructionLimit)
    #expect(plain.error?.message.contains("instruction limit of 2000000 exceeded") == true)
    let swallowed = runScript(
      "while true do pcall(function() while true do end end) end", configure: configure)
    #expect(swallowed.error?.kind == .instructionLimit)
    let coroutines = runScript(
      "while true do coroutine.resume(coroutine.create(function() while true do end end)) end",
      configure: configure)
    #expect(coroutines.error?.kind == .instructionLimit)
  }

  @Test("a memory bomb stops at the memory limit, even inside pcall")
  func memoryLimit() {
    let configure: (inout ScriptOptions) -> Void = { $0.memoryLimit = 16 << 20 }
    let bomb = runScript(
      "local t = {} while true do t[#t + 1] = string.rep('x', 1 << 20) .. #t end",
      configure: configure)
    #expect(bomb.error?.kind == .memoryLimit)
    #expect(bomb.error?.message.contains("memory limit of 16777216 bytes exceeded") == true)
    let swallowed = runScript(
      """
      local t = {}
      while true do pcall(function() t[#t + 1] = string.rep('y', 1 << 20) .. #t end) end
      """, configure: configure)
    #expect(swallowed.error?.kind == .memoryLimit)
    let big = runScript("local s = string.rep('x', 1 << 30)", configure: configure)
    #expect(big.error?.kind == .memoryLimit)
  }

  @Test("--trust gives the full standard library")
  func trusted() {
    let run = runScript(
      "print(type(os.getenv('PATH')), type(io.popen), type(debug.getinfo))", trusted: true)
    #expect(run.error == nil)
    #expect(run.output == "string\tfunction\tfunction\n")
  }

  @Test("2,000 runs release every project and object")
  func noLeaks() throws {
    let project = ScriptFixtures.carLoansProject
    var boxes: [() -> AnyObject?] = []
    for index in 0..<2_000 {
      var options = ScriptOptions(root: ScriptFixtures.carLoans)
      options.now = ScriptFixtures.now
      let engine = try ScriptEngine(options: options, output: { _ in })
      engine.preload(project)
      if index % 100 == 0 {
        weak var box = engine.context.preloaded
        boxes.append { box }
      }
      try engine.run(
        code: """
          local p = mldebt.open()
          local n = 0
          for _, f in ipairs(p:features()) do n = n + #f.id end
          local up = p:upstream("model:default_risk", 1)
          if #up == 0 or n == 0 then error("no data") end
          """)
      engine.close()
      #expect(engine.liveObjects == 0)
    }
    #expect(boxes.allSatisfy { $0() == nil })
  }

  @Test("the collector releases Swift objects while a script runs")
  func collectorReleasesObjects() throws {
    var options = ScriptOptions(root: ScriptFixtures.carLoans)
    options.now = ScriptFixtures.now
    let engine = try ScriptEngine(options: options, output: { _ in })
    engine.preload(ScriptFixtures.carLoansProject)
    try engine.run(
      code: """
        local p = mldebt.open()
        for i = 1, 2000 do local features = p:features() end
        collectgarbage()
        collectgarbage()
        """)
    #expect(engine.liveObjects < 50)
    engine.close()
  }
}
