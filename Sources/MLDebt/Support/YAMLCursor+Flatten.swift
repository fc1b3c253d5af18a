import Yams

extension YAMLCursor {
  /// Every scalar under this node, keyed by its dotted key path (`train.C`, `stages[0]`).
  ///
  /// Used for parameter files, whose keys are the team's own. The walk shares the document's
  /// node budget, so an alias bomb stops with an error instead of exhausting memory.
  public func flattenedScalars(_ sink: inout DiagnosticSink) -> [(key: String, value: String)] {
    var result: [(key: String, value: String)] = []
    var stack: [YAMLCursor] = [self]
    while let cursor = stack.popLast() {
      switch cursor.node {
      case .scalar(let scalar):
        result.append((cursor.keyPath, scalar.string))
      case .mapping:
        guard let entries = cursor.mapping(&sink) else { return result }
        stack.append(contentsOf: entries.reversed().map(\.value))
        if budget.remaining <= 0 { return result }
      case .sequence:
        guard let items = cursor.sequence(&sink) else { return result }
        stack.append(contentsOf: items.reversed())
        if budget.remaining <= 0 { return result }
      case .alias:
        continue
      }
    }
    return result
  }
}
