/// Fuzzy matching for filters: every character of the query appears in the text, in order,
/// ignoring case.
public struct FuzzyMatch: Sendable, Hashable {
  /// Higher is better: consecutive matches and matches at word starts score more.
  public var score: Int
  /// The offsets (in characters) of the matched characters in the text.
  public var positions: [Int]

  /// Creates a match.
  public init(score: Int, positions: [Int]) {
    self.score = score
    self.positions = positions
  }

  /// Matches `query` against `text`; `nil` when some query character is missing. An empty query
  /// matches everything with score 0. Among all ways to match, the best-scoring one is chosen
  /// (so `fag` in `feature:age` matches `f` and `ag`, not the `a` inside `feature`).
  ///
  /// Printable ASCII (nearly every id) is matched byte by byte, where a byte is a character;
  /// other text character by character. Both give the same answer.
  public static func match(_ query: String, in text: String) -> FuzzyMatch? {
    if isPrintableASCII(query), isPrintableASCII(text) {
      let needle = query.utf8.compactMap { $0 == 0x20 ? nil : asciiLowercase($0) }
      guard !needle.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
      // Most texts do not match at all: find that out before allocating anything.
      var found = 0
      for byte in text.utf8 where found < needle.count && asciiLowercase(byte) == needle[found] {
        found += 1
      }
      guard found == needle.count else { return nil }
      let lower = text.utf8.map(asciiLowercase)
      let bonus = lower.indices.map { j in
        j == 0 || !isASCIILetterOrDigit(lower[j - 1]) ? 2 : 0
      }
      return best(needle, in: lower, bonus: bonus)
    }
    let needle = query.lowercased().filter { $0 != " " }.map { String($0) }
    guard !needle.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
    let haystack = Array(text)
    let bonus = haystack.indices.map { j in
      j == 0 || !(haystack[j - 1].isLetter || haystack[j - 1].isNumber) ? 2 : 0
    }
    return best(needle, in: haystack.map { $0.lowercased() }, bonus: bonus)
  }

  /// The best-scoring way to match `needle` in `haystack` (both already lowercased), where a
  /// match at offset `j` earns `bonus[j]` more (a word start).
  private static func best<Unit: Equatable>(
    _ needle: [Unit], in haystack: [Unit], bonus: [Int]
  ) -> FuzzyMatch? {
    let n = haystack.count
    let m = needle.count
    guard m <= n else { return nil }
    // Most texts do not match at all: find that out in one pass, before the table.
    var found = 0
    for unit in haystack where found < m && unit == needle[found] { found += 1 }
    guard found == m else { return nil }
    // best[i * n + j]: the best score with needle[i] matched at haystack[j]; from[i * n + j]:
    // where needle[i-1] was matched.
    let none = Int.min / 2
    var best = [Int](repeating: none, count: m * n)
    var from = [Int](repeating: -1, count: m * n)
    for j in 0..<n where haystack[j] == needle[0] { best[j] = 1 + bonus[j] }
    for i in 1..<m {
      let row = i * n
      let above = row - n
      var runningBest = none
      var runningAt = -1
      for j in 0..<n {
        if j > 0, best[above + j - 1] > runningBest {
          runningBest = best[above + j - 1]
          runningAt = j - 1
        }
        guard haystack[j] == needle[i], runningAt >= 0 else { continue }
        var score = runningBest + 1 + bonus[j]
        var previous = runningAt
        if j > 0, best[above + j - 1] > none, best[above + j - 1] + 4 + bonus[j] >= score {
          score = best[above + j - 1] + 4 + bonus[j]
          previous = j - 1
        }
        best[row + j] = score
        from[row + j] = previous
      }
    }
    let lastRow = (m - 1) * n
    guard let last = (0..<n).max(by: { best[lastRow + $0] < best[lastRow + $1] }),
      best[lastRow + last] > none
    else { return nil }
    var positions = [last]
    var j = last
    for i in stride(from: m - 1, to: 0, by: -1) {
      j = from[i * n + j]
      positions.append(j)
    }
    return FuzzyMatch(score: best[lastRow + last], positions: positions.reversed())
  }

  private static func isPrintableASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
  }

  private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
  }

  /// Whether a lowercased ASCII byte is a letter or a digit.
  private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
      || (byte >= 0x61 && byte <= 0x7A)
  }

  /// `text` as spans, with the matched characters in the ``ThemeRole/match`` role.
  public static func highlight(_ text: String, positions: [Int], style: Style) -> [Span] {
    guard !positions.isEmpty else { return [Span(text, style)] }
    let marked = Set(positions)
    var spans: [Span] = []
    var current = ""
    var currentMarked = false
    for (offset, character) in text.enumerated() {
      let isMarked = marked.contains(offset)
      if isMarked != currentMarked, !current.isEmpty {
        spans.append(Span(current, currentMarked ? matchStyle(style) : style))
        current = ""
      }
      currentMarked = isMarked
      current.append(character)
    }
    if !current.isEmpty { spans.append(Span(current, currentMarked ? matchStyle(style) : style)) }
    return spans
  }

  private static func matchStyle(_ style: Style) -> Style {
    Style(.match, background: style.background, style.attributes.union([.bold, .underline]))
  }
}
