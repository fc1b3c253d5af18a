import Foundation
import Testing

@testable import MLDebtTUI

@Suite("Clipboard, config and start-up")
struct PlatformTests {
  @Test func osc52IsBase64AndSanitized() {
    let sequence = Clipboard.osc52("feature:age\u{1b}]0;x\u{07}", inTmux: false)
    #expect(sequence.hasPrefix("\u{1b}]52;c;"))
    #expect(sequence.hasSuffix("\u{07}"))
    let payload = sequence.dropFirst("\u{1b}]52;c;".count).dropLast()
    let decoded = Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) }
    #expect(decoded == "feature:age]0;x")
  }

  @Test func osc52IsWrappedForTmux() {
    let sequence = Clipboard.osc52("a", inTmux: true)
    #expect(sequence.hasPrefix("\u{1b}Ptmux;\u{1b}\u{1b}]52;c;"))
    #expect(sequence.hasSuffix("\u{1b}\\"))
  }

  @Test func configOptionsAndProblems() {
    var config = TUIConfig()
    config.apply(
      options: "theme = light\nmouse = off\ncharts = blocks\nmouse = maybe\ncolour = 3\n",
      file: "tui.conf")
    #expect(config.theme == "light")
    #expect(config.mouse == false)
    #expect(config.charts == .blocks)
    #expect(config.problems.map(\.line) == [4, 5])
  }

  @Test func configFilesComeFromXDG() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-config-\(UUID().uuidString.prefix(8))")
    let mldebt = directory.appendingPathComponent("mldebt")
    try FileManager.default.createDirectory(at: mldebt, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "mouse = off\n".write(
      to: mldebt.appendingPathComponent("tui.conf"), atomically: true, encoding: .utf8)
    try "x = quit\nx = help\n".write(
      to: mldebt.appendingPathComponent("keys.conf"), atomically: true, encoding: .utf8)
    let config = TUIConfig.load(environment: [
      "XDG_CONFIG_HOME": directory.path, "HOME": "/nonexistent",
    ])
    #expect(config.mouse == false)
    #expect(config.keymap.action(for: .character("x")) == .quit)
    #expect(config.problems.count == 1)
    #expect(config.problems.first?.file.hasSuffix("mldebt/keys.conf") == true)
    #expect(
      TUIConfig.configDirectory(environment: ["HOME": "/home/ana"]) == "/home/ana/.config/mldebt")
  }

  @Test func runRefusesWithoutATerminal() {
    let noTTY = TUIApp.refusal(environment: ["TERM": "xterm"], stdinIsTTY: false, stdoutIsTTY: true)
    #expect(noTTY?.contains("mldebt sources PATH") == true)
    #expect(noTTY?.contains("mldebt render") == true)
    #expect(
      TUIApp.refusal(environment: ["TERM": "dumb"], stdinIsTTY: true, stdoutIsTTY: true) != nil)
    #expect(TUIApp.refusal(environment: [:], stdinIsTTY: true, stdoutIsTTY: true) != nil)
    #expect(
      TUIApp.refusal(environment: ["TERM": "xterm"], stdinIsTTY: true, stdoutIsTTY: true) == nil)
  }

  @Test func runReturns2WithoutATerminal() {
    // The test runner's stdin is not a terminal, so run must refuse before touching ncurses.
    guard isatty(0) == 0 || isatty(1) == 0 else { return }
    #expect(TUIApp.run(TUILaunch(projectPath: "/nonexistent")) == 2)
  }

  @Test func themeCatalogFindsThemesWalkingUp() {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    let catalog = ThemeCatalog.standard(
      environment: [:], executablePath: nil, currentDirectory: here)
    #expect(catalog.directories.contains { $0.hasSuffix("/themes") })
    #expect(Set(["dark", "light", "high-contrast", "mono"]).isSubset(of: Set(catalog.names)))
  }
}
