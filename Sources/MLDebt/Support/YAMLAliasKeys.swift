/// Finds aliases used inside mapping keys, before the YAML parser sees the text.
///
/// The parser (Yams) hashes every mapping key to find duplicates, and hashing a node expands its
/// aliases: a key made of nested aliases (`? *bomb`, `[*bomb, *bomb]: x`) takes time and memory
/// exponential in the size of the text, and no node budget applied afterwards can stop it. No
/// file mldebt reads needs an alias in a key, so such a document is refused with the position
/// of the alias. The scan is a single pass over the bytes: it follows quotes, comments, block
/// scalars and flow brackets, and flags an alias (or a flow collection holding one) that is
/// directly followed by a key's `:`, and any explicit `?` key in a document that uses aliases.
enum YAMLAliasKeys {
  /// Where the first alias inside a key stands (1-based line and column), or `nil`.
  static func find(in text: String) -> (line: Int, column: Int)? {
    guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
    if let result = text.utf8.withContiguousStorageIfAvailable({ find(bytes: $0) }) {
      return result
    }
    return Array(text.utf8).withUnsafeBufferPointer { find(bytes: $0) }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func isFlowIndicator(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
      || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
  }

  private static func find(bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
    let count = bytes.count
    var index = 0
    var line = 1
    var lineStart = 0
    // Flow collections open at this point, each with whether it holds an alias.
    var open: [Bool] = []
    // Whether the node just read is an alias, or a flow collection holding one.
    var pending: (line: Int, column: Int)?
    var aliasSeen: (line: Int, column: Int)?
    var explicitKey: (line: Int, column: Int)?
    // Block scalars: lines indented deeper than this are text, not YAML.
    var blockIndent: Int?
    var lastTokenWasBlockIndicator = false

    func atBoundary(_ position: Int) -> Bool {
      position == lineStart || isSpace(bytes[position - 1]) || isFlowIndicator(bytes[position - 1])
    }

    while index < count {
      // At a line start: skip block scalar text.
      if index == lineStart, let indent = blockIndent {
        var column = index
        while column < count, bytes[column] == 0x20 { column += 1 }
        let blank = column >= count || bytes[column] == 0x0A || bytes[column] == 0x0D
        if blank || column - index > indent {
          while index < count, bytes[index] != 0x0A { index += 1 }
          if index < count {
            index += 1
            line += 1
            lineStart = index
          }
          continue
        }
        blockIndent = nil
      }
      let byte = bytes[index]
      switch byte {
      case 0x0A:
        if lastTokenWasBlockIndicator {
          var indent = 0
          while lineStart + indent < count, bytes[lineStart + indent] == 0x20 { indent += 1 }
          blockIndent = indent
        }
        lastTokenWasBlockIndicator = false
        pending = nil
        index += 1
        line += 1
        lineStart = index
        continue
      case 0x20, 0x09, 0x0D:
        index += 1
        continue
      case UInt8(ascii: "#") where atBoundary(index):
        while index < count, bytes[index] != 0x0A { index += 1 }
        continue
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if atBoundary(index) {
          index += 1
          while index < count {
            if bytes[index] == 0x0A {
              line += 1
              lineStart = index + 1
            } else if byte == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") {
              index += 1
            } else if bytes[index] == byte {
              if byte == UInt8(ascii: "'"), index + 1 < count, bytes[index + 1] == byte {
                index += 1
              } else {
                break
              }
            }
            index += 1
          }
        }
        index += 1
        pending = nil
        lastTokenWasBlockIndicator = false
        continue
      case UInt8(ascii: "*") where atBoundary(index):
        let position = (line, index - lineStart + 1)
        aliasSeen = aliasSeen ?? position
        if let explicitKey { return explicitKey }
        for level in open.indices { open[level] = true }
        index += 1
        while index < count, !isSpace(bytes[index]), !isFlowIndicator(bytes[index]) {
          index += 1
        }
        pending = position
        lastTokenWasBlockIndicator = false
        continue
      case UInt8(ascii: "&") where atBoundary(index), UInt8(ascii: "!") where atBoundary(index):
        while index < count, !isSpace(bytes[index]), !isFlowIndicator(bytes[index]) {
          index += 1
        }
        continue
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        open.append(false)
        pending = nil
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        let holdsAlias = open.popLast() ?? false
        pending = holdsAlias ? (pending ?? (line, index - lineStart + 1)) : nil
        index += 1
        continue
      case UInt8(ascii: ","):
        pending = nil
      case UInt8(ascii: "?") where atBoundary(index):
        if index + 1 >= count || isSpace(bytes[index + 1]) {
          let position = (line, index - lineStart + 1)
          if aliasSeen != nil { return position }
          explicitKey = explicitKey ?? position
        }
        pending = nil
      case UInt8(ascii: ":"):
        let next = index + 1 < count ? bytes[index + 1] : 0x0A
        if isSpace(next) || isFlowIndicator(next) {
          if let pending { return pending }
        }
        pending = nil
      case UInt8(ascii: "|"), UInt8(ascii: ">"):
        if atBoundary(index) {
          var end = index + 1
          while end < count,
            bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+")
              || (bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9"))
          {
            end += 1
          }
          var rest = end
          while rest < count, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }
          if rest >= count || bytes[rest] == 0x0A || bytes[rest] == 0x0D
            || bytes[rest] == UInt8(ascii: "#")
          {
            lastTokenWasBlockIndicator = true
            index = end
            continue
          }
        }
        pending = nil
      default:
        // Plain scalar text: read the rest of the token.
        pending = nil
        lastTokenWasBlockIndicator = false
        while index < count, !isSpace(bytes[index]), !isFlowIndicator(bytes[index]) {
          if bytes[index] == UInt8(ascii: ":") {
            let next = index + 1 < count ? bytes[index + 1] : 0x0A
            if isSpace(next) || isFlowIndicator(next) { break }
          }
          index += 1
        }
        continue
      }
      lastTokenWasBlockIndicator = false
      index += 1
    }
    return nil
  }
}
