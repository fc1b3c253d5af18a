import CLua
import Foundation
import MLDebt

/// The Swift functions behind the `mldebt` API. Each reads its arguments with ``LuaCall`` and
/// writes its results with ``LuaOut``; a `LuaRaise` becomes a Lua error raised from C.
extension ScriptContext {
  func perform(_ function: ScriptFunction, _ call: LuaCall, _ out: LuaOut) throws {
    switch function {
    case .index: try index(call, out)
    case .gc:
      if let handle = call.handle(1) { objects.removeValue(forKey: handle) }
    case .tostring:
      guard let object = object(call, 1) else { throw LuaRaise("not an mldebt object") }
      out.string(describe(object))
    case .equals:
      if let a = object(call, 1), let b = object(call, 2) {
        out.bool(identity(a) == identity(b))
      } else {
        out.bool(false)
      }
    case .write:
      for index in 1...max(call.count, 1) where index <= call.count {
        if let text = call.string(index) {
          output(text)
        } else if let number = call.number(index) {
          output(LuaNumber.format(number))
        } else {
          throw LuaRaise(
            "bad argument #\(index) to 'write' (string expected, got \(call.typeName(index)))")
        }
      }
    case .exit:
      var code: Int32 = 0
      if let flag = call.bool(1) {
        code = flag ? 0 : 1
      } else if let number = call.integer(1) {
        code = Int32(truncatingIfNeeded: number)
      } else if !call.isNil(1) {
        throw LuaRaise("bad argument #1 to 'exit' (number or boolean expected)")
      }
      mldebt_request_exit(call.state, code)
      throw ExitRequest()
    case .openFile: try openFile(call, out)
    case .readFile: try readFile(call, out)
    case .openProject: try openProject(call, out)
    case .version: out.string(MLDebtVersion.version)
    case .time: try time(call, out)
    case .now: out.number(options.now.timeIntervalSince1970)
    case .constants:
      out.value(
        .map([
          ("areas", .strings(DebtArea.allCases.map(\.rawValue))),
          ("severities", .strings(Finding.Severity.allCases.map(\.rawValue))),
        ]))
    case .jsonDecode:
      guard let text = call.string(1) else {
        throw LuaRaise("bad argument #1 to 'decode' (string expected, got \(call.typeName(1)))")
      }
      do {
        out.json(try JSONValue.parse(text))
      } catch {
        throw LuaRaise("mldebt.json.decode: not valid JSON (\(Self.jsonMessage(error)))")
      }
    case .printTable: try printTable(call, out)
    case .data:
      if let object = object(call, 1) { out.value(.map(fields(of: object))) } else { out.nil() }
    default: try performProjectFunction(function, call, out)
    }
  }

  private func index(_ call: LuaCall, _ out: LuaOut) throws {
    guard let object = object(call, 1) else { throw LuaRaise("not an mldebt object") }
    guard let key = call.string(2) else {
      out.nil()
      return
    }
    let methods: [String: ScriptFunction]
    switch object {
    case .project:
      if let name = Self.projectPreludeMethods[key] {
        out.preludeFunction(name)
        return
      }
      methods = Self.projectMethods
    case .node: methods = Self.nodeMethods
    case .run: methods = Self.runMethods
    case .finding: methods = [:]
    }
    if let method = methods[key] {
      out.function(method)
    } else if let value = fields(of: object).first(where: { $0.0 == key })?.1 {
      out.value(value)
    } else {
      out.nil()
    }
  }

  private func path(_ call: LuaCall, _ index: Int32, _ name: String) throws -> String {
    guard let path = call.string(index) else {
      throw LuaRaise(
        "bad argument #\(index) to '\(name)' (string expected, got \(call.typeName(index)))")
    }
    return path
  }

  private func openFile(_ call: LuaCall, _ out: LuaOut) throws {
    let given = try path(call, 1, "open")
    do {
      let real = try SandboxPath.resolve(given, root: options.root, trusted: options.trusted)
      guard case .file = FileAccess.entry(at: real) else {
        out.nil()
        out.string("\(given): not a regular file")
        return
      }
      out.openFile(real)
    } catch {
      switch error {
      case .missing(let message):
        out.nil()
        out.string(message)
      case .outside(let message):
        out.nil()
        out.string(message)
        out.bool(true)
      }
    }
  }

  private func readFile(_ call: LuaCall, _ out: LuaOut) throws {
    let given = try path(call, 1, "read")
    do {
      let real = try SandboxPath.resolve(given, root: options.root, trusted: options.trusted)
      out.string(try FileAccess.readText(real, limit: 16 << 20))
    } catch let failure as SandboxPath.Failure {
      switch failure {
      case .missing(let message):
        out.nil()
        out.string(message)
      case .outside(let message):
        out.nil()
        out.string(message)
        out.bool(true)
      }
    } catch {
      out.nil()
      out.string("\(given): \(error)")
    }
  }

  private func openProject(_ call: LuaCall, _ out: LuaOut) throws {
    let given = call.string(1)
    if given == nil, !call.isNil(1) {
      throw LuaRaise("bad argument #1 to 'open' (string expected, got \(call.typeName(1)))")
    }
    if let preloaded, given == nil || given == "." || given == options.root {
      push(.project(preloaded), out)
      return
    }
    let real: String
    do {
      real = try SandboxPath.resolve(given ?? ".", root: options.root, trusted: options.trusted)
    } catch {
      switch error {
      case .missing(let message): throw LuaRaise("mldebt.open: \(message)")
      case .outside(let message): throw LuaRaise(message)
      }
    }
    if let box = opened[real] {
      push(.project(box), out)
      return
    }
    do {
      let project = try Project.load(at: real, options: options.loadOptions)
      let box = ProjectBox(project, now: options.now)
      opened[real] = box
      push(.project(box), out)
    } catch {
      throw LuaRaise("mldebt.open: \(error)")
    }
  }

  private func time(_ call: LuaCall, _ out: LuaOut) throws {
    guard let seconds = call.number(1), seconds.isFinite else {
      throw LuaRaise(
        "bad argument #1 to 'time' (epoch seconds expected, got \(call.typeName(1)))")
    }
    let format = call.string(2) ?? "datetime"
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let date = Date(timeIntervalSince1970: seconds)
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    switch format {
    case "date": out.string(day)
    case "datetime":
      out.string(
        day
          + String(
            format: "T%02d:%02d:%02dZ", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0))
    default:
      throw LuaRaise("bad argument #2 to 'time' (\"date\" or \"datetime\" expected)")
    }
  }

  private func printTable(_ call: LuaCall, _ out: LuaOut) throws {
    guard let text = call.string(1), let value = try? JSONValue.parse(text),
      let headers = value["headers"]?.items?.compactMap(\.string),
      let rows = value["rows"]?.items
    else { throw LuaRaise("print_table: malformed table") }
    let cells = rows.map { ($0.items ?? []).map { $0.string ?? "" } }
    let alignments: [TextTable.Alignment] = headers.indices.map { column in
      let values = cells.compactMap { column < $0.count && !$0[column].isEmpty ? $0[column] : nil }
      return !values.isEmpty && values.allSatisfy({ Double($0) != nil }) ? .right : .left
    }
    output(TextTable(headers: headers, alignments: alignments, rows: cells).plainText())
  }

  static func jsonMessage(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error {
      let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"]
      return (underlying as? String) ?? context.debugDescription
    }
    return "\(error)"
  }
}

/// Lua's number formatting (`%.14g`, integers without a decimal point).
enum LuaNumber {
  static func format(_ value: Double) -> String {
    if value.isNaN { return value.sign == .minus ? "-nan" : "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.14g", value)
  }
}
