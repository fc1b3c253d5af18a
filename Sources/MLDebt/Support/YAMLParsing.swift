import Yams

/// Turns YAML text into a node tree, or into a diagnostic that says where parsing stopped.
public enum YAMLParsing {
  /// Parses a single YAML document. An empty document gives `nil` and no diagnostic.
  public static func parse(_ text: String, sink: inout DiagnosticSink) -> Yams.Node? {
    if let (line, column) = YAMLAliasKeys.find(in: text) {
      sink.report(
        .error, line: line, column: column,
        "an alias is used inside a mapping key; the file is not read (expanding such keys can take unbounded time: a YAML alias bomb)",
        expected: "mapping keys written out, without `*alias`",
        hint: "write the key itself instead of an alias, or use the alias only as a value")
      return nil
    }
    do {
      return try Yams.compose(yaml: text)
    } catch let error as YamlError {
      let (line, column, problem) = describe(error)
      sink.report(
        .error, line: line, column: column, "the file is not valid YAML: \(problem)",
        expected: "a YAML document", hint: "fix the YAML syntax at this position")
    } catch {
      sink.report(
        .error, "the file is not valid YAML: \(error)", expected: "a YAML document",
        hint: "fix the YAML syntax")
    }
    return nil
  }

  /// The line, column and problem of a Yams error.
  static func describe(_ error: YamlError) -> (Int?, Int?, String) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let text = context.map { "\(problem) \($0.text)" } ?? problem
      return (mark.line, mark.column, text)
    case .reader(let problem, let offset, _, _):
      return (nil, nil, offset.map { "\(problem) at byte \($0)" } ?? problem)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return (
        context.mark.line, context.mark.column,
        "duplicated keys \(duplicates.joined(separator: ", "))"
      )
    default:
      return (nil, nil, "\(error)")
    }
  }
}
