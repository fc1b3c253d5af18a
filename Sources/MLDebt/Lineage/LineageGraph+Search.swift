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
    let bytes = Array(needle.utf8)
    let hasColon = bytes.contains(UInt8(ascii: ":"))
    var hits: [LineageSearchHit] = []
    for index in 0..<nodeCount {
      if let hit = match(index, needle: bytes, hasColon: hasColon) { hits.append(hit) }
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

  private func match(_ index: Int, needle: [UInt8], hasColon: Bool) -> LineageSearchHit? {
    let name = searchNames[index]
    let node = nodes[index]
    var best: LineageSearchHit?
    func offer(_ score: Int, _ field: LineageSearchHit.Field) {
      if score > (best?.score ?? 0) {
        best = LineageSearchHit(node: index, score: score, field: field)
      }
    }
    let length = name.utf8.count
    if let offset = Self.find(needle, in: name) {
      if offset == 0 && length == needle.count {
        offer(1000, .name)
      } else if offset == 0 {
        offer(800 - min(99, length - needle.count), .name)
      } else {
        offer(600 - min(99, offset), .name)
      }
    }
    if hasColon && (best?.score ?? 0) < 1000,
      let offset = Self.find(needle, in: node.kind.rawValue + ":" + name), offset == 0
    {
      offer(needle.count == node.kind.rawValue.utf8.count + 1 + length ? 1000 : 700, .id)
    }
    if (best?.score ?? 0) < 500 {
      func compare(_ text: String, exact: Int, partial: Int, _ field: LineageSearchHit.Field) {
        let lower = text.lowercased()
        if let offset = Self.find(needle, in: lower) {
          offer(offset == 0 && lower.utf8.count == needle.count ? exact : partial, field)
        }
      }
      for alias in node.aliases { compare(alias, exact: 500, partial: 450, .alias) }
      if let owner = node.owner { compare(owner, exact: 480, partial: 400, .owner) }
      for tag in node.tags { compare(tag, exact: 470, partial: 400, .tag) }
    }
    if best == nil, let gaps = Self.subsequenceGaps(needle, in: name) {
      offer(max(1, 300 - gaps * 10 - (length - needle.count)), .name)
    }
    return best
  }

  /// The byte offset of the first occurrence of `needle` in `text`'s UTF-8, or `nil`.
  static func find(_ needle: [UInt8], in text: String) -> Int? {
    func search(_ haystack: UnsafeBufferPointer<UInt8>) -> Int? {
      let count = needle.count
      guard count > 0 else { return 0 }
      guard count <= haystack.count else { return nil }
      let first = needle[0]
      for start in 0...(haystack.count - count) where haystack[start] == first {
        var matched = 1
        while matched < count && haystack[start + matched] == needle[matched] { matched += 1 }
        if matched == count { return start }
      }
      return nil
    }
    if let found = text.utf8.withContiguousStorageIfAvailable(search) { return found }
    return Array(text.utf8).withUnsafeBufferPointer(search)
  }

  /// How many bytes of `text` fall between the matched bytes of `pattern`, or `nil` when
  /// `pattern` is not a subsequence of `text` (both as UTF-8).
  static func subsequenceGaps(_ pattern: [UInt8], in text: String) -> Int? {
    guard !pattern.isEmpty else { return 0 }
    var position = 0
    var gaps = 0
    var started = false
    for byte in text.utf8 {
      if byte == pattern[position] {
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
