import Foundation

/// Checks the monitoring sources the manifest declares: that their files exist, and that the
/// columns it names (timestamp, prediction, label, compared columns, typed columns) are in the
/// files' headers. It reads only the first bytes of each file; the drift engine reads the rest.
public struct MonitoringReader: SourceReader {
  /// The monitoring source kind.
  public static let kind = SourceKind.monitoring
  /// The monitoring source's name.
  public let path: String
  /// The declared source.
  let source: MonitoringSource

  /// One reader per declared monitoring source.
  public static func discover(_ context: LoadContext) -> [MonitoringReader] {
    (context.manifest?.monitoring ?? []).map {
      MonitoringReader(path: "monitoring:\($0.name)", source: $0)
    }
  }

  /// Checks the files and headers.
  public func read(_ context: LoadContext) -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: path)
    let manifest = context.manifest.map { _ in "mldebt.yaml" } ?? "mldebt.yaml"
    func problem(_ severity: Diagnostic.Severity, _ key: String, _ message: String, hint: String) {
      contribution.diagnostics.append(
        Diagnostic(
          severity, source: Self.kind,
          at: SourceLocation(file: manifest, keyPath: "monitoring.\(source.name).\(key)"), message,
          hint: hint))
    }
    var headers: [(file: String, columns: Set<String>)] = []
    let files =
      [source.reference].compactMap { $0 }.map { ("reference", $0) }
      + [source.current].compactMap { $0 }.map { ("current", $0) }
      + source.windows.map { ("windows", $0) }
    for (key, file) in files {
      if context.options.isCancelled { break }
      let full = context.absolute(file)
      switch FileAccess.entry(at: full) {
      case .file:
        if let header = Self.header(of: full) {
          headers.append((file, Set(header)))
        } else {
          problem(
            .error, key, "\(file) has no header line",
            hint: "write the column names on the first line")
        }
      case .missing:
        problem(
          .error, key, "\(file) does not exist",
          hint: "fix the path (it is relative to the manifest's folder)")
      default:
        problem(.error, key, "\(file) is not a regular file", hint: "point it at a CSV file")
      }
    }
    if let histograms = source.histograms,
      FileAccess.entry(at: context.absolute(histograms)) == .missing
    {
      problem(.error, "histograms", "\(histograms) does not exist", hint: "fix the path")
    }
    var named: [(String, String)] = []
    if let column = source.timestampColumn { named.append(("timestamp", column)) }
    if let column = source.predictionColumn { named.append(("prediction", column)) }
    if let column = source.labelColumn { named.append(("label", column)) }
    named += source.columns.map { ("columns", $0) }
    named += source.columnTypes.keys.sorted().map { ("types", $0) }
    for (key, column) in named {
      // The timestamp cuts the current data; the reference needs it only when windows do.
      let relevant = headers.filter { key != "timestamp" || $0.file != source.reference }
      for header in relevant where !header.columns.contains(column) {
        problem(
          .error, key, "column `\(column)` is not in \(header.file)",
          hint: "the header has: " + header.columns.sorted().prefix(12).joined(separator: ", "))
      }
    }
    if source.current != nil, source.timestampColumn == nil || source.window == nil {
      problem(
        .warning, "window",
        "`current` is one file but no `timestamp` and `window` cut it into windows",
        hint: "add timestamp: COLUMN and window: 1w, or list one file per window under windows:")
    }
    contribution.monitoring = []
    contribution.counts = ["files": headers.count, "columns": headers.first?.columns.count ?? 0]
    return contribution
  }

  /// The column names on a CSV file's first line (RFC 4180 quoting), from its first 64 KiB.
  static func header(of path: String) -> [String]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var bytes = (try? handle.read(upToCount: 65_536)) ?? Data()
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if quoted {
        if byte == UInt8(ascii: "\"") {
          if index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "\"") {
            field.append(byte)
            index += 1
          } else {
            quoted = false
          }
        } else {
          field.append(byte)
        }
      } else if byte == UInt8(ascii: "\"") {
        quoted = true
      } else if byte == UInt8(ascii: ",") {
        fields.append(String(decoding: field, as: UTF8.self))
        field = []
      } else if byte == 0x0A || byte == 0x0D {
        break
      } else {
        field.append(byte)
      }
      index += 1
    }
    fields.append(String(decoding: field, as: UTF8.self))
    return fields.count == 1 && fields[0].isEmpty ? nil : fields
  }
}
