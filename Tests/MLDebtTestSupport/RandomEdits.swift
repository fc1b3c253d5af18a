/// Small random edits of generated inputs, for property tests that compare a fast path with the
/// general one on almost-valid text.
public enum RandomEdits {
  /// `elements` with one to three elements replaced, removed or inserted, the new ones drawn
  /// from `alphabet` (the characters or bytes that matter to the parser under test).
  public static func mutate<Element>(
    _ elements: [Element], alphabet: [Element], using generator: inout some RandomNumberGenerator
  ) -> [Element] {
    var result = elements
    for _ in 0..<Int.random(in: 1...3, using: &generator) {
      let index = Int.random(in: 0...result.count, using: &generator)
      let element = alphabet.randomElement(using: &generator)!
      switch Int.random(in: 0..<3, using: &generator) {
      case 0 where index < result.count: result[index] = element
      case 1 where index < result.count: result.remove(at: index)
      default: result.insert(element, at: index)
      }
    }
    return result
  }
}
