import Testing

@testable import MLDebtTUI

@Suite("Key map")
struct KeymapTests {
  @Test func defaultKeysAreUniqueInEveryView() {
    for view in ViewID.allCases {
      var seen: [Key: Action] = [:]
      for binding in Keymap.standard.bindings where binding.views?.contains(view) == true {
        for key in binding.keys {
          #expect(seen[key] == nil, "\(view): \(key) is bound twice")
          seen[key] = binding.action
        }
      }
    }
    var seen: [Key: Action] = [:]
    for binding in Keymap.standard.bindings where binding.views == nil {
      for key in binding.keys {
        #expect(
          seen[key] == nil, "\(key) is bound to \(seen[key]?.rawValue ?? "") and \(binding.action)")
        seen[key] = binding.action
      }
    }
  }

  @Test func aViewsOwnBindingWinsOverTheGlobalOne() {
    let keymap = Keymap([
      KeyBinding([.character("c")], .copy, "copy", group: "g"),
      KeyBinding([.character("c")], .help, "help in lineage", group: "g", views: [.lineage]),
    ])
    #expect(keymap.action(for: .character("c"), in: .lineage) == .help)
    #expect(keymap.action(for: .character("c"), in: .runs) == .copy)
    #expect(keymap.action(for: .character("c")) == .copy)
  }

  @Test func everyActionHasABinding() {
    for action in Action.allCases {
      #expect(Keymap.standard.binding(for: action) != nil, "\(action.rawValue)")
    }
  }

  @Test func keyNamesRoundTrip() {
    let keys: [Key] = [
      .character("j"), .character("G"), .character(" "), .character("="), .control("d"), .up,
      .pageDown, .enter, .escape, .backTab, .tab, .function(5), .backspace,
    ]
    for key in keys { #expect(Key(name: key.description) == key, "\(key)") }
    #expect(Key(name: "Ctrl-D") == .control("d"))
    #expect(Key(name: "ctrl-") == nil)
    #expect(Key(name: "nonsense") == nil)
  }

  @Test func overridesRebindAndReportProblems() {
    let text = """
      # my keys
      ctrl-n = next-view
      x = quit
      x = help
      wat = quit
      z = teleport
      ctrl-c = help
      q = none
      this line has no equals
      """
    let (keymap, problems) = Keymap.standard.applying(overrides: text, file: "keys.conf")
    #expect(keymap.action(for: .control("n")) == .nextView)
    #expect(keymap.action(for: .character("x")) == .quit)
    #expect(keymap.action(for: .character("q")) == nil)
    #expect(keymap.action(for: .control("c")) == .forceQuit)
    let lines = problems.map(\.line)
    #expect(lines == [4, 5, 6, 7, 9])
    #expect(
      problems[0].description.hasPrefix("keys.conf:4: `x` is already bound to `quit` on line 3"))
    #expect(problems[1].message.contains("unknown key `wat`"))
    #expect(problems[2].message.contains("unknown action `teleport`"))
  }

  @Test func movingTheOnlyKeyOfAnActionIsReported() {
    let (_, problems) = Keymap.standard.applying(overrides: "T = help", file: "k")
    #expect(problems.count == 1)
    #expect(problems.first?.message.contains("`cycle-theme` has no key left") == true)
  }

  @Test func overriddenKeysDriveDispatchAndHints() {
    let (keymap, _) = Keymap.standard.applying(overrides: "F = filter\n/ = none", file: "k")
    var state = AppState(
      project: TestProject.make(), size: Size(width: 100, height: 30), keymap: keymap)
    _ = state.handle(.key(.character("F")))
    guard case .filter = state.mode else {
      Issue.record("F should open the filter")
      return
    }
    let hints = Shell.hints(TestProject.state()).map(\.text).joined()
    #expect(hints.contains("/ filter"))
    let overridden = Shell.hints(state).map(\.text).joined()
    #expect(!overridden.contains("/ filter"))
  }
}
