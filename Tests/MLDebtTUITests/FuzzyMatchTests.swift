import Testing

@testable import MLDebtTUI

@Suite("Fuzzy matching")
struct FuzzyMatchTests {
  /// A small deterministic generator, so every run tries the same strings.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    mutating func string(_ alphabet: [Character], length: Int) -> String {
      String((0..<length).map { _ in alphabet[next(alphabet.count)] })
    }
  }

  @Test("The byte path for ASCII gives the same matches as the character path")
  func asciiPathAgreesWithCharacterPath() {
    // A trailing "é" forces the character path; it cannot match an ASCII query, so both paths
    // must choose the same positions and score.
    var generator = Generator(state: 2026)
    let alphabet = Array("abAB:_. 1")
    var compared = 0
    var matched = 0
    for _ in 0..<2_000 {
      let text = generator.string(alphabet, length: 1 + generator.next(24))
      let query = generator.string(alphabet, length: 1 + generator.next(4))
      let ascii = FuzzyMatch.match(query, in: text)
      let characters = FuzzyMatch.match(query, in: text + "é")
      #expect(ascii == characters, "query \(query) in \(text)")
      compared += 1
      if ascii != nil { matched += 1 }
    }
    #expect(compared == 2_000)
    #expect(matched > 200 && matched < 1_900)
  }

  @Test("Non-ASCII text matches by character, ignoring case")
  func nonASCIIText() throws {
    let match = try #require(FuzzyMatch.match("éa", in: "Élan:age"))
    #expect(match.positions == [0, 5])  // the word start after ":" scores more than "la"
    #expect(FuzzyMatch.match("ü", in: "feature:age") == nil)
    #expect(FuzzyMatch.match("  ", in: "anything")?.score == 0)
  }

  @Test("Typing more of a filter narrows the previous matches to what a fresh filter finds")
  func narrowingEqualsFreshFilter() throws {
    var typed = try #require(ExampleProject.state())
    for prefix in ["f", "fe", "fea", "feat", "feat:a"] { typed.setFilter(prefix, in: .lineage) }
    var fresh = try #require(ExampleProject.state())
    fresh.setFilter("feat:a", in: .lineage)
    let narrowed = typed.visible(in: .lineage).map { $0.item.id }
    #expect(!narrowed.isEmpty)
    #expect(narrowed == fresh.visible(in: .lineage).map { $0.item.id })
    #expect(
      typed.visible(in: .lineage).map(\.match) == fresh.visible(in: .lineage).map(\.match))
    // Deleting a character widens again.
    typed.setFilter("feat:", in: .lineage)
    fresh.setFilter("feat:", in: .lineage)
    #expect(typed.visible(in: .lineage).count == fresh.visible(in: .lineage).count)
    #expect(typed.visible(in: .lineage).count >= narrowed.count)
  }
}
