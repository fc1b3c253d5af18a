import Foundation
import Testing

@testable import MLDebt

@Suite struct DriftCSVTableTests {
  func table(_ text: String, options: CSVTable.Options = CSVTable.Options()) -> CSVTable {
    CSVTable(bytes: Data(text.utf8), path: "t.csv", options: options)
  }

  @Test func quotingCRLFAndBOM() {
    let t = CSVTable(
      bytes: Data(
        [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\"x, y\",1.5\r\n\"say \"\"hi\"\"\",2\r\n".utf8)),
      path: "t.csv")
    #expect(t.header == ["a", "b"])
    #expect(t.rowCount == 2)
    #expect(t.column(0).categories == ["x, y", "say \"hi\""])
    #expect(t.column(1).numbers == [1.5, 2])
    #expect(t.diagnostics.isEmpty)
  }

  @Test func embeddedNewlinesKeepLineNumbers() {
    let t = table("a,b\n\"line one\nline two\",1\n3,4\nonly-one-field\n5,6\n")
    #expect(t.rowCount == 3)
    #expect(t.lines == [2, 4, 6])
    #expect(t.column(0).categories.first == "line one\nline two")
    #expect(t.diagnostics.count == 1)
    #expect(t.diagnostics.first?.location.line == 5)
    #expect(t.diagnostics.first?.message.contains("expected 2 fields, found 1") == true)
  }

  @Test func raggedFixtureRowIsSkippedWithItsLine() throws {
    let t = try CSVTable.read(Fixtures.path("broken/monitoring-ragged/current.csv"))
    #expect(t.rowCount == 499)
    #expect(t.skippedRows == 1)
    let warning = try #require(t.diagnostics.first)
    #expect(warning.severity == .warning)
    #expect(warning.location.line == 11)
    #expect(warning.description.contains("expected 8 fields, found 6"))
  }

  @Test func nonUTF8BytesBecomeReplacementCharacters() {
    let bytes = Array("name,v\n".utf8) + [0x52, 0x65, 0x6E, 0xE9] + Array(",1\nok,2\n".utf8)
    let t = CSVTable(bytes: Data(bytes), path: "t.csv")
    let column = t.column(0)
    #expect(column.categories == ["Ren\u{FFFD}", "ok"])
    #expect(column.invalidUTF8 == 0)
    #expect(t.column(1).numbers == [1, 2])
  }

  @Test func emptyFileAndHeaderOnly() {
    let empty = table("")
    #expect(empty.header.isEmpty)
    #expect(empty.diagnostics.first?.severity == .error)
    let header = table("a,b\n")
    #expect(header.header == ["a", "b"])
    #expect(header.rowCount == 0)
    #expect(header.column(0).numbers.isEmpty)
    #expect(header.diagnostics.isEmpty)
  }

  @Test func missingTokensAndNumbers() {
    let t = table("x\n1\n\nNA\nNaN\n-2.5e3\n  7 \nabc\n1e400\n0.1\n")
    let c = t.column(0)
    #expect(c.missingCount == 2)  // the blank line is skipped; NA and NaN are missing
    #expect(c.numbers[3] == -2500)
    #expect(c.numbers[4] == 7)
    #expect(c.numbers[5].isNaN)
    #expect(c.nonNumericCount == 1)
    #expect(c.numbers[6] == .infinity)
    #expect(c.numbers[7] == 0.1)
    #expect(!c.integerLiterals)
  }

  @Test func fastNumberPathAgreesWithSwiftParsing() {
    let samples = [
      "0.4944", "15009", "-0.0", "123456789012345678", "1.7976931348623157e308", "5e-324",
      "0.30000000000000004", "9007199254740993", "3.14159265358979323846", "1e22", "1e23",
    ]
    let t = table("x\n" + samples.joined(separator: "\n") + "\n")
    let c = t.column(0)
    for (index, text) in samples.enumerated() {
      #expect(c.numbers[index] == Double(text)!, "\(text)")
    }
  }

  @Test func fieldLongerThanTheLimitStopsWithALocatedError() {
    let t = table("a,b\n1,2\n3,\"never closed\n4,5\n", options: CSVTable.Options(maxFieldSize: 8))
    #expect(t.rowCount == 1)
    #expect(t.diagnostics.first?.severity == .error)
    #expect(t.diagnostics.first?.location.line == 3)
    let unterminated = table("a,b\n1,\"open\n")
    #expect(unterminated.diagnostics.first?.message.contains("never closes") == true)
  }
}

@Suite struct DriftWindowingTests {
  @Test func parsesISODatesDatetimesAndEpochSeconds() {
    #expect(Windowing.parseTimestamp("2019-03-25") == 1_553_472_000)
    #expect(Windowing.parseTimestamp("2019-03-25T00:00:00") == 1_553_472_000)
    #expect(Windowing.parseTimestamp("2019-03-25 06:30") == 1_553_495_400)
    #expect(Windowing.parseTimestamp("2019-03-25T06:30:00Z") == 1_553_495_400)
    #expect(Windowing.parseTimestamp("2019-03-25T08:30:00+02:00") == 1_553_495_400)
    #expect(Windowing.parseTimestamp("2019-03-25T06:30:00.250Z") == 1_553_495_400.25)
    #expect(Windowing.parseTimestamp("1553472000") == 1_553_472_000)
    #expect(Windowing.parseTimestamp("1553472000.5") == 1_553_472_000.5)
    #expect(Windowing.parseTimestamp("yesterday") == nil)
    #expect(Windowing.parseTimestamp("2019-13-01") == nil)
  }

  @Test func weeksStartOnMondayAndDaysAtMidnight() throws {
    let week = try #require(WindowLength("1w"))
    let sunday = Windowing.parseTimestamp("2019-03-31T23:59:59Z")!
    #expect(
      Windowing.label(Windowing.windowStart(sunday, length: week), length: week) == "2019-03-25")
    let day = try #require(WindowLength("1d"))
    #expect(
      Windowing.label(Windowing.windowStart(sunday, length: day), length: day) == "2019-03-31")
    let hours = try #require(WindowLength("6h"))
    let start = Windowing.windowStart(sunday, length: hours)
    #expect(Windowing.label(start, length: hours) == "2019-03-31T18:00Z")
  }

  @Test func epochSecondTimestampsCutTheSameWindows() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drift-epoch-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let reference = dir.appendingPathComponent("ref.csv").path
    let current = dir.appendingPathComponent("cur.csv").path
    try "t,x\n0,1\n0,2\n0,3\n".write(toFile: reference, atomically: true, encoding: .utf8)
    // 2024-03-04 (Monday) and 2024-03-11, as epoch seconds and one ISO date.
    try "t,x\n1709510400,1\n1709596800,2\n2024-03-11,5\n1710201600,6\n,7\n"
      .write(toFile: current, atomically: true, encoding: .utf8)
    let report = try DriftEngine.compare(
      reference: reference, current: current, timestampColumn: "t", window: "1w")
    #expect(report.windows.map(\.label) == ["2024-03-04", "2024-03-11"])
    #expect(report.windows.map(\.rows) == [2, 2])
    #expect(report.diagnostics.contains { $0.location.line == 6 })
  }
}

@Suite struct DriftCSVStreamingTests {
  /// Quoted fields with commas, doubled quotes and newlines, CRLF and CR line ends, a BOM, a
  /// ragged row and blank lines: read from a file in chunks of every small size, the table must
  /// equal the one parsed from the bytes in one piece.
  @Test func chunkBoundariesNeverChangeTheTable() throws {
    var text = "\u{FEFF}id,label,value\r\n"
    for row in 0..<300 {
      switch row % 6 {
      case 0: text += "\(row),\"a, \"\"quoted\"\" label\",\(Double(row) * 0.5)\r\n"
      case 1: text += "\(row),\"two\nlines\",-\(row)e-2\n"
      case 2: text += "\(row), plain ,NA\r"
      case 3: text += "\n"
      case 4: text += "\(row),ragged\n"
      default: text += "\(row),\"\",\"\(row)\"\r\n"
      }
    }
    let path = NSTemporaryDirectory() + "mldebt-chunks-\(getpid()).csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let whole = CSVTable(bytes: Data(text.utf8), path: path)
    #expect(whole.rowCount == 200)
    #expect(whole.skippedRows == 50)
    for chunkSize in [1, 2, 3, 5, 7, 64, 1000] {
      let table = try CSVTable.read(
        path, displayPath: nil, options: CSVTable.Options(), chunkSize: chunkSize)
      #expect(table.header == whole.header, "chunk \(chunkSize)")
      #expect(table.lines == whole.lines, "chunk \(chunkSize)")
      #expect(table.diagnostics.map(\.description) == whole.diagnostics.map(\.description))
      for index in 0..<3 {
        let a = table.column(index)
        let b = whole.column(index)
        #expect(a.categories == b.categories, "chunk \(chunkSize) column \(index)")
        #expect(a.codes == b.codes && a.missing == b.missing)
        #expect(zip(a.numbers, b.numbers).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let cells = table.mapCells(index) { String(decoding: $0, as: UTF8.self) }
        #expect(cells == whole.mapCells(index) { String(decoding: $0, as: UTF8.self) })
      }
    }
    #expect(whole.column(1).categories.prefix(3) == ["a, \"quoted\" label", "two\nlines", "plain"])
  }

  @Test func anUnclosedQuoteAtTheEndOfAFileIsReportedWhateverTheChunks() throws {
    let path = NSTemporaryDirectory() + "mldebt-unclosed-\(getpid()).csv"
    try "a,b\n1,2\n3,\"open\n4,5\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    for chunkSize in [1, 4, 1 << 20] {
      let table = try CSVTable.read(
        path, displayPath: nil, options: CSVTable.Options(), chunkSize: chunkSize)
      #expect(table.rowCount == 1)
      #expect(table.diagnostics.first?.message.contains("never closes") == true)
      #expect(table.diagnostics.first?.location.line == 3)
    }
  }
}
