import MLDebt

extension AppState {
  /// The formats `:export` takes: the review's three, and `view` for the current view as text.
  public static let exportFormats = ReviewFormat.allCases.map(\.rawValue) + ["view"]

  /// `e`: the current view as text, exactly as drawn (``Shell/render(_:size:)``), written to
  /// ``exportDirectory`` as `mldebt-PROJECT-VIEW-N.txt`. Rendering is pure, so the text is
  /// taken here; writing it is the effect.
  public mutating func exportView() -> [AppEffect] {
    exportCount += 1
    let name = "mldebt-\(Self.fileSafe(project.name))-\(view.rawValue)-\(exportCount).txt"
    let directory = exportDirectory.hasSuffix("/") ? exportDirectory : exportDirectory + "/"
    return exportView(to: directory + name)
  }

  /// The current view as text, written to `path`.
  public mutating func exportView(to path: String) -> [AppEffect] {
    let text = Shell.render(self, size: size).plainText()
    return [.writeFile(path: path, contents: text, what: "the \(view.title) view")]
  }

  /// `:export FORMAT FILE`: the whole review (markdown, text or json), or `view` for the
  /// current view as text.
  mutating func export(arguments: String) -> [AppEffect] {
    let parts = arguments.split(separator: " ", maxSplits: 1).map(String.init)
    guard parts.count == 2, Self.exportFormats.contains(parts[0].lowercased()) else {
      report(
        "usage: :export FORMAT FILE, FORMAT one of \(Self.exportFormats.joined(separator: ", "))",
        error: true)
      return []
    }
    let path = parts[1]
    guard let format = ReviewFormat(rawValue: parts[0].lowercased()) else {
      return exportView(to: path)
    }
    guard analysis != nil else {
      report("the analysis is still running; export the review when it is done", error: true)
      return []
    }
    return [.exportReview(format: format, path: path)]
  }

  /// A project name as a file-name part: ASCII letters, digits, `-` and `_` kept, others `_`.
  static func fileSafe(_ name: String) -> String {
    let kept = name.unicodeScalars.map { scalar -> Character in
      switch scalar {
      case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
      default: "_"
      }
    }
    return kept.isEmpty ? "project" : String(kept)
  }
}
