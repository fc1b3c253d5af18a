import ArgumentParser
import Foundation
import MLDebt
import MLDebtTUI

/// `mldebt config path|show [PATH]`: where the settings files are, and what is in effect.
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config",
    abstract: "Show where settings are read from and the settings in effect.",
    discussion: """
      Settings come from, in order of precedence: command-line flags, the environment \
      (MLDEBT_THEME, MLDEBT_MOUSE, MLDEBT_CHARTS, MLDEBT_FORMAT, MLDEBT_WATCH, \
      MLDEBT_WATCH_INTERVAL), the project's .mldebt/tui.conf and .mldebt/keys.conf, the user's \
      tui.conf and keys.conf in $XDG_CONFIG_HOME/mldebt (or ~/.config/mldebt), then defaults. \
      docs/config.md lists every setting.
      """,
    subcommands: [ConfigPathCommand.self, ConfigShowCommand.self]
  )
}

/// The project argument of the `config` subcommands.
struct ConfigProjectArgument: ParsableArguments {
  @Argument(
    help: "The project whose .mldebt/ settings count (default: the current directory).",
    completion: .directory)
  var path: String = "."

  func validate() throws {
    CommandSettings.noteProject(path: path)
  }
}

/// `mldebt config path [PATH]`: the settings files, and whether each exists.
struct ConfigPathCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path",
    abstract: "Print the paths of the settings files, user and project, and whether each exists.")

  @OptionGroup var project: ConfigProjectArgument
  @OptionGroup var output: OutputOptions

  /// One settings file.
  struct FileRow: Encodable {
    /// `user` or `project`.
    var layer: String
    /// The absolute path.
    var path: String
    /// Whether it exists.
    var exists: Bool
  }

  func run() throws {
    let settings = CommandSettings.current()
    var rows: [FileRow] = []
    for (layer, folder) in [
      ("user", settings.userDirectory), ("project", settings.projectDirectory),
    ] {
      guard let folder else { continue }
      for name in ["tui.conf", "keys.conf"] {
        let path = folder + "/" + name
        rows.append(
          FileRow(layer: layer, path: path, exists: FileManager.default.fileExists(atPath: path)))
      }
    }
    switch output.format {
    case .json:
      Console.out(try Console.json(rows))
    case .table, .markdown:
      let table = TextTable(
        headers: ["LAYER", "PATH", "STATE"],
        rows: rows.map { [$0.layer, $0.path, $0.exists ? "exists" : "missing"] })
      let text = output.format == .markdown ? table.markdown() : table.plainText()
      Console.out(TerminalText.sanitize(text, keepNewlines: true))
    }
  }
}

/// `mldebt config show [PATH]`: every setting in effect and where it came from.
struct ConfigShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print every setting in effect and where it came from.",
    discussion: "Problems in the settings files are listed on stderr with file:line.")

  @OptionGroup var project: ConfigProjectArgument
  @OptionGroup var output: OutputOptions

  /// One setting.
  struct SettingRow: Encodable {
    /// The setting's name, as in tui.conf.
    var name: String
    /// Its value.
    var value: String
    /// `flag`, `environment`, `project`, `user` or `default`.
    var layer: String
    /// Where exactly: a file and line, a variable, or `default`.
    var from: String
  }

  /// The whole answer, for JSON.
  struct Report: Encodable {
    /// The user's config directory (`null` without `HOME` and `XDG_CONFIG_HOME`).
    var userDirectory: String?
    /// The project's settings folder.
    var projectDirectory: String?
    /// Every setting.
    var settings: [SettingRow]
    /// Problems found, as `file:line: message`.
    var problems: [String]
  }

  /// The rows for a set of settings.
  static func rows(_ settings: Settings) -> [SettingRow] {
    func row<Value>(_ name: String, _ setting: Setting<Value>, _ text: String) -> SettingRow {
      SettingRow(
        name: name, value: text, layer: setting.origin.layer, from: setting.origin.description)
    }
    var rows = [
      row("theme", settings.theme, settings.theme.value),
      row("mouse", settings.mouse, settings.mouse.value ? "on" : "off"),
      row("charts", settings.charts, settings.charts.value?.rawValue ?? "auto"),
      row("format", settings.format, settings.format.value),
      row("watch", settings.watch, settings.watch.value ? "on" : "off"),
      row("watch-interval", settings.watchInterval, "\(settings.watchInterval.value)s"),
    ]
    if settings.keymapSources.isEmpty {
      rows.append(SettingRow(name: "keys", value: "standard", layer: "default", from: "default"))
    }
    for source in settings.keymapSources {
      let file: String
      switch source.origin {
      case .user(let path, _), .project(let path, _): file = path
      default: file = source.origin.description
      }
      rows.append(
        SettingRow(
          name: "keys", value: "\(source.count) binding\(source.count == 1 ? "" : "s")",
          layer: source.origin.layer, from: "\(source.origin.layer) \(file)"))
    }
    return rows
  }

  func run() throws {
    let settings = CommandSettings.current()
    let report = Report(
      userDirectory: settings.userDirectory, projectDirectory: settings.projectDirectory,
      settings: Self.rows(settings), problems: settings.problems.map(\.description))
    switch output.format {
    case .json:
      Console.out(try Console.json(report))
    case .table, .markdown:
      let table = TextTable(
        headers: ["SETTING", "VALUE", "FROM"],
        rows: report.settings.map { [$0.name, $0.value, $0.from] })
      let text = output.format == .markdown ? table.markdown() : table.plainText()
      Console.out(TerminalText.sanitize(text, keepNewlines: true))
      for problem in report.problems { Console.error("mldebt: \(problem)") }
    }
  }
}
