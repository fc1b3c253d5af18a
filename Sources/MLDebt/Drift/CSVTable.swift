import Foundation

/// A CSV file read straight from its bytes in one streaming pass: every column is parsed as the
/// bytes go by (numbers, categories, missing cells) without making a `String` per cell, and the
/// file is never held in memory whole, so a table takes about the memory of its parsed columns.
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
    /// The largest file, in bytes (default 16 GiB; the file is streamed, not held whole).
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

  /// Where the bytes come from; ``mapCells(_:_:)`` reads them again.
  private enum Source: Sendable {
    case file(String, chunkSize: Int)
    case bytes(Data)
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

  private let columns: [CSVColumn]
  private let source: Source
  private let options: Options

  /// The size of one read from a file.
  static let chunkSize = 4 << 20

  /// Reads a CSV file. Throws only when the file cannot be opened; everything else becomes a
  /// diagnostic. `displayPath` is the name diagnostics use (default: `path`).
  public static func read(
    _ path: String, displayPath: String? = nil, options: Options = Options()
  ) throws(FileReadError) -> CSVTable {
    try read(path, displayPath: displayPath, options: options, chunkSize: chunkSize)
  }

  /// Reads a CSV file in chunks of `chunkSize` bytes (tests use small chunks to cut records).
  static func read(
    _ path: String, displayPath: String?, options: Options, chunkSize: Int
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
    let display = displayPath ?? path
    var builder = TableBuilder(path: display, options: options)
    try stream(path, chunkSize: chunkSize) { chunk, isLast in
      builder.feed(chunk, isLast: isLast)
    }
    return CSVTable(
      builder, path: display, source: .file(path, chunkSize: chunkSize), options: options)
  }

  /// Parses CSV bytes already in memory.
  public init(bytes: Data, path: String, options: Options = Options()) {
    var builder = TableBuilder(path: path, options: options)
    bytes.withUnsafeBytes { raw in
      _ = builder.feed(raw.bindMemory(to: UInt8.self), isLast: true)
    }
    self.init(builder, path: path, source: .bytes(bytes), options: options)
  }

  private init(_ builder: TableBuilder, path: String, source: Source, options: Options) {
    var builder = builder
    var sink = builder.sink
    if !builder.tokens.haveHeader && !sink.hasErrors {
      sink.report(
        .error, line: 1, "the file is empty", expected: "a header line naming the columns")
    }
    if builder.invalidHeader {
      sink.report(
        .warning, line: 1, "the header has bytes that are not UTF-8; they show as U+FFFD",
        hint: "re-save the file as UTF-8")
    }
    self.path = path
    self.source = source
    self.options = options
    header = builder.header
    lines = builder.lines
    skippedRows = builder.tokens.skipped
    diagnostics = sink.diagnostics
    columns = builder.finish()
  }

  /// Reads a file in chunks, handing each chunk (with the bytes the previous call left
  /// unconsumed in front) to `body`, which returns how many bytes it consumed, or `nil` to stop.
  private static func stream(
    _ path: String, chunkSize: Int,
    _ body: (UnsafeBufferPointer<UInt8>, _ isLast: Bool) -> Int?
  ) throws(FileReadError) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw .unreadable(path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var filled = 0
    while true {
      if filled == buffer.count {
        // A record longer than the buffer (a long quoted field): make room.
        buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
      }
      let room = buffer.count - filled
      let count = buffer.withUnsafeMutableBytes { raw in
        Foundation.read(descriptor, raw.baseAddress! + filled, room)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unreadable(path, reason: String(cString: strerror(errno)))
      }
      filled += count
      let isLast = count == 0
      let consumed = buffer.withUnsafeBufferPointer { all in
        body(UnsafeBufferPointer(rebasing: all[0..<filled]), isLast)
      }
      guard let consumed, !isLast else { return }
      if consumed > 0 {
        buffer.withUnsafeMutableBytes { raw in
          let base = raw.baseAddress!
          memmove(base, base + consumed, filled - consumed)
        }
        filled -= consumed
      }
    }
  }

  /// The index of a column by name.
  public func index(of name: String) -> Int? { header.firstIndex(of: name) }

  /// One parsed column: numbers, categories and missing cells.
  public func column(_ index: Int) -> CSVColumn { columns[index] }

  /// Applies a function to the bytes of every cell of a column (quotes removed, spaces
  /// trimmed), one per kept row. This reads the source again.
  public func mapCells<T>(_ index: Int, _ transform: (UnsafeBufferPointer<UInt8>) -> T) -> [T] {
    var out: [T] = []
    out.reserveCapacity(rowCount)
    var tokens = Tokenizer(maxFieldSize: options.maxFieldSize)
    var sink = DiagnosticSink(source: .monitoring, file: path)
    var scratch: [UInt8] = []
    func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ isLast: Bool) -> Int? {
      tokens.run(bytes, isLast: isLast, sink: &sink) { row, _ in
        if row.isHeader { return }
        out.append(Cell.with(row.spans[index], in: bytes, scratch: &scratch, transform))
      }
    }
    switch source {
    case .bytes(let data):
      data.withUnsafeBytes { raw in _ = feed(raw.bindMemory(to: UInt8.self), true) }
    case .file(let file, let chunkSize):
      try? Self.stream(file, chunkSize: chunkSize) { chunk, isLast in feed(chunk, isLast) }
    }
    return out
  }

  /// Parses one column by name.
  public func column(named name: String) -> CSVColumn? { index(of: name).map { column($0) } }
}

/// Builds a table's columns as the tokenizer hands it rows.
private struct TableBuilder {
  var tokens: Tokenizer
  var sink: DiagnosticSink
  var header: [String] = []
  var invalidHeader = false
  var lines: [Int] = []
  var columns: [CSVColumn] = []
  var interns: [InternTable] = []
  var scratch: [UInt8] = []
  let maxCategories: Int

  init(path: String, options: CSVTable.Options) {
    tokens = Tokenizer(maxFieldSize: options.maxFieldSize)
    sink = DiagnosticSink(source: .monitoring, file: path)
    maxCategories = options.maxCategories
  }

  /// Takes a chunk; returns the bytes consumed, or `nil` when reading must stop.
  mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool) -> Int? {
    var sink = self.sink
    var tokens = self.tokens
    defer {
      self.sink = sink
      self.tokens = tokens
    }
    return tokens.run(bytes, isLast: isLast, sink: &sink) { row, line in
      if row.isHeader {
        for span in row.spans {
          let text = Cell.text(span, in: bytes)
          if !text.valid { invalidHeader = true }
          header.append(text.string.trimmingCharacters(in: .whitespaces))
        }
        columns = header.map { CSVColumn(name: $0) }
        interns = header.map { _ in InternTable() }
        return
      }
      let rowIndex = lines.count
      lines.append(line)
      for (index, span) in row.spans.enumerated() {
        Cell.with(span, in: bytes, scratch: &scratch) { cell in
          columns[index].append(row: rowIndex, cell, &interns[index], maxCategories)
        }
      }
    }
  }

  mutating func finish() -> [CSVColumn] {
    for index in columns.indices {
      columns[index].categories = interns[index].strings()
      columns[index].invalidUTF8 = interns[index].invalidUTF8
      if !columns[index].categoryOverflow {
        columns[index].firstRows = interns[index].firstRows
      }
    }
    return columns
  }
}

/// The bytes of one field: quotes unwrapped, or spaces and tabs trimmed.
private enum Cell {
  static func with<T>(
    _ span: Tokenizer.Span, in base: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
    _ body: (UnsafeBufferPointer<UInt8>) -> T
  ) -> T {
    var start = span.start
    var end = span.end
    if span.escaped {
      scratch.removeAll(keepingCapacity: true)
      var i = start
      while i < end {
        scratch.append(base[i])
        i += base[i] == 0x22 ? 2 : 1
      }
      return scratch.withUnsafeBufferPointer { body($0) }
    }
    while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
    while end > start && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
    return body(UnsafeBufferPointer(rebasing: base[start..<end]))
  }

  /// The decoded text of a span.
  static func text(_ span: Tokenizer.Span, in base: UnsafeBufferPointer<UInt8>) -> (
    string: String, valid: Bool
  ) {
    var scratch: [UInt8] = []
    let bytes = with(span, in: base, scratch: &scratch) { Array($0) }
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

  init(name: String) {
    self.name = name
    numbers = []
    codes = []
    missing = []
  }

  /// Appends row `row`'s cell (rows arrive in order, from 0).
  mutating func append(
    row: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ intern: inout InternTable, _ limit: Int
  ) {
    if CSVNumber.isMissingToken(bytes) {
      numbers.append(.nan)
      missing.append(true)
      missingCount += 1
      if !categoryOverflow { codes.append(-1) }
      return
    }
    missing.append(false)
    if let value = CSVNumber.parse(bytes) {
      numbers.append(value.value)
      if !value.integer { integerLiterals = false }
    } else {
      numbers.append(.nan)
      nonNumericCount += 1
    }
    if !categoryOverflow {
      let code = intern.intern(bytes, row: row)
      if intern.count > limit {
        categoryOverflow = true
        codes = []
      } else {
        codes.append(Int32(code))
      }
    }
  }
}

/// Finds fields and records in CSV bytes, which may come in chunks: a record cut by the end of
/// a chunk is left unconsumed for the next call, with the line count as it was.
private struct Tokenizer {
  struct Span {
    var start: Int
    var end: Int
    /// Whether the field had doubled quotes inside (its bytes need unescaping).
    var escaped: Bool
  }

  /// One record handed to the caller.
  struct Row {
    var spans: [Span]
    var isHeader: Bool
  }

  let maxFieldSize: Int
  var haveHeader = false
  var headerCount = 0
  var skipped = 0
  var line = 1
  var atStart = true
  var raggedReports = 0
  var stopped = false
  private var row = Row(spans: [], isHeader: false)

  init(maxFieldSize: Int) { self.maxFieldSize = maxFieldSize }

  /// Tokenizes `bytes`, calling `emit` with each complete record and the line it starts on.
  /// Returns how many bytes were consumed, or `nil` after an error that stops the read.
  mutating func run(
    _ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool, sink: inout DiagnosticSink,
    emit: (Row, Int) -> Void
  ) -> Int? {
    if stopped { return nil }
    let count = bytes.count
    var i = 0
    if atStart {
      if count < 3 && !isLast { return 0 }
      if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
      atStart = false
    }
    while i < count {
      let recordStart = i
      let rowLine = line
      row.spans.removeAll(keepingCapacity: true)
      var endOfRow = false
      var cut = false
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
              if i + 1 >= count && !isLast {
                i = count  // the next chunk may hold the second quote of a pair
                break
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
            stopped = true
            return nil
          }
          if !closed {
            if !isLast {
              cut = true
              break
            }
            sink.report(
              .error, line: fieldLine, "a quoted field never closes; reading stopped here",
              expected: "a closing `\"`")
            stopped = true
            return nil
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
            stopped = true
            return nil
          }
        }
        if i >= count && !isLast {
          cut = true
          break
        }
        row.spans.append(span)
        if i >= count {
          endOfRow = true
        } else if bytes[i] == 0x2C {
          i += 1
          if i >= count {
            if !isLast {
              cut = true
              break
            }
            row.spans.append(Span(start: i, end: i, escaped: false))
          }
          endOfRow = i >= count
        } else {
          if bytes[i] == 0x0D && i + 1 >= count && !isLast {
            cut = true  // a CR at the end of the chunk may be the first half of CRLF
            break
          }
          if bytes[i] == 0x0D && i + 1 < count && bytes[i + 1] == 0x0A { i += 1 }
          i += 1
          line += 1
          endOfRow = true
        }
      }
      if cut {
        line = rowLine
        return recordStart
      }
      let blank = row.spans.count == 1 && row.spans[0].start == row.spans[0].end
      if blank { continue }
      if !haveHeader {
        haveHeader = true
        headerCount = row.spans.count
        row.isHeader = true
        emit(row, rowLine)
        row.isHeader = false
        continue
      }
      if row.spans.count != headerCount {
        skipped += 1
        if raggedReports < 20 {
          sink.report(
            .warning, line: rowLine,
            "expected \(headerCount) fields, found \(row.spans.count); row skipped",
            hint: "check the quoting of this row")
        } else if raggedReports == 20 {
          sink.report(
            .warning, line: rowLine, "more rows with the wrong field count; not all are listed")
        }
        raggedReports += 1
        continue
      }
      emit(row, rowLine)
    }
    return count
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
    switch scan(bytes) {
    case .number(let value, let integer): return (value, integer)
    case .notANumber: return nil
    case .needsExactParse(let integer):
      guard let value = slowPath(bytes)?.value else { return nil }
      return (value, integer)
    }
  }

  /// Whether `bytes` are a decimal that ``parse(_:)`` reads for sure:
  /// `[+-]digits[.digits][(e|E)[+-]digits]` with at least one digit, and at most 300 of them
  /// unless an exponent is written. Checks the form only, without working out the value, for
  /// callers that need the values of a few lines among many. `false` says nothing more: such
  /// text may still be a number (`inf`, a 400-digit decimal) for ``parse(_:)``.
  static func isPlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    var i = 0
    if i < count && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
    var digits = 0
    while i < count && bytes[i] &- 0x30 < 10 {
      i += 1
      digits += 1
    }
    if i < count && bytes[i] == 0x2E {
      i += 1
      while i < count && bytes[i] &- 0x30 < 10 {
        i += 1
        digits += 1
      }
    }
    guard digits > 0 else { return false }
    if i == count { return digits <= 300 }
    guard bytes[i] == 0x65 || bytes[i] == 0x45 else { return false }
    i += 1
    if i < count && (bytes[i] == 0x2B || bytes[i] == 0x2D) { i += 1 }
    let exponentStart = i
    while i < count && bytes[i] &- 0x30 < 10 { i += 1 }
    return i > exponentStart && i == count
  }

  /// What ``scan(_:)`` found.
  enum Scan {
    /// A number, and whether it was written without `.` or exponent.
    case number(Double, integer: Bool)
    /// A well-formed decimal that ``parse(_:)`` will read (it never fails on one), whose
    /// correctly rounded value needs the slow parser: 17 or more significant digits (how Python
    /// writes most floats) or a large exponent. A caller that needs only some values may
    /// postpone that work.
    case needsExactParse(integer: Bool)
    /// Not a number.
    case notANumber
  }

  /// Checks a number's form and reads its value when the exact fast path can.
  static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Scan {
    let count = bytes.count
    guard count > 0 else { return .notANumber }
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
    if digits == 0 {
      // Only `inf` and `infinity` (any case, signed) are numbers without digits.
      guard i < count, bytes[i] | 0x20 == 0x69, let infinity = slowPath(bytes) else {
        return .notANumber
      }
      return .number(infinity.value, integer: infinity.integer)
    }
    var exponentWritten = false
    if i < count && (bytes[i] == 0x65 || bytes[i] == 0x45) {
      integer = false
      exponentWritten = true
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
      if expDigits == 0 { return .notANumber }
      exponent += expNegative ? -value : value
    }
    if i != count { return .notANumber }
    if significant <= 19 && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      if exponent < 0 { value /= powers[-exponent] } else { value *= powers[exponent] }
      return .number(negative ? -value : value, integer: integer)
    }
    // Well formed, so the slow parser reads it; only a decimal too long to be finite without
    // an exponent (over 308 digits) may still be refused, so that one is parsed now.
    if exponentWritten || digits <= 300 { return .needsExactParse(integer: integer) }
    guard let value = slowPath(bytes)?.value else { return .notANumber }
    return .number(value, integer: integer)
  }

  /// Swift's own correctly rounded, locale-free parser, for the rare long or extreme numbers and
  /// for `inf`.
  private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    value: Double, integer: Bool
  )? {
    let text = String(decoding: bytes, as: UTF8.self)
    // The usual case, a decimal with 17 or more digits (how Python writes most floats): no
    // letters to fold; what Swift's parser does not take in whole is not a number.
    var hasExponent = false
    let isDecimal = bytes.allSatisfy { byte in
      if byte == 0x65 || byte == 0x45 { hasExponent = true }
      return byte &- 0x30 < 10 || byte == 0x2B || byte == 0x2D || byte == 0x2E
        || byte | 0x20 == 0x65
    }
    if isDecimal {
      guard let value = Double(text), value.isFinite || hasExponent else { return nil }
      return (value, false)
    }
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
