import Foundation
import Testing

@testable import MLDebtTUI

@Suite("Themes")
struct ThemeTests {
  static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

  @Test func builtInDarkMatchesTheFile() throws {
    let text = try String(
      contentsOf: Self.themesDirectory.appendingPathComponent("dark.theme"), encoding: .utf8)
    // A multi-line literal leaves out the final newline.
    #expect(text == Theme.darkSource + "\n")
    #expect(Theme.dark.roles.count == ThemeRole.allCases.count)
  }

  @Test(arguments: ["dark", "light", "high-contrast", "mono"])
  func shippedThemesParseAndSetEveryRole(name: String) throws {
    let catalog = ThemeCatalog(directories: [Self.themesDirectory.path])
    #expect(catalog.names.contains(name))
    let theme = try catalog.load(name).get()
    #expect(theme.name == name)
    for role in ThemeRole.allCases {
      let text = try String(
        contentsOf: Self.themesDirectory.appendingPathComponent("\(name).theme"), encoding: .utf8)
      #expect(text.contains("\n\(role.rawValue) "), "\(name) does not set \(role.rawValue)")
    }
  }

  @Test func brokenThemeReportsFileAndLine() {
    let text = """
      # comment
      text = 252
      accent = #12345z
      wibble = red
      selection = red on
      muted = 1 2
      """
    #expect(throws: ThemeError.self) {
      try Theme.parse(text, name: "broken", file: "themes/broken.theme")
    }
    do {
      _ = try Theme.parse(text, name: "broken", file: "themes/broken.theme")
    } catch {
      #expect(error.problems.map(\.line) == [3, 4, 5, 6])
      #expect(error.description.contains("themes/broken.theme:4: unknown role `wibble`"))
    }
  }

  @Test func brokenThemeFileFallsBackWithAMessage() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-themes-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "text = nope\n".write(
      to: directory.appendingPathComponent("bad.theme"), atomically: true, encoding: .utf8)
    let catalog = ThemeCatalog(directories: [directory.path])
    guard case .failure(let error) = catalog.load("bad") else {
      Issue.record("a broken theme must not load")
      return
    }
    #expect(error.description.contains("bad.theme:1:"))
    #expect((try? catalog.load("dark").get()) == Theme.dark)
    #expect(throws: ThemeError.self) { try catalog.load("../etc/passwd").get() }
  }

  @Test func partialThemesInheritFromDark() throws {
    let theme = try Theme.parse("accent = #ff0000 bold", name: "red", file: "red.theme")
    #expect(theme[.accent].foreground == .rgb(255, 0, 0))
    #expect(theme[.muted] == Theme.dark[.muted])
  }

  @Test func hashStartsACommentButNotAColour() {
    #expect(Theme.stripComment("accent = #5fafff bold # note") == "accent = #5fafff bold ")
    #expect(Theme.stripComment("# all comment") == "")
    #expect(Theme.stripComment("text = 252 #trailing") == "text = 252 ")
  }

  @Test func coloursFallBackTo256And8() {
    #expect(ThemeColor(parsing: "#ff0000")?.index(forColors: 256) == 196)
    #expect(ThemeColor(parsing: "#ff0000")?.index(forColors: 8) == 1)
    #expect(
      ThemeColor(parsing: "75")?.index(forColors: 8) == 4
        || ThemeColor(parsing: "75")?.index(forColors: 8) == 6)
    #expect(ThemeColor(parsing: "bright-red")?.index(forColors: 256) == 9)
    #expect(ThemeColor(parsing: "default")?.index(forColors: 256) == -1)
    #expect(ThemeColor(parsing: "300") == nil)
  }

  @Test func styleResolutionLaysSelectionUnderText() {
    let resolved = Theme.dark.resolve(Style(.accent, background: .selection))
    #expect(resolved.foreground == .indexed(75))
    #expect(resolved.background == .indexed(237))
    #expect(resolved.attributes.contains(.bold))
    #expect(Theme.mono.resolve(Style(.text, background: .selection)).attributes.contains(.reverse))
  }

  @Test func cycleThemeGoesThroughTheCatalog() {
    var state = AppState(
      project: TestProject.make(), size: Size(width: 80, height: 24),
      themeNames: ["dark", "light", "mono"])
    #expect(state.handle(.key(.character("T"))) == [.applyTheme("light")])
    #expect(state.handle(.key(.character("T"))) == [.applyTheme("mono")])
    #expect(state.handle(.key(.character("T"))) == [.applyTheme("dark")])
  }
}
