import CLua
import Foundation
import MLDebt

/// The Swift functions Lua can call, by the id the C trampoline carries.
///
/// The first four match `MLDEBT_FN_*` in `shim.h` (the object metatable uses them).
enum ScriptFunction: Int32, CaseIterable {
  case index = 1
  case gc = 2
  case tostring = 3
  case equals = 4
  case write
  case exit
  case openFile
  case readFile
  case openProject
  case version
  case time
  case now
  case constants
  case jsonDecode
  case printTable
  case data
  case features
  case datasets
  case models
  case consumers
  case jobs
  case nodes
  case node
  case edges
  case upstream
  case downstream
  case impact
  case path
  case cycles
  case runs
  case run
  case diff
  case findings
  case score
  case history
  case diagnostics
  case metricHistory
  case drift

  /// The functions the prelude receives as `prim.NAME`.
  static let primitives: [(String, ScriptFunction)] = [
    ("write", .write), ("exit", .exit), ("open", .openFile), ("read", .readFile),
    ("open_project", .openProject), ("version", .version), ("time", .time), ("now", .now),
    ("constants", .constants), ("json_decode", .jsonDecode), ("print_table", .printTable),
    ("data", .data), ("runs", .runs), ("findings", .findings), ("drift", .drift),
  ]
}

/// A message a Swift function raises as a Lua error (the trampoline adds `file:line:`).
struct LuaRaise: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// What Lua holds a handle to.
enum ScriptObject {
  case project(ProjectBox)
  case node(ProjectBox, NodeID)
  case run(ProjectBox, Int)
  case finding(Finding)
}

/// The Swift side of one engine: options, output, and the objects Lua holds.
final class ScriptContext {
  let options: ScriptOptions
  let output: (String) -> Void
  var objects: [Int64: ScriptObject] = [:]
  private var nextHandle: Int64 = 1
  var preloaded: ProjectBox?
  var opened: [String: ProjectBox] = [:]

  init(options: ScriptOptions, output: @escaping (String) -> Void) {
    self.options = options
    self.output = output
  }

  /// Registers an object and writes its userdata.
  func push(_ object: ScriptObject, _ out: LuaOut) {
    let handle = nextHandle
    nextHandle += 1
    objects[handle] = object
    out.object(handle)
  }

  /// The object at an argument index.
  func object(_ call: LuaCall, _ index: Int32) -> ScriptObject? {
    call.handle(index).flatMap { objects[$0] }
  }

  /// Runs one Swift function. Returns 0, or -1 after writing an error message.
  func dispatch(_ state: OpaquePointer, _ id: Int32) -> Int32 {
    let call = LuaCall(state: state)
    let out = LuaOut(state: state)
    guard let function = ScriptFunction(rawValue: id) else {
      out.string("unknown mldebt function \(id)")
      return -1
    }
    do {
      try perform(function, call, out)
      return 0
    } catch let raise as LuaRaise {
      mldebt_out_reset(state)
      out.string(raise.message)
      return -1
    } catch {
      mldebt_out_reset(state)
      if case .exit = function { return -1 }
      out.string("\(error)")
      return -1
    }
  }
}

/// The C dispatcher: finds the context and runs the function. Never raises.
let scriptDispatch: mldebt_dispatch_fn = { state, id in
  guard let state, let raw = mldebt_context(state) else { return -1 }
  let context = Unmanaged<ScriptContext>.fromOpaque(raw).takeUnretainedValue()
  return context.dispatch(state, id)
}

/// `os.exit` unwinds the script with this (it is not shown as an error).
struct ExitRequest: Error {}
