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
  public static func match(_ query: String, in text: String) -> FuzzyMatch? {
    let needle = query.lowercased().filter { $0 != " " }.map { $0 }
    guard !needle.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
    let haystack = Array(text)
    let lower = haystack.map { $0.lowercased() }
    let n = haystack.count
    let m = needle.count
    guard m <= n else { return nil }
    func bonus(_ j: Int) -> Int {
      j == 0 || !(haystack[j - 1].isLetter || haystack[j - 1].isNumber) ? 2 : 0
    }
    // best[i][j]: the best score with needle[i] matched at haystack[j]; from[i][j]: where
    // needle[i-1] was matched.
    let none = Int.min / 2
    var best = [[Int]](repeating: [Int](repeating: none, count: n), count: m)
    var from = [[Int]](repeating: [Int](repeating: -1, count: n), count: m)
    for j in 0..<n where lower[j] == String(needle[0]) { best[0][j] = 1 + bonus(j) }
    if m > 1 {
      for i in 1..<m {
        var runningBest = none
        var runningAt = -1
        for j in 0..<n {
          if j > 0, best[i - 1][j - 1] > runningBest {
            runningBest = best[i - 1][j - 1]
            runningAt = j - 1
          }
          guard lower[j] == String(needle[i]), runningAt >= 0 else { continue }
          var score = runningBest + 1 + bonus(j)
          var previous = runningAt
          if j > 0, best[i - 1][j - 1] > none, best[i - 1][j - 1] + 4 + bonus(j) >= score {
            score = best[i - 1][j - 1] + 4 + bonus(j)
            previous = j - 1
          }
          best[i][j] = score
          from[i][j] = previous
        }
      }
    }
    guard let last = (0..<n).max(by: { best[m - 1][$0] < best[m - 1][$1] }),
      best[m - 1][last] > none
    else { return nil }
    var positions = [last]
    var j = last
    for i in stride(from: m - 1, to: 0, by: -1) {
      j = from[i][j]
      positions.append(j)
    }
    return FuzzyMatch(score: best[m - 1][last], positions: positions.reversed())
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
