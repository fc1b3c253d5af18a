import Foundation

/// A CSV file read straight from its bytes: one pass finds every field, and each column is then
/// parsed on demand (numbers, categories, missing cells) without making a `String` per cell.
///
/// The reader follows RFC 4180: fields separated by commas, records by LF, CRLF or CR, fields
/// in double quotes may hold commas, newlines and doubled quotes. A UTF-8 byte-order mark is
/// skipped. A row whose field count differs from the header's gives a warning with its line and
/// is skipped; a blank line is skipped silently. A field longer than
/// ``CSVTable/Options/maxFieldSize`` (or a quote that never closes) stops the read with an error
/// at the line where the field starts; the rows before it are kept.
public struct CSVTable: Sendable {
  /// Limits for one read.
  public struct Options: Sendable, Hashable {
    /// The longest field, in bytes (default 1 MiB).
    public var maxFieldSize: Int
    /// The largest file, in bytes (default 16 GiB; the file is memory-mapped, not copied).
    public var maxFileSize: Int
    /// The most distinct values a column keeps as categories (default 10 000); past it the
    /// column is marked ``CSVColumn/categoryOverflow`` and only its numbers are kept.
    public var maxCategories: Int

    /// Creates options.
    public init(
      maxFieldSize: Int = 1 << 20, maxFileSize: Int = 16 << 30, maxCategories: Int = 10_000
    ) {
      self.maxFieldSize = maxFieldSize
      self.maxFileSize = maxFileSize
      self.maxCategories = maxCategories
    }
  }

  /// The file, as given.
  public let path: String
  /// The column names from the first record.
  public let header: [String]
  /// The number of data rows kept.
  public var rowCount: Int { lines.count }
  /// The 1-based line on which each kept row starts.
  public let lines: [Int]
  /// Problems found while reading (ragged rows, long fields, bad bytes).
  public let diagnostics: [Diagnostic]
  /// How many rows were skipped because their field count was wrong.
  public let skippedRows: Int

  private let bytes: Data
  private let starts: [Int]
  private let ends: [Int]
  private let escaped: [Bool]
  private let options: Options

  /// Files smaller than this are read into memory rather than memory-mapped.
  static let mappingThreshold = 1 << 20

  /// Reads a CSV file. Throws only when the file cannot be opened; everything else becomes a
  /// diagnostic. `displayPath` is the name diagnostics use (default: `path`).
  public static func read(
    _ path: String, displayPath: String? = nil, options: Options = Options()
  ) throws(FileReadError) -> CSVTable {
    switch FileAccess.entry(at: path) {
    case .missing: throw .missing(path)
    case .brokenLink: throw .brokenLink(path)
    case .directory: throw .notRegularFile(path, kind: "directory")
    case .other(let kind): throw .notRegularFile(path, kind: kind)
    case .file(let size):
      if size > options.maxFileSize {
        throw .tooLarge(path, size: size, limit: options.maxFileSize)
      }
    }
    let data: Data
    if case .file(let size) = FileAccess.entry(at: path), size < mappingThreshold {
      // Small files are read into memory: Foundation's mapped read copies a file smaller than
      // a page into a buffer it never frees (found by the csv fuzz target, docs/reliability.md).
      data = try FileAccess.readData(path, limit: options.maxFileSize)
    } else {
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
      } catch {
        throw .unreadable(path, reason: error.localizedDescription)
      }
    }
    return CSVTable(bytes: data, path: displayPath ?? path, options: options)
  }

  /// Parses CSV bytes already in memory.
  public init(bytes: Data, path: String, options: Options = Options()) {
    self.path = path
    self.bytes = bytes
    self.options = options
    var sink = DiagnosticSink(source: .monitoring, file: path)
    var tokens = Tokenizer(maxFieldSize: options.maxFieldSize)
    bytes.withUnsafeBytes { raw in
      tokens.run(raw.bindMemory(to: UInt8.self), sink: &sink)
    }
    if tokens.headerSpans.isEmpty && !sink.hasErrors {
      sink.report(
        .error, line: 1, "the file is empty", expected: "a header line naming the columns")
    }
    var header: [String] = []
    var invalidHeader = false
    bytes.withUnsafeBytes { raw in
      let base = raw.bindMemory(to: UInt8.self)
      for span in tokens.headerSpans {
        let text = Self.text(base, span.start, span.end, span.escaped)
        if !text.valid { invalidHeader = true }
        header.append(text.string.trimmingCharacters(in: .whitespaces))
      }
    }
    if invalidHeader {
      sink.report(
        .warning, line: 1, "the header has bytes that are not UTF-8; they show as U+FFFD",
        hint: "re-save the file as UTF-8")
    }
    self.header = header
    self.lines = tokens.lines
    self.starts = tokens.starts
    self.ends = tokens.ends
    self.escaped = tokens.escaped
    self.skippedRows = tokens.skipped
    self.diagnostics = sink.diagnostics
  }

  /// The index of a column by name.
  public func index(of name: String) -> Int? { header.firstIndex(of: name) }

  /// Parses one column: numbers, categories and missing cells. Safe to call from many threads.
  public func column(_ index: Int) -> CSVColumn {
    let width = header.count
    var column = CSVColumn(name: header[index], rowCount: rowCount)
    var intern = InternTable()
    var scratch: [UInt8] = []
    if rowCount == 0 { return column }
    bytes.withUnsafeBytes { raw in
      let base = raw.bindMemory(to: UInt8.self).baseAddress!
      for row in 0..<rowCount {
        let field = row * width + index
        var start = starts[field]
        var end = ends[field]
        if escaped[field] {
          scratch.removeAll(keepingCapacity: true)
          var i = start
          while i < end {
            scratch.append(base[i])
            i += base[i] == 0x22 ? 2 : 1
          }
          scratch.withUnsafeBufferPointer {
            column.consume(row: row, $0, &intern, options.maxCategories)
          }
          continue
        }
        // Trim spaces and tabs (quoted fields were already unwrapped by the tokenizer).
        while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
        while end > start && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
        column.consume(
          row: row, UnsafeBufferPointer(start: base + start, count: end - start), &intern,
          options.maxCategories)
      }
    }
    column.categories = intern.strings()
    column.invalidUTF8 = intern.invalidUTF8
    if !column.categoryOverflow {
      column.firstRows = intern.firstRows
    }
    return column
  }

  /// Applies a function to the bytes of every cell of a column (quotes removed, spaces trimmed).
  public func mapCells<T>(_ index: Int, _ transform: (UnsafeBufferPointer<UInt8>) -> T) -> [T] {
    let width = header.count
    var out: [T] = []
    out.reserveCapacity(rowCount)
    if rowCount == 0 { return out }
    var scratch: [UInt8] = []
    bytes.withUnsafeBytes { raw in
      let base = raw.bindMemory(to: UInt8.self).baseAddress!
      for row in 0..<rowCount {
        let field = row * width + index
        var start = starts[field]
        var end = ends[field]
        if escaped[field] {
          scratch.removeAll(keepingCapacity: true)
          var i = start
          while i < end {
            scratch.append(base[i])
            i += base[i] == 0x22 ? 2 : 1
          }
          out.append(scratch.withUnsafeBufferPointer { transform($0) })
          continue
        }
        while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
        while end > start && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
        out.append(transform(UnsafeBufferPointer(start: base + start, count: end - start)))
      }
    }
    return out
  }

  /// Parses one column by name.
  public func column(named name: String) -> CSVColumn? { index(of: name).map { column($0) } }

  /// The decoded text of a span.
  private static func text(
    _ base: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ escaped: Bool
  ) -> (string: String, valid: Bool) {
    var bytes = Array(base[start..<end])
    if escaped {
      var out: [UInt8] = []
      var i = 0
      while i < bytes.count {
        out.append(bytes[i])
        i += bytes[i] == 0x22 ? 2 : 1
      }
      bytes = out
    }
    if let string = String(validating: bytes, as: UTF8.self) { return (string, true) }
    return (String(decoding: bytes, as: UTF8.self), false)
  }
}

/// One CSV column, parsed: a number (or NaN) per row, a category code per row, and which cells
/// are missing.
///
/// A cell is missing when it is empty or one of `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`,
/// `None` (pandas' default set, less the rarer spellings). Numbers are parsed without any locale:
/// an optional sign, digits, an optional `.` and digits, an optional exponent; `inf` and
/// `infinity` parse as infinities (which drift statistics treat as missing).
public struct CSVColumn: Sendable {
  /// The column's name.
  public let name: String
  /// Each row's number, or NaN when the cell is missing or not a number.
  public var numbers: [Double]
  /// Each row's category code (an index into ``categories``), or -1 when missing.
  public var codes: [Int32]
  /// The distinct non-missing cell texts, in order of first appearance.
  public var categories: [String] = []
  /// The row on which each category first appears.
  public var firstRows: [Int] = []
  /// Whether each row's cell is missing.
  public var missing: [Bool]
  /// How many non-missing cells are not numbers.
  public var nonNumericCount = 0
  /// How many cells are missing.
  public var missingCount = 0
  /// Whether every number was written as an integer (no `.` or exponent).
  public var integerLiterals = true
  /// Whether the column had more distinct values than the category limit.
  public var categoryOverflow = false
  /// The first category index whose bytes were not UTF-8, if any.
  public var invalidUTF8: Int?

  init(name: String, rowCount: Int) {
    self.name = name
    numbers = [Double](repeating: .nan, count: rowCount)
    codes = [Int32](repeating: -1, count: rowCount)
    missing = [Bool](repeating: false, count: rowCount)
  }

  mutating func consume(
    row: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ intern: inout InternTable, _ limit: Int
  ) {
    if CSVNumber.isMissingToken(bytes) {
      missing[row] = true
      missingCount += 1
      return
    }
    if let value = CSVNumber.parse(bytes) {
      numbers[row] = value.value
      if !value.integer { integerLiterals = false }
    } else {
      nonNumericCount += 1
    }
    if !categoryOverflow {
      let code = intern.intern(bytes, row: row)
      if intern.count > limit {
        categoryOverflow = true
        codes = []
      } else {
        codes[row] = Int32(code)
      }
    }
  }
}

/// Finds fields and records in CSV bytes.
private struct Tokenizer {
  struct Span {
    var start: Int
    var end: Int
    var escaped: Bool
  }

  let maxFieldSize: Int
  var headerSpans: [Span] = []
  var starts: [Int] = []
  var ends: [Int] = []
  var escaped: [Bool] = []
  var lines: [Int] = []
  var skipped = 0

  init(maxFieldSize: Int) { self.maxFieldSize = maxFieldSize }

  mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, sink: inout DiagnosticSink) {
    let count = bytes.count
    var i = 0
    if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
    var line = 1
    var row: [Span] = []
    var haveHeader = false
    var raggedReports = 0
    while i < count {
      let rowLine = line
      row.removeAll(keepingCapacity: true)
      var endOfRow = false
      while !endOfRow {
        let fieldLine = line
        var span = Span(start: i, end: i, escaped: false)
        if i < count && bytes[i] == 0x22 {
          // Quoted field.
          i += 1
          span.start = i
          var closed = false
          while i < count {
            let byte = bytes[i]
            if byte == 0x22 {
              if i + 1 < count && bytes[i + 1] == 0x22 {
                span.escaped = true
                i += 2
                continue
              }
              closed = true
              break
            }
            if byte == 0x0A || (byte == 0x0D && (i + 1 >= count || bytes[i + 1] != 0x0A)) {
              line += 1
            }
            i += 1
            if i - span.start > maxFieldSize { break }
          }
          span.end = i
          if i - span.start > maxFieldSize {
            sink.report(
              .error, line: fieldLine,
              "a field is longer than \(maxFieldSize) bytes; reading stopped here",
              hint: "a quote that never closes does this; otherwise raise the field size limit")
            return
          }
          if !closed {
            sink.report(
              .error, line: fieldLine, "a quoted field never closes; reading stopped here",
              expected: "a closing `\"`")
            return
          }
          i += 1  // the closing quote
          // Anything between the closing quote and the delimiter is ignored.
          while i < count && bytes[i] != 0x2C && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
        } else {
          while i < count {
            let byte = bytes[i]
            if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
            i += 1
          }
          span.end = i
          if span.end - span.start > maxFieldSize {
            sink.report(
              .error, line: fieldLine,
              "a field is longer than \(maxFieldSize) bytes; reading stopped here",
              hint: "raise the field size limit if the data really has such fields")
            return
          }
        }
        row.append(span)
        if i >= count {
          endOfRow = true
        } else if bytes[i] == 0x2C {
          i += 1
          if i >= count { row.append(Span(start: i, end: i, escaped: false)) }
          endOfRow = i >= count
        } else {
          if bytes[i] == 0x0D && i + 1 < count && bytes[i + 1] == 0x0A { i += 1 }
          i += 1
          line += 1
          endOfRow = true
        }
      }
      let blank = row.count == 1 && row[0].start == row[0].end
      if !haveHeader {
        if blank { continue }
        headerSpans = row
        haveHeader = true
        continue
      }
      if blank { continue }
      if row.count != headerSpans.count {
        skipped += 1
        if raggedReports < 20 {
          sink.report(
            .warning, line: rowLine,
            "expected \(headerSpans.count) fields, found \(row.count); row skipped",
            hint: "check the quoting of this row")
        } else if raggedReports == 20 {
          sink.report(
            .warning, line: rowLine, "more rows with the wrong field count; not all are listed")
        }
        raggedReports += 1
        continue
      }
      lines.append(rowLine)
      for span in row {
        starts.append(span.start)
        ends.append(span.end)
        escaped.append(span.escaped)
      }
    }
  }
}

/// Interns byte strings into small integer codes without allocating per lookup.
struct InternTable {
  private var arena: [UInt8] = []
  private var offsets: [Int] = []
  private var lengths: [Int] = []
  private var slots: [Int32] = Array(repeating: -1, count: 64)
  private(set) var firstRows: [Int] = []
  private(set) var invalidUTF8: Int?

  var count: Int { offsets.count }

  mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, row: Int) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let code = slots[slot]
      if code < 0 { break }
      let offset = offsets[Int(code)]
      let length = lengths[Int(code)]
      if length == bytes.count {
        let same = arena.withUnsafeBufferPointer { arena in
          length == 0 || memcmp(arena.baseAddress! + offset, bytes.baseAddress!, length) == 0
        }
        if same { return Int(code) }
      }
      slot = (slot + 1) & mask
    }
    let code = offsets.count
    offsets.append(arena.count)
    lengths.append(bytes.count)
    arena.append(contentsOf: bytes)
    firstRows.append(row)
    slots[slot] = Int32(code)
    if offsets.count * 2 > slots.count { grow() }
    return code
  }

  private mutating func grow() {
    var bigger = [Int32](repeating: -1, count: slots.count * 2)
    let mask = bigger.count - 1
    for code in 0..<offsets.count {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for index in offsets[code]..<(offsets[code] + lengths[code]) {
        hash = (hash ^ UInt64(arena[index])) &* 0x100_0000_01b3
      }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while bigger[slot] >= 0 { slot = (slot + 1) & mask }
      bigger[slot] = Int32(code)
    }
    slots = bigger
  }

  mutating func strings() -> [String] {
    var result: [String] = []
    result.reserveCapacity(offsets.count)
    for code in 0..<offsets.count {
      let slice = arena[offsets[code]..<(offsets[code] + lengths[code])]
      if let text = String(validating: slice, as: UTF8.self) {
        result.append(text)
      } else {
        if invalidUTF8 == nil { invalidUTF8 = code }
        result.append(String(decoding: slice, as: UTF8.self))
      }
    }
    return result
  }
}

/// Locale-independent number parsing from bytes.
enum CSVNumber {
  private static let powers: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Whether a cell is one of the missing-value spellings.
  static func isMissingToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    switch bytes.count {
    case 0: return true
    case 2: return bytes[0] == 0x4E && bytes[1] == 0x41  // NA
    case 3:
      // N/A, NaN, nan
      let a = bytes[0]
      let b = bytes[1]
      let c = bytes[2]
      return (a == 0x4E && b == 0x2F && c == 0x41) || (a == 0x4E && b == 0x61 && c == 0x4E)
        || (a == 0x6E && b == 0x61 && c == 0x6E)
    case 4:
      let text = (bytes[0], bytes[1], bytes[2], bytes[3])
      return text == (0x6E, 0x75, 0x6C, 0x6C) || text == (0x4E, 0x55, 0x4C, 0x4C)
        || text == (0x4E, 0x6F, 0x6E, 0x65)
    default: return false
    }
  }

  /// Parses a decimal number; `integer` tells whether it was written without `.` or exponent.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (value: Double, integer: Bool)? {
    let count = bytes.count
    guard count > 0 else { return nil }
    var i = 0
    var negative = false
    if bytes[0] == 0x2B || bytes[0] == 0x2D {
      negative = bytes[0] == 0x2D
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var exponent = 0
    var integer = true
    while i < count, bytes[i] &- 0x30 < 10 {
      if significant < 19 {
        mantissa = mantissa * 10 + UInt64(bytes[i] &- 0x30)
        if mantissa > 0 { significant += 1 }
      } else {
        exponent += 1
        significant += 1
      }
      digits += 1
      i += 1
    }
    if i < count && bytes[i] == 0x2E {
      integer = false
      i += 1
      while i < count, bytes[i] &- 0x30 < 10 {
        if significant < 19 {
          mantissa = mantissa * 10 + UInt64(bytes[i] &- 0x30)
          if mantissa > 0 { significant += 1 }
          exponent -= 1
        } else {
          significant += 1
        }
        digits += 1
        i += 1
      }
    }
    if digits == 0 { return slowPath(bytes) }
    if i < count && (bytes[i] == 0x65 || bytes[i] == 0x45) {
      integer = false
      i += 1
      var expNegative = false
      if i < count && (bytes[i] == 0x2B || bytes[i] == 0x2D) {
        expNegative = bytes[i] == 0x2D
        i += 1
      }
      var value = 0
      var expDigits = 0
      while i < count, bytes[i] &- 0x30 < 10 {
        if value < 100_000 { value = value * 10 + Int(bytes[i] &- 0x30) }
        expDigits += 1
        i += 1
      }
      if expDigits == 0 { return nil }
      exponent += expNegative ? -value : value
    }
    if i != count { return nil }
    if significant <= 19 && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 { value /= powers[-exponent] } else { value *= powers[exponent] }
      return (negative ? -value : value, integer)
    }
    guard let value = slowPath(bytes)?.value else { return nil }
    return (value, integer)
  }

  /// Swift's own correctly rounded, locale-free parser, for the rare long or extreme numbers and
  /// for `inf`.
  private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    value: Double, integer: Bool
  )? {
    let text = String(decoding: bytes, as: UTF8.self)
    switch text.lowercased() {
    case "inf", "+inf", "infinity", "+infinity": return (.infinity, false)
    case "-inf", "-infinity": return (-.infinity, false)
    default: break
    }
    guard let first = text.utf8.first,
      first == 0x2B || first == 0x2D || first == 0x2E
        || (first >= 0x30 && first <= 0x39)
    else { return nil }
    guard let value = Double(text), value.isFinite || text.contains("e") || text.contains("E")
    else { return nil }
    return (value, false)
  }
}
