import ArgumentParser
import Foundation
import MLDebt
import MLDebtScript

/// `mldebt script [FILE.lua] [ARGS…]`: runs Lua over the analysis core (docs/scripting.md).
struct ScriptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "script",
    abstract: "Run a Lua script with the mldebt API, a one-liner (-e), or a REPL.",
    discussion: """
      Scripts are sandboxed: they read files only under --project (default: the current \
      directory), cannot run programs or write files, and stop at a memory and an instruction \
      limit. --trust lifts all of that. The exit status is the script's os.exit code, 1 when \
      it raised an error, 2 for a usage error. docs/scripting.md documents the API.
      """
  )

  @Option(name: [.customShort("e"), .long], help: "Run this Lua code instead of a file.")
  var eval: String?

  @Option(
    name: .long,
    help: "The sandbox root and the project mldebt.open() opens (default: the current directory)."
  )
  var project: String = "."

  @Flag(name: .long, help: "Trust the script: full standard library, no limits.")
  var trust = false

  @Option(name: .long, help: "The memory limit, in MiB (sandboxed scripts only).")
  var maxMemory: Int = 256

  @Option(name: .long, help: "The instruction limit (sandboxed scripts only).")
  var maxInstructions: Int = 1_000_000_000

  @Option(
    name: .long,
    help: "An MLflow tracking URI that overrides the manifest (also MLFLOW_TRACKING_URI).")
  var mlflow: String?

  @OptionGroup var checklistOptions: ChecklistOptions

  @Argument(help: "The script file (none: read Lua from standard input, line by line).")
  var file: String?

  @Argument(parsing: .captureForPassthrough, help: "Arguments for the script (mldebt.args).")
  var arguments: [String] = []

  func validate() throws {
    if maxMemory < 1 { throw ValidationError("--max-memory takes a number of MiB ≥ 1") }
    if maxInstructions < 1000 { throw ValidationError("--max-instructions takes a number ≥ 1000") }
    guard FileManager.default.fileExists(atPath: project) else {
      throw ValidationError("--project \(project) does not exist")
    }
  }

  func run() throws {
    var options = ScriptOptions(root: project)
    options.trusted = trust
    options.memoryLimit = maxMemory << 20
    options.instructionLimit = maxInstructions
    options.now = try checklistOptions.now()
    var load = LoadOptions()
    load.environment = ProcessInfo.processInfo.environment
    load.mlflowURI = mlflow ?? load.environment["MLFLOW_TRACKING_URI"]
    options.loadOptions = load

    if let eval {
      options.arguments = (file.map { [$0] } ?? []) + arguments
      throw ExitCode(execute(options) { try $0.run(code: eval, name: "(command line)") })
    }
    if let file {
      options.arguments = arguments
      throw ExitCode(execute(options) { try $0.run(file: file) })
    }
    try repl(options)
  }

  /// Runs a script in a fresh engine; prints an error and returns 1 if it fails.
  private func execute(_ options: ScriptOptions, _ body: (ScriptEngine) throws -> Int32) -> Int32 {
    do {
      let engine = try ScriptEngine(options: options)
      defer { engine.close() }
      return try body(engine)
    } catch let error as ScriptError {
      report(error)
      return error.kind == .setup ? ExitStatus.usageOrLoadError : 1
    } catch {
      Console.error("mldebt script: \(error)")
      return 1
    }
  }

  private func report(_ error: ScriptError) {
    Console.error("mldebt script: \(error.message)")
    if let traceback = error.traceback {
      // The prelude's own frames and the `error` call itself say nothing about the script.
      for line in traceback.split(separator: "\n") {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("mldebt:") || text == "[C]: in function 'error'" { continue }
        Console.error(String(line))
      }
    }
  }

  /// A small read-eval-print loop: expressions print their values; `os.exit()` or end of input
  /// leaves. On a terminal, lines are edited with ``TerminalLineReader`` (cursor keys, history).
  private func repl(_ options: ScriptOptions) throws {
    let interactive = Console.isTerminal(0)
    var engine = try ScriptEngine(options: options)
    if interactive {
      Console.out("mldebt \(MLDebtVersion.version), Lua \(MLDebtScript.luaVersion). ")
      Console.out("Try: p = mldebt.open() then p:features(). End with Ctrl-D.\n")
    }
    // Line editing and history when both ends are a terminal; plain lines otherwise.
    let editor = Console.isTerminal(1) ? TerminalLineReader(input: 0, output: 1) : nil
    var pending = ""
    reading: while true {
      let prompt = pending.isEmpty ? "> " : ">> "
      let line: String
      if let editor {
        switch editor.readLine(prompt: prompt) {
        case .line(let text): line = text
        case .interrupt:
          pending = ""
          continue reading
        case .endOfInput: break reading
        }
      } else {
        if interactive { Console.out(prompt) }
        guard let text = readLine(strippingNewline: true) else { break }
        line = text
      }
      let code = pending.isEmpty ? line : pending + "\n" + line
      do {
        if try engine.evaluate(line: code) {
          pending = ""
        } else {
          pending = code
        }
      } catch {
        pending = ""
        if let status = engine.exitCode { throw ExitCode(status) }
        report(error)
        if engine.isFinished {
          Console.error("mldebt script: the Lua state was reset")
          engine.close()
          engine = try ScriptEngine(options: options)
        }
      }
    }
    engine.close()
  }
}
