import Foundation
import Testing

@testable import MLDebtTUI

@Suite("Settings: flags > environment > project > user > defaults")
struct SettingsTests {
  /// A user config directory and a project, each with its own tui.conf.
  struct Layers {
    let base: String
    var user: String { base + "/config/mldebt" }
    var project: String { base + "/project" }
    var environment: [String: String] { ["XDG_CONFIG_HOME": base + "/config"] }

    init(user: String?, project: String?, userKeys: String? = nil) throws {
      base = NSTemporaryDirectory() + "mldebt-settings-" + UUID().uuidString
      let manager = FileManager.default
      try manager.createDirectory(
        atPath: base + "/config/mldebt", withIntermediateDirectories: true)
      try manager.createDirectory(
        atPath: base + "/project/.mldebt", withIntermediateDirectories: true)
      if let user {
        try user.write(toFile: self.user + "/tui.conf", atomically: true, encoding: .utf8)
      }
      if let userKeys {
        try userKeys.write(toFile: self.user + "/keys.conf", atomically: true, encoding: .utf8)
      }
      if let project {
        try project.write(
          toFile: self.project + "/.mldebt/tui.conf", atomically: true, encoding: .utf8)
      }
    }

    func remove() { try? FileManager.default.removeItem(atPath: base) }
  }

  @Test func defaultsWhenNothingIsSet() {
    let settings = Settings.resolve(environment: [:], projectRoot: nil)
    #expect(settings.theme == Setting("dark", from: .builtIn(nil)))
    #expect(settings.mouse.value && settings.watch.value)
    #expect(settings.format.value == "table")
    #expect(settings.watchInterval.value == Settings.defaultWatchInterval)
    #expect(settings.charts.value == nil && settings.charts.origin == .builtIn("by the locale"))
  }

  @Test func eachLayerBeatsTheOneBelow() throws {
    let layers = try Layers(
      user: "theme = light\nformat = markdown\nmouse = off\nwatch-interval = 5\n",
      project: "# team\nformat = json\nwatch-interval = 1\n")
    defer { layers.remove() }
    var environment = layers.environment
    environment["MLDEBT_WATCH_INTERVAL"] = "3"
    let settings = Settings.resolve(
      flags: SettingFlags(mouse: true), environment: environment, projectRoot: layers.project)
    #expect(
      settings.theme == Setting("light", from: .user(file: layers.user + "/tui.conf", line: 1)))
    #expect(
      settings.format
        == Setting("json", from: .project(file: layers.project + "/.mldebt/tui.conf", line: 2)))
    #expect(settings.watchInterval == Setting(3, from: .environment("MLDEBT_WATCH_INTERVAL")))
    #expect(settings.mouse == Setting(true, from: .flag("--no-mouse")))
    #expect(settings.problems.isEmpty, "\(settings.problems)")

    let flagged = Settings.resolve(
      flags: SettingFlags(watchInterval: 0.5), environment: environment,
      projectRoot: layers.project)
    #expect(flagged.watchInterval == Setting(0.5, from: .flag("--watch-interval")))
  }

  @Test func badValuesAreReportedWithWhere() throws {
    let layers = try Layers(user: "format = yaml\nwatch = sometimes\ncolour = red\n", project: nil)
    defer { layers.remove() }
    var environment = layers.environment
    environment["MLDEBT_MOUSE"] = "maybe"
    let settings = Settings.resolve(environment: environment, projectRoot: nil)
    let text = settings.problems.map(\.description)
    #expect(text.contains(layers.user + "/tui.conf:1: format is table, json or markdown"))
    #expect(text.contains(layers.user + "/tui.conf:2: watch is `on` or `off`"))
    #expect(text.contains { $0.hasPrefix(layers.user + "/tui.conf:3: unknown option `colour`") })
    #expect(text.contains { $0.contains("MLDEBT_MOUSE=maybe is not a valid mouse") })
    #expect(settings.format.value == "table" && settings.mouse.value)
  }

  @Test func projectKeyBindingsApplyOnTopOfTheUsers() throws {
    let layers = try Layers(user: nil, project: nil, userKeys: "x = copy\n")
    defer { layers.remove() }
    try "x = quit\n".write(
      toFile: layers.project + "/.mldebt/keys.conf", atomically: true, encoding: .utf8)
    let settings = Settings.resolve(environment: layers.environment, projectRoot: layers.project)
    #expect(settings.keymapSources.map(\.count) == [1, 1])
    #expect(settings.keymapSources.map(\.origin.layer) == ["user", "project"])
    let userOnly = Settings.resolve(environment: layers.environment, projectRoot: nil)
    #expect(userOnly.keymap.action(for: .character("x")) == .copy)
    #expect(settings.keymap.action(for: .character("x")) == .quit)
  }
}
