import Foundation
import Yams

/// A YAML value as DVC's templating sees it: text, a list or a mapping.
///
/// Used to resolve `${…}` references in `dvc.yaml` against `params.yaml`, `vars` and the
/// `item`/`key` of `foreach` and `matrix` stages.
indirect enum DVCValue: Equatable, Sendable {
  case text(String)
  case list([DVCValue])
  case map([(String, DVCValue)])

  static func == (lhs: DVCValue, rhs: DVCValue) -> Bool {
    switch (lhs, rhs) {
    case (.text(let a), .text(let b)): a == b
    case (.list(let a), .list(let b)): a == b
    case (.map(let a), .map(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
    default: false
    }
  }

  /// Converts a YAML node, visiting at most `budget` nodes (aliases can multiply a document).
  init(_ node: Yams.Node, budget: inout Int) {
    budget -= 1
    guard budget > 0 else {
      self = .text("")
      return
    }
    switch node {
    case .scalar(let scalar): self = .text(scalar.string)
    case .sequence(let sequence): self = .list(sequence.map { DVCValue($0, budget: &budget) })
    case .mapping(let mapping):
      self = .map(mapping.map { ($0.key.string ?? "", DVCValue($0.value, budget: &budget)) })
    case .alias: self = .text("")
    }
  }

  /// The value at a dotted path (`train.regions`, `item.split`), or `nil`.
  func lookup(_ path: some StringProtocol) -> DVCValue? {
    var current = self
    for part in path.split(separator: ".") {
      switch current {
      case .map(let entries):
        guard let next = entries.first(where: { $0.0 == part })?.1 else { return nil }
        current = next
      case .list(let items):
        guard let index = Int(part), items.indices.contains(index) else { return nil }
        current = items[index]
      case .text:
        return nil
      }
    }
    return current
  }

  /// The text DVC substitutes for this value inside a string.
  var interpolated: String {
    switch self {
    case .text(let text): text
    case .list(let items): "[" + items.map(\.interpolated).joined(separator: ", ") + "]"
    case .map(let entries):
      "{" + entries.map { "\($0.0): \($0.1.interpolated)" }.joined(separator: ", ") + "}"
    }
  }

  /// The mapping's entries merged over another mapping's (later keys win).
  func merged(over base: DVCValue) -> DVCValue {
    guard case .map(let top) = self, case .map(var entries) = base else { return self }
    for (key, value) in top {
      if let index = entries.firstIndex(where: { $0.0 == key }) {
        entries[index].1 = value
      } else {
        entries.append((key, value))
      }
    }
    return .map(entries)
  }
}

/// Resolves `${path}` references in DVC strings.
struct DVCInterpolation {
  /// The variables in scope: params.yaml, `vars`, and `item`/`key` while expanding a stage.
  var context: DVCValue

  /// Replaces every `${path}` in `text`; unresolved references are collected in `missing`.
  func resolve(_ text: String, missing: inout [String]) -> String {
    guard text.contains("${") else { return text }
    var result = ""
    var rest = text[...]
    while let start = rest.range(of: "${") {
      result += rest[..<start.lowerBound]
      guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
        result += rest[start.lowerBound...]
        return result
      }
      let path = rest[start.upperBound..<end].trimmingCharacters(in: .whitespaces)
      if let value = context.lookup(path) {
        result += value.interpolated
      } else {
        missing.append(path)
        result += rest[start.lowerBound...end]
      }
      rest = rest[rest.index(after: end)...]
    }
    return result + rest
  }

  /// If `text` is exactly one reference (`${train.regions}`), the value it names.
  func value(of text: String) -> DVCValue? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("${"), trimmed.hasSuffix("}"),
      trimmed.dropFirst(2).firstIndex(of: "}") == trimmed.index(before: trimmed.endIndex)
    else { return nil }
    return context.lookup(trimmed.dropFirst(2).dropLast())
  }
}
