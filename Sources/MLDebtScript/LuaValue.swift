import MLDebt

/// A plain value to hand to Lua: the fields of nodes, runs and findings, and small tables.
indirect enum LuaValue {
  case none
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case list([LuaValue])
  case map([(String, LuaValue)])

  /// A string, or nil.
  static func text(_ value: String?) -> LuaValue { value.map(LuaValue.string) ?? .none }

  /// A list of strings.
  static func strings(_ values: [String]) -> LuaValue { .list(values.map(LuaValue.string)) }

  /// Node ids as strings.
  static func ids(_ values: [NodeID]) -> LuaValue { .list(values.map { .string($0.description) }) }

  /// A map of strings, sorted by key.
  static func stringMap(_ values: [String: String]) -> LuaValue {
    .map(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
  }
}

extension LuaOut {
  /// Writes a plain value.
  func value(_ value: LuaValue) {
    switch value {
    case .none: self.nil()
    case .bool(let b): bool(b)
    case .int(let i): int(i)
    case .number(let d): number(d)
    case .string(let s): string(s)
    case .list(let items):
      table(array: items.count) { t in
        for (index, item) in items.enumerated() { t.item(index + 1) { t.value(item) } }
      }
    case .map(let pairs):
      table(record: pairs.count) { t in
        for (key, item) in pairs { t.field(key) { t.value(item) } }
      }
    }
  }
}
