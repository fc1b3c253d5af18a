import Testing

@testable import MLDebtTUI

/// A small deterministic generator (SplitMix64), so a failure can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite("Monkey")
struct MonkeyTests {
  static let keys: [Key] =
    Keymap.standard.bindings.flatMap(\.keys).filter {
      $0 != .control("c") && $0 != .character("q") && $0 != .character("Q")
    }
    + [
      .character("a"), .character("é"), .character("漢"), .character(" "), .delete, .home, .end,
      .control("w"), .function(1), .character("\u{1b}"),
    ]

  @Test(arguments: [1, 2, 3, 42])
  func randomKeysAndResizesNeverCrash(seed: UInt64) {
    var rng = SeededGenerator(state: seed)
    var state = AppState(
      project: EscapeInjectionTests.hostileProject(), size: Size(width: 80, height: 24))
    var frames = 0
    for step in 0..<3000 {
      let roll = Int.random(in: 0..<100, using: &rng)
      let event: InputEvent
      switch roll {
      case 0..<4:
        event = .resize(
          Size(
            width: Int.random(in: 0...200, using: &rng), height: Int.random(in: 0...60, using: &rng)
          ))
      case 4..<7:
        let frame = Shell.render(state, size: state.size)
        event = .click(
          frame.hit(
            x: Int.random(in: 0..<max(1, frame.width), using: &rng),
            y: Int.random(in: 0..<max(1, frame.height), using: &rng)))
      case 7..<9:
        event = .scroll(lines: Int.random(in: -5...5, using: &rng))
      default:
        event = .key(Self.keys.randomElement(using: &rng)!)
      }
      _ = state.handle(event)
      if state.quitting {
        Issue.record("seed \(seed) step \(step): \(event) quit, but quit keys are never sent")
        return
      }
      if step % 3 == 0 {
        let frame = Shell.render(state, size: state.size)
        #expect(frame.width == state.size.width && frame.height == state.size.height)
        frames += 1
      }
    }
    #expect(frames == 1000)
  }
}
