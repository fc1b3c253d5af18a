/// The `?` help, generated from the live key map: every binding with its keys, what it does,
/// and why it is disabled right now.
enum HelpOverlay {
  static func lines(_ state: AppState) -> [[Span]] {
    var lines: [[Span]] = []
    var group = ""
    for binding in state.keymap.bindings {
      if binding.group != group {
        group = binding.group
        if !lines.isEmpty { lines.append([]) }
        lines.append([Span(group, Style(.title, [.bold]))])
      }
      let keys =
        binding.keys.isEmpty
        ? ":\(binding.action.rawValue)" : binding.keys.map(\.description).joined(separator: " ")
      var description = binding.description
      let reason = binding.disabledReason(state)
      if let views = binding.views {
        let titles = ViewID.allCases.filter(views.contains).map(\.title)
        // The scope is said once: not again when the reason already names it.
        if !(reason.map { reason in titles.allSatisfy { reason.contains($0) } } ?? false) {
          description += " [" + titles.joined(separator: ", ") + "]"
        }
      }
      var row = [Span("  " + ScreenText.pad(keys, to: 16)), Span(description)]
      if let reason {
        row[0].style = Style(.muted)
        row[1].style = Style(.muted)
        row.append(Span(" (\(reason))", Style(.muted)))
      }
      lines.append(row)
    }
    lines += [
      [], [Span("Commands (:)", Style(.title, [.bold]))],
    ]
    lines += AppState.argumentCommands.map { [Span("  :" + $0.usage)] }
    lines.append([
      Span("  :ACTION runs any action above by name, e.g. :next-view, :copy", Style(.muted))
    ])
    return lines
  }
}
