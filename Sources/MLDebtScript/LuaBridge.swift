import CLua

/// Reading a Lua function's arguments from Swift without raising and without allocating, and
/// describing its results as operations that the C trampoline replays.
///
/// Nothing here may call a Lua API function that can raise an error (every allocating one can,
/// on out-of-memory): a Lua error is a `longjmp`, and one that crossed this Swift frame would be
/// undefined behaviour. See `Sources/CLua/shim.h`.
struct LuaCall {
  /// The state.
  let state: OpaquePointer

  /// The number of arguments.
  var count: Int32 { lua_gettop(state) }

  /// The Lua type of an argument (`LUA_TNONE` when absent).
  func type(_ index: Int32) -> Int32 { lua_type(state, index) }

  /// Whether an argument is absent or nil.
  func isNil(_ index: Int32) -> Bool { type(index) <= LUA_TNIL }

  /// An argument that is a string (numbers are not converted).
  func string(_ index: Int32) -> String? {
    var length = 0
    guard let pointer = mldebt_tostring_raw(state, index, &length) else { return nil }
    let buffer = UnsafeRawBufferPointer(start: pointer, count: length)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// An argument that is a number.
  func number(_ index: Int32) -> Double? {
    guard type(index) == LUA_TNUMBER else { return nil }
    var ok: Int32 = 0
    let value = lua_tonumberx(state, index, &ok)
    return ok != 0 ? value : nil
  }

  /// An argument that is an integer, or a float with an integral value.
  func integer(_ index: Int32) -> Int? {
    guard let value = number(index), value.isFinite, value.rounded() == value,
      abs(value) < 9.0e15
    else { return nil }
    return Int(value)
  }

  /// An argument that is a boolean.
  func bool(_ index: Int32) -> Bool? {
    guard type(index) == LUA_TBOOLEAN else { return nil }
    return lua_toboolean(state, index) != 0
  }

  /// The handle of a Swift object argument.
  func handle(_ index: Int32) -> Int64? {
    var handle: Int64 = 0
    return mldebt_toobject(state, index, &handle) != 0 ? handle : nil
  }

  /// A short name of an argument's type, for messages.
  func typeName(_ index: Int32) -> String {
    switch type(index) {
    case LUA_TNONE: "no value"
    case LUA_TNIL: "nil"
    case LUA_TBOOLEAN: "boolean"
    case LUA_TNUMBER: "number"
    case LUA_TSTRING: "string"
    case LUA_TTABLE: "table"
    case LUA_TFUNCTION: "function"
    case LUA_TUSERDATA: handle(index) != nil ? "mldebt object" : "userdata"
    case LUA_TTHREAD: "thread"
    default: "light userdata"
    }
  }
}

/// The results of a Swift function, written as operations into the state's C buffer.
///
/// Nothing is pushed here: the C side replays the operations under protection.
struct LuaOut {
  /// The state.
  let state: OpaquePointer

  func `nil`() { mldebt_out_nil(state) }
  func bool(_ value: Bool) { mldebt_out_bool(state, value ? 1 : 0) }
  func int(_ value: Int) { mldebt_out_int(state, Int64(value)) }
  func number(_ value: Double) { mldebt_out_num(state, value) }

  func string(_ value: String) {
    var copy = value
    copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { mldebt_out_str(state, $0.baseAddress, $0.count) }
    }
  }

  func optional(_ value: String?) {
    if let value { string(value) } else { self.nil() }
  }

  func optional(_ value: Double?) {
    if let value { number(value) } else { self.nil() }
  }

  func optional(_ value: Bool?) {
    if let value { bool(value) } else { self.nil() }
  }

  func object(_ handle: Int64) { mldebt_out_object(state, handle) }
  func function(_ function: ScriptFunction) { mldebt_out_fn(state, function.rawValue) }
  func preludeFunction(_ name: String) {
    var copy = name
    copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        mldebt_out_internal(state, $0.baseAddress, $0.count)
      }
    }
  }

  func openFile(_ path: String) {
    var copy = path
    copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) {
        mldebt_out_openfile(state, $0.baseAddress, $0.count)
      }
    }
  }

  func load(_ text: String, name: String) {
    var text = text
    var name = name
    text.withUTF8 { textBytes in
      name.withUTF8 { nameBytes in
        textBytes.withMemoryRebound(to: CChar.self) { t in
          nameBytes.withMemoryRebound(to: CChar.self) { n in
            mldebt_out_load(state, t.baseAddress, t.count, n.baseAddress, n.count)
          }
        }
      }
    }
  }

  func pushValue(_ index: Int32) { mldebt_out_pushvalue(state, index) }

  /// A table built by `body`, which writes fields with ``field(_:_:)`` and items with
  /// ``item(_:_:)``.
  func table(array: Int = 0, record: Int = 0, _ body: (LuaOut) -> Void) {
    mldebt_out_table(state, Int32(clamping: array), Int32(clamping: record))
    body(self)
  }

  /// `t[key] = value` for the table being built.
  func field(_ key: String, _ value: () -> Void) {
    string(key)
    value()
    mldebt_out_setfield(state)
  }

  /// `t[index] = value` for the table being built.
  func item(_ index: Int, _ value: () -> Void) {
    value()
    mldebt_out_seti(state, Int64(index))
  }

  /// A list of strings.
  func strings(_ values: [String]) {
    table(array: values.count) { t in
      for (index, value) in values.enumerated() { t.item(index + 1) { t.string(value) } }
    }
  }

  /// A map of strings to strings.
  func stringMap(_ values: [String: String]) {
    table(record: values.count) { t in
      for (key, value) in values { t.field(key) { t.string(value) } }
    }
  }

  /// A map of strings to numbers.
  func numberMap(_ values: [String: Double]) {
    table(record: values.count) { t in
      for (key, value) in values { t.field(key) { t.number(value) } }
    }
  }

  /// A JSON value as Lua values (objects and arrays become tables, null becomes nil).
  func json(_ value: JSONValue) {
    switch value {
    case .null: self.nil()
    case .bool(let b): bool(b)
    case .int(let i): int(i)
    case .number(let d): number(d)
    case .string(let s): string(s)
    case .array(let items):
      table(array: items.count) { t in
        for (index, item) in items.enumerated() { t.item(index + 1) { t.json(item) } }
      }
    case .object(let pairs):
      table(record: pairs.count) { t in
        for (key, item) in pairs.sorted(by: { $0.key < $1.key }) { t.field(key) { t.json(item) } }
      }
    }
  }
}
