import Testing

@testable import MLDebt

@Suite struct RadixSortTests {
  /// A seeded generator, so a failure can be replayed.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state ^ (state >> 29)
    }
  }

  @Test func agreesWithTheStandardSortOnLargeMixedSamples() {
    var random = Generator(state: 42)
    var values: [Double] = []
    for index in 0..<50_000 {
      switch index % 5 {
      case 0: values.append(Double.random(in: -1e6...1e6, using: &random))
      case 1: values.append(Double(Int.random(in: -3...3, using: &random)))
      case 2: values.append(Double.random(in: -1e-300...1e-300, using: &random))
      case 3: values.append([0.0, -0.0, .infinity, -.infinity, 5e-324, -5e-324][index % 6])
      default: values.append(Double.random(in: 0...1, using: &random))
      }
    }
    var sorted = values
    RadixSort.sort(&sorted)
    #expect(sorted == values.sorted())
    // -0.0 comes before 0.0 (they compare equal, so the check above cannot see it).
    let zeros = sorted.filter { $0 == 0 }
    #expect(zeros.first?.sign == .minus && zeros.last?.sign == .plus)
  }

  @Test func handlesSharedDigitsAndShortArrays() {
    var same = [Double](repeating: 2.5, count: 5000) + [1.5]
    RadixSort.sort(&same)
    #expect(same.first == 1.5 && same.dropFirst().allSatisfy { $0 == 2.5 })
    var short = [3.0, -1.0, 2.0]
    RadixSort.sort(&short)
    #expect(short == [-1, 2, 3])
    var empty: [Double] = []
    RadixSort.sort(&empty)
    #expect(empty.isEmpty)
  }
}
