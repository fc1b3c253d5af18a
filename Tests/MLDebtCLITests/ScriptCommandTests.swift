import Foundation
import Testing

/// `mldebt script` through the built binary: files, `-e`, arguments, exit statuses, the sandbox
/// and `--trust`, and the REPL fed through a pipe (plain lines, no prompts).
@Suite("mldebt script")
struct ScriptCommandTests {
  /// A scratch folder with files, removed afterwards.
  final class Scratch {
    let path = NSTemporaryDirectory() + "mldebt-script-" + UUID().uuidString

    init(_ files: [String: String]) throws {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      for (name, text) in files {
        try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
      }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
  }

  @Test func runsAFileWithItsArgumentsAgainstTheExample() throws {
    let scratch = try Scratch([
      "count.lua": """
      local p = mldebt.open()
      print(p.name, #mldebt.args, mldebt.args[1], mldebt.args[2])
      print(#p:features() > 0)
      """
    ])
    let result = try CLIRunner.run([
      "script", "--project", "examples/car-loans", scratch.path + "/count.lua", "one", "--two",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "car-loans\t2\tone\t--two\ntrue\n")
  }

  @Test func evaluatesAOneLiner() throws {
    let result = try CLIRunner.run([
      "script", "--project", "examples/car-loans", "-e",
      "print(mldebt.open().name, #mldebt.args)",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "car-loans\t0\n")
  }

  @Test func exitStatusComesFromOsExit() throws {
    for (code, status) in [("os.exit(3)", 3), ("os.exit(true)", 0), ("os.exit(false)", 1)] {
      let result = try CLIRunner.run(["script", "-e", "print('before'); \(code); print('after')"])
      #expect(result.status == Int32(status), "\(code): \(result.stderr)")
      #expect(result.stdout == "before\n", "\(code)")
    }
  }

  @Test func anErrorExitsOneWithTheFileAndLine() throws {
    let scratch = try Scratch(["fail.lua": "local x = 1\nerror('the numbers are off')\n"])
    let result = try CLIRunner.run(
      ["script", "--project", scratch.path, "fail.lua"], in: scratch.path)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("fail.lua:2:"), "\(result.stderr)")
    #expect(result.stderr.contains("the numbers are off"))
  }

  @Test func aMissingFileIsAUsageError() throws {
    let result = try CLIRunner.run(["script", "/no/such/script.lua"])
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("/no/such/script.lua"))
  }

  @Test func theSandboxRefusesWithAMessageAndTrustAllowsIt() throws {
    let refused = try CLIRunner.run(["script", "-e", "os.execute('true')"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains("os.execute is not allowed in the sandbox"), "\(refused.stderr)")
    #expect(refused.stderr.contains("--trust"))

    let outside = try CLIRunner.run([
      "script", "--project", "examples/car-loans", "-e", "io.open('/etc/hostname')",
    ])
    #expect(outside.status == 1)
    #expect(outside.stderr.contains("--trust"), "\(outside.stderr)")

    let trusted = try CLIRunner.run([
      "script", "--trust", "-e", "print(os.execute('exit 0'), type(os.getenv('PATH')))",
    ])
    #expect(trusted.status == 0, "\(trusted.stderr)")
    #expect(trusted.stdout == "true\tstring\n")
  }

  @Test func theREPLReadsPlainLinesFromAPipe() throws {
    let input = """
      x = 20
      x + 22
      function double(n)
        return n * 2
      end
      double(x)
      error('oops')
      mldebt.open().name

      """
    let result = try CLIRunner.run(
      ["script", "--project", "examples/car-loans"], input: input)
    #expect(result.status == 0, "\(result.stderr)")
    // No prompt and no banner without a terminal: only the values.
    #expect(result.stdout == "42\n40\ncar-loans\n")
    // An error is reported and the REPL goes on.
    #expect(result.stderr.contains("oops"))
  }

  @Test func theREPLExitsWithTheStatusOfOsExit() throws {
    let result = try CLIRunner.run(["script"], input: "print('hi')\nos.exit(4)\nprint('no')\n")
    #expect(result.status == 4)
    #expect(result.stdout == "hi\n")
  }
}
