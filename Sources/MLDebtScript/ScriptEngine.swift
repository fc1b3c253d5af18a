import CLua
import Foundation
import MLDebt

/// How a Lua script may run: where it may read, and how much it may use.
public struct ScriptOptions: Sendable {
  /// The sandbox root: scripts may read files only under it, and relative paths (in
  /// `mldebt.open`, `io.open`, `dofile`, `require`) resolve against it.
  public var root: String
  /// Whether the script is trusted: the full standard library and no limits (`--trust`).
  public var trusted: Bool = false
  /// The most memory the Lua state may hold, in bytes (ignored when trusted).
  public var memoryLimit: Int = 256 << 20
  /// The most VM instructions a state may run, counted in steps of 1,000 (ignored when trusted).
  public var instructionLimit: Int = 1_000_000_000
  /// The script's arguments (`mldebt.args`).
  public var arguments: [String] = []
  /// The time `mldebt.now()` returns and findings and scores are judged at.
  public var now: Date = Date()
  /// How `mldebt.open` loads projects.
  public var loadOptions: LoadOptions = LoadOptions()

  /// Creates options with a sandbox root (made absolute).
  public init(root: String) {
    self.root = SandboxPath.canonicalRoot(root)
  }
}

/// Why a script stopped with an error.
public struct ScriptError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The kinds of failure.
  public enum Kind: String, Sendable, Equatable {
    /// The code does not compile.
    case syntax
    /// An error was raised while it ran.
    case runtime
    /// It ran more instructions than allowed.
    case instructionLimit = "instruction-limit"
    /// It used more memory than allowed.
    case memoryLimit = "memory-limit"
    /// The file could not be read, or the engine could not start.
    case setup
  }

  /// What kind of failure.
  public var kind: Kind
  /// The message, starting with `file:line:` when Lua knows where.
  public var message: String
  /// The Lua stack traceback, when there is one.
  public var traceback: String?

  /// Creates an error.
  public init(_ kind: Kind, _ message: String, traceback: String? = nil) {
    self.kind = kind
    self.message = message
    self.traceback = traceback
  }

  /// The message.
  public var description: String { message }

  /// Where the error is, parsed from a `file:line:` prefix of the message.
  public var location: SourceLocation? {
    let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count == 3, let line = Int(parts[1]), !parts[0].isEmpty else { return nil }
    return SourceLocation(file: String(parts[0]), line: line)
  }
}

/// A Lua 5.4 state with the `mldebt` API, sandboxed unless trusted.
///
/// An engine is used from one thread at a time; create one per script (or per check run).
/// Lua errors never unwind through Swift: every call into Lua is protected, and Swift functions
/// are reached through the C trampoline in `Sources/CLua/shim.h`.
public final class ScriptEngine {
  let state: OpaquePointer
  let context: ScriptContext
  private var closed = false

  /// Creates an engine. `output` receives what `print` and `io.write` write (standard output
  /// when `nil`).
  public init(options: ScriptOptions, output: ((String) -> Void)? = nil) throws(ScriptError) {
    let trusted = options.trusted
    let memory = trusted ? 0 : max(options.memoryLimit, 1 << 20)
    let steps = trusted ? 0 : Int64(max(options.instructionLimit, 1000))
    guard let state = mldebt_newstate(memory, steps) else {
      throw ScriptError(.setup, "could not create a Lua state (out of memory)")
    }
    self.state = state
    self.context = ScriptContext(
      options: options,
      output: output ?? { text in FileHandle.standardOutput.write(Data(text.utf8)) })
    mldebt_set_context(state, Unmanaged.passUnretained(context).toOpaque(), scriptDispatch)
    if mldebt_setup(state) != LUA_OK {
      let message = popMessage()
      close()
      throw ScriptError(.setup, "could not start Lua: \(message)")
    }
    do {
      try callPrelude()
    } catch {
      close()
      throw error
    }
  }

  deinit { close() }

  /// Closes the Lua state (running finalizers). The engine cannot be used afterwards.
  public func close() {
    guard !closed else { return }
    closed = true
    mldebt_close(state)
    context.objects.removeAll()
  }

  /// Sets the project that `mldebt.open()` (with no path) returns, without loading it again.
  public func preload(_ project: Project) {
    context.preloaded = ProjectBox(project, now: context.options.now)
  }

  /// The number of Swift objects (projects, nodes, runs, findings) that Lua still holds.
  public var liveObjects: Int { context.objects.count }

  /// Bytes the Lua state holds now.
  public var memoryUsed: Int { Int(mldebt_memory_used(state)) }

  /// Runs a script file. Returns its exit status: 0, or the code it gave `os.exit`.
  @discardableResult
  public func run(file path: String) throws(ScriptError) -> Int32 {
    let text: String
    do {
      text = try FileAccess.readText(path)
    } catch {
      throw ScriptError(.setup, "cannot read \(path): \(error)")
    }
    return try run(code: text, name: path)
  }

  /// Runs a chunk of Lua source. `name` is how errors name it (`file.lua:3: …`).
  @discardableResult
  public func run(code: String, name: String = "(command line)") throws(ScriptError) -> Int32 {
    var source = code
    if source.hasPrefix("#") { source = "--" + source }  // a shebang line
    let out = LuaOut(state: state)
    mldebt_out_reset(state)
    out.load(source, name: "@" + name)
    let values = try exec()
    defer { lua_settop(state, values.base) }
    if lua_type(state, values.base + 1) != LUA_TFUNCTION {
      let message = LuaCall(state: state).string(values.base + 2) ?? "cannot load \(name)"
      throw ScriptError(.syntax, message)
    }
    lua_settop(state, values.base + 1)
    mldebt_out_reset(state)
    do {
      _ = try call(results: 0, function: values.base + 1)
    } catch {
      if let code = exitCode { return code }
      throw error
    }
    return exitCode ?? 0
  }

  /// Evaluates one line of a REPL: an expression's values are printed; a statement runs.
  /// Returns `false` when the line is an incomplete statement (the caller should read more).
  public func evaluate(line: String) throws(ScriptError) -> Bool {
    mldebt_out_reset(state)
    let out = LuaOut(state: state)
    out.preludeFunction("repl")
    out.string(line)
    let base = lua_gettop(state)
    defer { lua_settop(state, base) }
    let results = try call(results: 1)
    return LuaCall(state: state).string(results.first) != "incomplete"
  }

  /// Whether the state was stopped for good (a limit or `os.exit`); a REPL then starts afresh.
  public var isFinished: Bool { mldebt_abort_kind(state) != 0 }

  // MARK: - Protected execution

  struct Stack {
    /// The top before the call.
    var base: Int32
    /// The first result's index.
    var first: Int32
    /// How many results.
    var count: Int32
  }

  /// Replays the buffer under protection; what it pushed stays above `base`.
  func exec() throws(ScriptError) -> Stack {
    let base = lua_gettop(state)
    let status = mldebt_exec(state)
    if status != LUA_OK {
      let error = failure(status: status)
      lua_settop(state, base)
      throw error
    }
    return Stack(base: base, first: base + 1, count: lua_gettop(state) - base)
  }

  /// Replays the buffer (a function and its arguments) and calls it, protected. Returns the
  /// results' stack indices; the caller resets the top. With `function`, calls the function at
  /// that stack index instead, and the buffer holds only the arguments.
  func call(results: Int32, function: Int32? = nil, argument: Int32 = 0) throws(ScriptError)
    -> Stack
  {
    let base = lua_gettop(state)
    let status =
      if let function { mldebt_call_value(state, function, argument, results) } else {
        mldebt_call(state, results)
      }
    if status != LUA_OK {
      let error = failure(status: status)
      lua_settop(state, base)
      throw error
    }
    let first = base + 2
    return Stack(base: base, first: first, count: lua_gettop(state) - first + 1)
  }

  /// Turns a failed status (message on top) into an error, naming limits and exits.
  private func failure(status: Int32) -> ScriptError {
    switch Int(mldebt_abort_kind(state)) {
    case Int(MLDEBT_ABORT_EXIT):
      return ScriptError(.runtime, "os.exit(\(mldebt_exit_code(state)))", traceback: nil)
    case Int(MLDEBT_ABORT_STEPS):
      return ScriptError(
        .instructionLimit,
        "\(String(cString: mldebt_abort_message(state))) (the script ran too long; "
          + "raise the limit with --max-instructions or run it with --trust)")
    case Int(MLDEBT_ABORT_MEMORY):
      return ScriptError(
        .memoryLimit,
        "\(String(cString: mldebt_abort_message(state))) (the script used too much memory; "
          + "raise the limit with --max-memory or run it with --trust)")
    default:
      if status == LUA_ERRMEM && lua_gettop(state) == 0 {
        return ScriptError(.memoryLimit, "out of memory")
      }
      let text = popMessage()
      if status == LUA_ERRMEM { return ScriptError(.memoryLimit, "out of memory: \(text)") }
      if status == LUA_ERRSYNTAX { return ScriptError(.syntax, text) }
      if let range = text.range(of: "\nstack traceback:") {
        return ScriptError(
          .runtime, String(text[..<range.lowerBound]),
          traceback: String(text[range.lowerBound...].dropFirst()))
      }
      return ScriptError(.runtime, text)
    }
  }

  private func popMessage() -> String {
    let message = LuaCall(state: state).string(-1) ?? "(error object is not a string)"
    return message
  }

  /// The code the script gave `os.exit`, if it called it.
  public var exitCode: Int32? {
    mldebt_abort_kind(state) == MLDEBT_ABORT_EXIT ? mldebt_exit_code(state) : nil
  }

  private func callPrelude() throws(ScriptError) {
    let out = LuaOut(state: state)
    mldebt_out_reset(state)
    out.load(Prelude.source, name: "=mldebt")
    var loaded = try exec()
    guard lua_type(state, loaded.first) == LUA_TFUNCTION else {
      let message = LuaCall(state: state).string(loaded.first + 1) ?? "?"
      lua_settop(state, loaded.base)
      throw ScriptError(.setup, "the mldebt prelude does not compile: \(message)")
    }
    lua_settop(state, loaded.first)
    mldebt_out_reset(state)
    out.table(record: ScriptFunction.primitives.count) { t in
      for (name, function) in ScriptFunction.primitives { t.field(name) { t.function(function) } }
    }
    out.preludeFunction("self")
    out.bool(context.options.trusted)
    out.strings(context.options.arguments)
    loaded = try call(results: 0, function: loaded.first)
    lua_settop(state, loaded.first - 1)
  }
}

extension LuaCall {
  /// The string at an index, or nil for any other value.
  func string(_ index: Int32?) -> String? {
    guard let index else { return nil }
    return string(index)
  }
}
