import Testing

@testable import MLDebt

@Suite("Array permute: elements reordered in place")
struct ArrayPermuteTests {
  @Test func aPermutationPutsEachElementWhereTheOrderSays() {
    var generator = SystemRandomNumberGenerator()
    for count in [0, 1, 2, 3, 10, 257] {
      let elements = (0..<count).map { "e\($0)" }
      let order = Array((0..<count).shuffled(using: &generator))
      var permuted = elements
      permuted.permute(into: order)
      #expect(permuted == order.map { elements[$0] })
    }
  }
}
