/// A node found by ``LineageGraph/search(_:limit:)``, with how well it matched.
public struct LineageSearchHit: Sendable, Hashable {
  /// What matched.
  public enum Field: String, Sendable, Hashable, Codable {
    /// The `kind:name` id.
    case id
    /// The name.
    case name
    /// A dataset alias.
    case alias
    /// The owner.
    case owner
    /// A tag.
    case tag
  }

  /// The node.
  public let node: Int
  /// The match's score: higher is better (exact name 1000, prefix ~800, substring ~600, alias,
  /// owner or tag 400–500, fuzzy subsequence below 300).
  public let score: Int
  /// The field that matched best.
  public let field: Field
}

/// What a name given on a command line (or typed in a view) refers to.
public enum LineageResolution: Sendable, Hashable {
  /// Exactly one node.
  case found(Int)
  /// Several nodes share the name (for example a job and a consumer); the candidates, in id order.
  case ambiguous([Int])
  /// No node; the closest matches, best first (possibly none).
  case notFound(suggestions: [Int])
}

extension LineageGraph {
  /// Finds nodes by name, id, alias, owner or tag, case-insensitively, best match first.
  ///
  /// A node matches when the query is a substring of one of those fields, or when the query's
  /// characters appear in order in the node's name (a fuzzy subsequence, such as `lnapp` for
  /// `loan_applications`). Exact and prefix matches on the name rank first; ties go to the
  /// shorter name, then to id order.
  public func search(_ query: String, limit: Int = 20) -> [LineageSearchHit] {
    let needle = query.lowercased().trimmingSpaces()
    guard !needle.isEmpty, limit > 0 else { return [] }
    let needleScalars = Array(needle.unicodeScalars)
    var hits: [LineageSearchHit] = []
    for index in 0..<nodeCount {
      if let hit = match(index, needle: needle, scalars: needleScalars) { hits.append(hit) }
    }
    hits.sort { a, b in
      if a.score != b.score { return a.score > b.score }
      let lengthA = nodes[a.node].name.count
      let lengthB = nodes[b.node].name.count
      return lengthA != lengthB ? lengthA < lengthB : a.node < b.node
    }
    return Array(hits.prefix(limit))
  }

  /// Resolves `kind:name`, or a bare name that exactly one node has (any kind).
  ///
  /// A bare name can also be a dataset alias (`car-loans/predictions`). When nothing matches,
  /// the suggestions come from ``search(_:limit:)`` and, failing that, from names within a small
  /// edit distance.
  public func resolve(_ text: String) -> LineageResolution {
    if let id = NodeID(parsing: text), let index = index(of: id) { return .found(index) }
    var matches = NodeKind.allCases.compactMap { index(of: NodeID($0, text)) }
    if matches.isEmpty {
      matches = nodes.indices.filter { nodes[$0].aliases.contains(text) }
    }
    if matches.count == 1 { return .found(matches[0]) }
    if matches.count > 1 { return .ambiguous(matches.sorted()) }
    return .notFound(suggestions: suggestions(for: text))
  }

  /// Up to `limit` nodes whose names are close to `text`: search hits first, then names within
  /// a small edit distance.
  public func suggestions(for text: String, limit: Int = 5) -> [Int] {
    var bare = text
    if let id = NodeID(parsing: text) { bare = id.name }
    var result = search(bare, limit: limit).map(\.node)
    if result.count < limit {
      let needle = Array(bare.lowercased().unicodeScalars)
      let budget = max(2, needle.count / 3)
      var close: [(distance: Int, node: Int)] = []
      for index in 0..<nodeCount where !result.contains(index) {
        let name = Array(searchNames[index].unicodeScalars)
        guard abs(name.count - needle.count) <= budget else { continue }
        let distance = Self.editDistance(needle, name, limit: budget)
        if distance <= budget { close.append((distance, index)) }
      }
      close.sort { ($0.distance, $0.node) < ($1.distance, $1.node) }
      result += close.prefix(limit - result.count).map(\.node)
    }
    return result
  }

  private func match(_ index: Int, needle: String, scalars: [Unicode.Scalar]) -> LineageSearchHit? {
    let name = searchNames[index]
    let node = nodes[index]
    var best: LineageSearchHit?
    func offer(_ score: Int, _ field: LineageSearchHit.Field) {
      if score > (best?.score ?? 0) {
        best = LineageSearchHit(node: index, score: score, field: field)
      }
    }
    if name == needle {
      offer(1000, .name)
    } else if name.hasPrefix(needle) {
      offer(800 - min(99, name.count - needle.count), .name)
    } else if let range = name.firstRange(of: needle) {
      offer(600 - min(99, name.distance(from: name.startIndex, to: range.lowerBound)), .name)
    }
    if best == nil || best!.score < 1000 {
      let id = node.kind.rawValue + ":" + name
      if id == needle { offer(1000, .id) } else if id.hasPrefix(needle) { offer(700, .id) }
    }
    if best == nil || best!.score < 500 {
      for alias in node.aliases {
        let lower = alias.lowercased()
        if lower == needle {
          offer(500, .alias)
        } else if lower.contains(needle) {
          offer(450, .alias)
        }
      }
      if let owner = node.owner?.lowercased() {
        if owner == needle {
          offer(480, .owner)
        } else if owner.contains(needle) {
          offer(400, .owner)
        }
      }
      for tag in node.tags {
        let lower = tag.lowercased()
        if lower == needle { offer(470, .tag) } else if lower.contains(needle) { offer(400, .tag) }
      }
    }
    if best == nil, let gaps = Self.subsequenceGaps(scalars, in: name) {
      offer(max(1, 300 - gaps * 10 - (name.unicodeScalars.count - scalars.count)), .name)
    }
    return best
  }

  /// How many characters of `text` fall between the matched characters of `pattern`, or `nil`
  /// when `pattern` is not a subsequence of `text`.
  static func subsequenceGaps(_ pattern: [Unicode.Scalar], in text: String) -> Int? {
    guard !pattern.isEmpty else { return 0 }
    var position = 0
    var gaps = 0
    var started = false
    for scalar in text.unicodeScalars {
      if scalar == pattern[position] {
        position += 1
        started = true
        if position == pattern.count { return gaps }
      } else if started {
        gaps += 1
      }
    }
    return nil
  }

  /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while scalars.first?.isWhitespace == true { scalars.removeFirst() }
    while scalars.last?.isWhitespace == true { scalars.removeLast() }
    return String(scalars)
  }
}
