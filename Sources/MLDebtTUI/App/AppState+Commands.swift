import MLDebt

extension AppState {
  /// The commands that take an argument, with what the argument is.
  public static let argumentCommands: [(name: String, usage: String)] = [
    ("open", "open NODE (feature:age, or a bare name)"),
    ("view", "view NAME (overview, lineage, runs, drift, checklist, sources, or 1-6)"),
    ("theme", "theme NAME"),
    ("export", "export markdown|text|json|view FILE"),
    ("filter", "filter TEXT"),
  ]

  /// Every command name: the argument commands, then every action's name.
  public static var commandNames: [String] {
    argumentCommands.map(\.name) + Action.allCases.map(\.rawValue)
  }

  /// Completions for a partly typed command line, as whole command lines.
  public func completions(for line: String) -> [String] {
    let trimmed = line.drop { $0 == " " }
    guard let space = trimmed.firstIndex(of: " ") else {
      let prefix = trimmed.lowercased()
      return Self.commandNames.filter { $0.hasPrefix(prefix) }
    }
    let command = String(trimmed[..<space])
    let argument = String(trimmed[trimmed.index(after: space)...]).drop { $0 == " " }
    func candidates(_ options: [String]) -> [String] {
      let scored = options.compactMap { option in
        FuzzyMatch.match(String(argument), in: option).map { (option, $0.score) }
      }
      let ordered = argument.isEmpty ? scored : scored.sorted { $0.1 > $1.1 }
      return ordered.prefix(50).map { "\(command) \($0.0)" }
    }
    switch command {
    case "open": return candidates(index.nodes.map(\.description))
    case "view": return candidates(ViewID.allCases.map(\.rawValue))
    case "theme": return candidates(themeNames)
    case "export":
      return argument.contains(" ") ? [] : candidates(Self.exportFormats).map { $0 + " " }
    default: return []
    }
  }

  /// Runs a command line (without the `:`). Every action is a command by its name.
  public mutating func execute(command line: String) -> [AppEffect] {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let name = words.first?.lowercased() else { return [] }
    let argument = words.dropFirst().joined(separator: " ")
    switch name {
    case "q", "quit", "exit":
      return perform(.quit)
    case "open":
      guard !argument.isEmpty else { return usage("open") }
      return open(nodeNamed: argument)
    case "view":
      guard let target = ViewID(named: argument) else {
        report(
          "no view `\(argument)`; views are \(ViewID.allCases.map(\.rawValue).joined(separator: ", "))",
          error: true)
        return []
      }
      go(to: target)
      return []
    case "theme":
      guard !argument.isEmpty else { return usage("theme") }
      guard themeNames.contains(argument) else {
        report(
          "no theme `\(argument)`; themes are \(themeNames.joined(separator: ", "))", error: true)
        return []
      }
      themeName = argument
      return [.applyTheme(argument)]
    case "export":
      return export(arguments: argument)
    case "filter":
      setFilter(argument, in: view)
      selections[view] = 0
      return []
    default:
      if let action = Action(rawValue: name) {
        if let reason = keymap.binding(for: action)?.disabledReason(self) {
          report("\(action.rawValue): \(reason)")
          return []
        }
        return perform(action)
      }
      report("unknown command `\(name)`; press Tab after `:` to list commands", error: true)
      return []
    }
  }

  private mutating func usage(_ command: String) -> [AppEffect] {
    let text = Self.argumentCommands.first { $0.name == command }?.usage ?? command
    report("usage: :\(text)", error: true)
    return []
  }

  /// Opens a node in the Lineage view: `kind:name`, or a bare name of any kind.
  public mutating func open(nodeNamed text: String) -> [AppEffect] {
    let target: NodeID?
    if let id = NodeID(parsing: text), index.nodes.contains(id) {
      target = id
    } else {
      target = index.nodes.first { $0.name == text } ?? index.nodes.first { $0.description == text }
    }
    guard let target else {
      report("no node `\(text)` in this project; `:open ` then Tab lists them", error: true)
      return []
    }
    openLineage(target)
    return []
  }
}
