import Foundation
import MLDebt
import Testing

@testable import MLDebtScript

@Suite("Script engine")
struct ScriptEngineTests {
  @Test("print, io.write and arguments reach the output")
  func printsAndArguments() {
    let run = runScript(
      """
      print(1 + 1, "two", nil, true)
      io.write("a", 1, "\\n")
      print(#mldebt.args, mldebt.args[1])
      """, arguments: ["x", "y"])
    #expect(run.error == nil)
    #expect(run.output == "2\ttwo\tnil\ttrue\na1\n2\tx\n")
    #expect(run.status == 0)
  }

  @Test("os.exit unwinds the script and gives its code, even through pcall")
  func exitCodes() {
    #expect(runScript("os.exit(3)\nprint('after')").status == 3)
    #expect(runScript("os.exit(false)").status == 1)
    #expect(runScript("os.exit(true)").status == 0)
    let swallowed = runScript("pcall(os.exit, 4)\nprint('after')")
    #expect(swallowed.status == 4)
    #expect(swallowed.output == "")
    let coroutine = runScript(
      "coroutine.resume(coroutine.create(function() os.exit(5) end))\nprint('after')")
    #expect(coroutine.status == 5)
    #expect(coroutine.output == "")
  }

  @Test("runtime errors carry file:line, also from Swift functions")
  func errorsCarryLocation() {
    let lua = runScript("local x = nil\nlocal y = x.field", name: "checks/broken.lua")
    #expect(lua.error?.kind == .runtime)
    #expect(lua.error?.message.hasPrefix("checks/broken.lua:2:") == true)
    #expect(lua.error?.location == SourceLocation(file: "checks/broken.lua", line: 2))
    #expect(lua.error?.traceback?.contains("stack traceback") == true)

    let swift = runScript("\n\nmldebt.open(42)", name: "s.lua")
    #expect(swift.error?.message.hasPrefix("s.lua:3: bad argument #1 to 'open'") == true)

    let raised = runScript("error('boom')", name: "e.lua")
    #expect(raised.error?.message == "e.lua:1: boom")
  }

  @Test("syntax errors are reported with their line")
  func syntaxErrors() {
    let run = runScript("local x = 1\nif x then", name: "bad.lua")
    #expect(run.error?.kind == .syntax)
    #expect(run.error?.message.hasPrefix("bad.lua:2:") == true)
  }

  @Test("mldebt.json round-trips values and sorts keys")
  func json() {
    let run = runScript(
      """
      local t = mldebt.json.decode('{"b": [1, 2.5, "x", true], "a": {"c": null}}')
      print(t.b[1], t.b[2], t.b[3], t.b[4], type(t.a), t.a.c)
      print(mldebt.json.encode({z = 1, a = {1, 2}, s = "q\\"\\n", f = 0.1, e = {}}))
      print(mldebt.json.encode({a = {b = 1}}, {indent = 2}))
      print(pcall(function() return mldebt.json.decode("{") end))
      """)
    #expect(run.error == nil)
    let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "1\t2.5\tx\ttrue\ttable\tnil")
    #expect(lines[1] == #"{"a":[1,2],"e":[],"f":0.1,"s":"q\"\n","z":1}"#)
    #expect(lines[2...6].joined(separator: "\n") == "{\n  \"a\": {\n    \"b\": 1\n  }\n}")
    #expect(lines[7].hasPrefix("false\ttest.lua:5: mldebt.json.decode: not valid JSON"))
  }

  @Test("mldebt.time formats epoch seconds in UTC")
  func time() {
    let run = runScript("print(mldebt.time(0), mldebt.time(86400 * 365, 'date'))")
    #expect(run.output == "1970-01-01T00:00:00Z\t1971-01-01\n")
  }

  @Test("print_table aligns columns and right-aligns numbers")
  func printTable() {
    let run = runScript(
      "mldebt.print_table({{name = 'a', n = 1}, {name = 'bbb', n = 22.5}}, {'name', 'n'})")
    #expect(run.output == "name     n\n----  ----\na        1\nbbb   22.5\n")
  }

  @Test("a REPL line prints an expression's value and keeps state")
  func repl() throws {
    let output = OutputBuffer()
    let engine = try ScriptEngine(
      options: ScriptOptions(root: ScriptFixtures.carLoans), output: output.append)
    #expect(try engine.evaluate(line: "x = 20"))
    #expect(try engine.evaluate(line: "x + 1"))
    #expect(try engine.evaluate(line: "for i = 1, 2 do") == false)
    #expect(output.value == "21\n")
  }
}
