extension RunAuditor {
  /// What a param or tag key's name says it records, for the audit's seed and data-version
  /// checks.
  struct KeyTraits: OptionSet, Sendable {
    let rawValue: UInt8
    /// The name mentions a seed.
    static let seed = KeyTraits(rawValue: 1)
    /// The name mentions data (`data`, `dataset`, `dvc`) and a version (`digest`, `hash`,
    /// `md5`, `sha`, `version`, `rev`, `snapshot`).
    static let dataVersion = KeyTraits(rawValue: 2)
  }

  /// The keys of one run that the audit looks for, each the first by name: a seed, and a data
  /// version (with where it was found, `params` or `tags`).
  struct NamedKeys {
    var seed: String?
    var dataVersion: (kind: String, key: String)?

    /// Looks at every param and tag key of a run once.
    init(_ run: Run) {
      note(run.params.keys, kind: "params")
      note(run.tags.keys, kind: "tags")
    }

    private mutating func note(_ keys: Dictionary<String, String>.Keys, kind: String) {
      for key in keys {
        let traits = RunAuditor.traits(of: key)
        if traits.isEmpty { continue }
        if traits.contains(.seed), seed.map({ key < $0 }) ?? true { seed = key }
        if traits.contains(.dataVersion),
          dataVersion.map({ (key, kind) < ($0.key, $0.kind) }) ?? true
        {
          dataVersion = (kind, key)
        }
      }
    }
  }

  /// What a key's name says, in one pass over an ASCII key's bytes, ignoring case; the same
  /// answers as ``mentions(_:_:)`` and ``isDataVersionKey(_:)``, which any other key goes
  /// through.
  static func traits(of key: String) -> KeyTraits {
    var key = key
    let ascii = key.withUTF8 { bytes -> KeyTraits? in
      var mentionsData = false
      var mentionsVersion = false
      var traits: KeyTraits = []
      for start in 0..<bytes.count {
        let byte = bytes[start]
        if byte >= 0x80 { return nil }
        func at(_ word: StaticString) -> Bool { matches(bytes, start, word) }
        switch byte | 0x20 {
        case UInt8(ascii: "s"):
          if at("seed") { traits.insert(.seed) }
          if at("sha") || at("snapshot") { mentionsVersion = true }
        case UInt8(ascii: "d"):
          if at("data") || at("dvc") { mentionsData = true }
          if at("digest") { mentionsVersion = true }
        case UInt8(ascii: "h"): if at("hash") { mentionsVersion = true }
        case UInt8(ascii: "m"): if at("md5") { mentionsVersion = true }
        case UInt8(ascii: "v"): if at("version") { mentionsVersion = true }
        case UInt8(ascii: "r"): if at("rev") { mentionsVersion = true }
        default: break
        }
      }
      if mentionsData && mentionsVersion { traits.insert(.dataVersion) }
      return traits
    }
    if let ascii { return ascii }
    var traits: KeyTraits = []
    if mentions(key, seed) { traits.insert(.seed) }
    if isDataVersionKey(key) { traits.insert(.dataVersion) }
    return traits
  }

  /// Whether `bytes` hold `word` (lowercase ASCII) at `start`, ignoring ASCII case.
  private static func matches(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString
  ) -> Bool {
    let count = word.utf8CodeUnitCount
    guard start + count <= bytes.count else { return false }
    let letters = word.utf8Start
    for offset in 0..<count {
      var byte = bytes[start + offset]
      if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
      if byte != letters[offset] { return false }
    }
    return true
  }

  /// Whether a tag or param key records a data version (`data.version`, `dvc.md5`, …).
  static func isDataVersionKey(_ key: String) -> Bool {
    dataNames.contains { mentions(key, $0) } && versionNames.contains { mentions(key, $0) }
  }

  static let seed = Array("seed".utf8)
  private static let dataNames = ["data", "dataset", "dvc"].map { Array($0.utf8) }
  private static let versionNames = ["digest", "hash", "md5", "sha", "version", "rev", "snapshot"]
    .map { Array($0.utf8) }

  /// Whether `key`, lowercased, contains `word` (lowercase ASCII). An ASCII key is searched
  /// byte by byte (Foundation's `contains` costs a bridged `range(of:)` per call, and the audit
  /// asks it of every key of every run); any other key is lowercased first, as before.
  static func mentions(_ key: String, _ word: [UInt8]) -> Bool {
    if key.utf8.contains(where: { $0 >= 0x80 }) {
      return key.lowercased().contains(String(decoding: word, as: UTF8.self))
    }
    var key = key
    return key.withUTF8 { bytes -> Bool in
      let count = word.count
      guard bytes.count >= count else { return false }
      var start = 0
      while start + count <= bytes.count {
        var matched = 0
        while matched < count {
          var byte = bytes[start + matched]
          if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
          if byte != word[matched] { break }
          matched += 1
        }
        if matched == count { return true }
        start += 1
      }
      return false
    }
  }

}
