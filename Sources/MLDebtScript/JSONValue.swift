import Foundation

/// A JSON value, for `mldebt.json.decode` and for the findings a Lua check hands back.
enum JSONValue: Sendable, Hashable, Decodable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Parses JSON text.
  static func parse(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }

  /// The value as a string, if it is one.
  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The value as a number, if it is one.
  var number: Double? {
    switch self {
    case .int(let value): Double(value)
    case .number(let value): value
    default: nil
    }
  }

  /// A field of an object.
  subscript(key: String) -> JSONValue? {
    if case .object(let pairs) = self { return pairs[key] }
    return nil
  }

  /// The items of an array (an empty object counts as an empty array, as Lua cannot tell).
  var items: [JSONValue]? {
    switch self {
    case .array(let items): items
    case .object(let pairs) where pairs.isEmpty: []
    default: nil
    }
  }
}
