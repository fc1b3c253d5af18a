/// Splits a run filter into tokens: names, quoted strings, numbers, comparators, keywords and
/// punctuation, each with the 1-based column where it starts.
struct RunFilterLexer {
  /// A dotted name such as `metrics.auc` or ``tags.`mlflow.runName` ``.
  struct Identifier: Hashable {
    /// The part before the first dot (`metrics`), or `nil` for a bare name (`status`).
    var prefix: String?
    /// The rest (`auc`, `mlflow.runName`).
    var key: String
    /// The name as written.
    var raw: String
  }

  enum Kind: Hashable {
    case identifier(Identifier)
    case string(String)
    case number(Double, raw: String)
    case comparator(String)
    case keyword(String)
    case openParen, closeParen, comma
    case end
  }

  struct Token: Hashable {
    var kind: Kind
    var column: Int
  }

  static let keywords: Set<String> = ["AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL"]

  private let characters: [Character]
  private var index = 0

  init(_ text: String) {
    characters = Array(text)
  }

  private var current: Character? { index < characters.count ? characters[index] : nil }
  private func peek(_ offset: Int) -> Character? {
    index + offset < characters.count ? characters[index + offset] : nil
  }

  private static func isWordStart(_ character: Character) -> Bool {
    character == "_" || (character.isASCII && character.isLetter)
  }

  private static func isWord(_ character: Character) -> Bool {
    isWordStart(character) || (character.isASCII && character.isNumber)
  }

  mutating func next() throws(RunFilterError) -> Token {
    while let character = current, character.isWhitespace { index += 1 }
    let column = index + 1
    guard let character = current else { return Token(kind: .end, column: column) }
    switch character {
    case "(":
      index += 1
      return Token(kind: .openParen, column: column)
    case ")":
      index += 1
      return Token(kind: .closeParen, column: column)
    case ",":
      index += 1
      return Token(kind: .comma, column: column)
    case "'", "\"":
      return Token(kind: .string(try quoted(closing: character)), column: column)
    case "=", "~":
      index += 1
      if character == "=" && current == "=" { index += 1 }
      return Token(kind: .comparator(String(character)), column: column)
    case "!":
      if peek(1) == "=" || peek(1) == "~" {
        let comparator = "!" + String(peek(1)!)
        index += 2
        return Token(kind: .comparator(comparator), column: column)
      }
    case "<", ">":
      index += 1
      if current == "=" {
        index += 1
        return Token(kind: .comparator(String(character) + "="), column: column)
      }
      if character == "<" && current == ">" {
        index += 1
        return Token(kind: .comparator("!="), column: column)
      }
      return Token(kind: .comparator(String(character)), column: column)
    case "`":
      // MLflow also takes the prefix in backticks: `metrics`.auc
      let prefix = try quotedName(closing: "`")
      guard current == "." else {
        throw RunFilterError(
          column: column, message: "a backticked name needs its prefix before it",
          expected: "metrics., params., tags., attributes. or dataset. before the name")
      }
      return try key(after: prefix, start: column - 1, column: column)
    default:
      if character.isASCII
        && (character.isNumber || character == "-" || character == "+"
          || character == ".")
      {
        return try number(column: column)
      }
      if Self.isWordStart(character) { return try word(column: column) }
    }
    throw RunFilterError(
      column: column, message: "unexpected character `\(TerminalText.sanitize(String(character)))`",
      expected: "a name, a quoted string, a number, a comparator, AND, OR, NOT or a parenthesis")
  }

  private mutating func quoted(closing: Character) throws(RunFilterError) -> String {
    let column = index + 1
    index += 1
    var text = ""
    while let character = current {
      index += 1
      if character == closing {
        // A doubled quote inside a string stands for the quote itself, as in SQL.
        if current == closing {
          text.append(closing)
          index += 1
          continue
        }
        return text
      }
      if character == "\\", let escaped = current {
        index += 1
        text.append(escaped)
        continue
      }
      text.append(character)
    }
    throw RunFilterError(
      column: column, message: "the string that starts here is not closed",
      expected: "a closing \(closing)")
  }

  private mutating func number(column: Int) throws(RunFilterError) -> Token {
    let start = index
    if current == "-" || current == "+" { index += 1 }
    while let character = current,
      character.isASCII
        && (character.isNumber || character == "." || character == "e"
          || character == "E"
          || ((character == "-" || character == "+")
            && (characters[index - 1] == "e"
              || characters[index - 1] == "E")))
    {
      index += 1
    }
    let raw = String(characters[start..<index])
    if let character = current, Self.isWord(character) {
      throw RunFilterError(
        column: column, message: "`\(raw)\(character)…` is neither a number nor a name",
        expected: "a number such as 0.8 or 1e-3, or a quoted string")
    }
    guard let value = Double(raw) else {
      throw RunFilterError(
        column: column, message: "`\(raw)` is not a number",
        expected: "a number such as 0.8, -1 or 1e-3")
    }
    return Token(kind: .number(value, raw: raw), column: column)
  }

  private mutating func word(column: Int) throws(RunFilterError) -> Token {
    let start = index
    while let character = current, Self.isWord(character) { index += 1 }
    let first = String(characters[start..<index])
    guard current == "." else {
      if Self.keywords.contains(first.uppercased()) {
        return Token(kind: .keyword(first.uppercased()), column: column)
      }
      return Token(
        kind: .identifier(Identifier(prefix: nil, key: first, raw: first)), column: column)
    }
    return try key(after: first, start: start, column: column)
  }

  private mutating func key(after first: String, start: Int, column: Int) throws(RunFilterError)
    -> Token
  {
    index += 1
    var key = ""
    if let quote = current, quote == "`" || quote == "\"" || quote == "'" {
      key = try quotedName(closing: quote)
    } else {
      let keyStart = index
      while let character = current, Self.isWord(character) || character == "." {
        index += 1
      }
      key = String(characters[keyStart..<index])
      if key.isEmpty || key.hasSuffix(".") {
        throw RunFilterError(
          column: index + 1, message: "`\(first).` needs a name after the dot",
          expected: "a name, or one in backticks or double quotes such as `my-metric`")
      }
    }
    let raw = String(characters[start..<index])
    return Token(kind: .identifier(Identifier(prefix: first, key: key, raw: raw)), column: column)
  }

  private mutating func quotedName(closing: Character) throws(RunFilterError) -> String {
    let column = index + 1
    index += 1
    var text = ""
    while let character = current {
      index += 1
      if character == closing { return text }
      text.append(character)
    }
    throw RunFilterError(
      column: column, message: "the quoted name that starts here is not closed",
      expected: "a closing \(closing)")
  }
}
