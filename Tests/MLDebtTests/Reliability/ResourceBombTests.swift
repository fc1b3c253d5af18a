import Foundation
import Testing

@testable import MLDebt

/// Hostile inputs that try to exhaust memory or time (docs/reliability.md, "Resource bombs").
/// Each one must end in a clear diagnostic or a bounded answer; the limits are lowered here so
/// that the tests stay small, and each limit has a flag that raises it.
@Suite("Resource bombs")
struct ResourceBombTests {
  /// A "billion laughs" document: ten levels of ten aliases each, 10^10 nodes once expanded.
  static func aliasBomb(under key: String) -> String {
    var yaml = "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*x\(level - 1)", count: 10).joined(separator: ", ")
      yaml += "x\(level): &x\(level) [\(refs)]\n"
    }
    return yaml + "\(key): *x9\n"
  }

  @Test(
    "a YAML alias bomb as a manifest value is read in bounded time: the parser visits only what it needs"
  )
  func manifestAliasBombAsValue() {
    let (_, diagnostics) = ManifestParser.parse(
      Self.aliasBomb(under: "datasets"), file: "mldebt.yaml", maxNodes: 5_000)
    // Ten lists where dataset mappings belong: ten errors, not ten billion.
    #expect(diagnostics.filter { $0.severity == .error }.count == 10)
  }

  @Test(
    "an alias bomb used as a mapping key is refused before the YAML parser expands it",
    arguments: ["? *x9\n: 1\n", "*x9 : 1\n", "[*x9, *x9]: 1\n", "k: {a: 1, [b, *x9]: 2}\n"])
  func aliasBombAsKey(key: String) {
    let yaml = Self.aliasBomb(under: "unused") + key
    let (_, diagnostics) = ManifestParser.parse(yaml, file: "mldebt.yaml")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1)
    #expect(errors.first?.location.line == 12)
    #expect(errors.first?.message.contains("alias is used inside a mapping key") == true)
  }

  @Test(
    "aliases used as values, in quotes, comments and block text are not mistaken for keys",
    arguments: [
      "a: &a {x: 1}\nb: *a\nc: {p: *a, q: 1}\nd: [*a, *a]\n",
      "a: &a 1\n\"*a\": 2\n# *a: 3\n",
      "a: &a 1\ncmd: |\n  ls *a: done\n  echo [*a]: x\nb: *a\n",
      "base: &base {lr: 0.1}\ntrain:\n  <<: *base\n  depth: 3\n",
    ])
  func aliasesOutsideKeysStillParse(yaml: String) {
    var sink = DiagnosticSink(source: .dvc, file: "params.yaml")
    #expect(YAMLParsing.parse(yaml, sink: &sink) != nil, "\(sink.diagnostics)")
    #expect(sink.diagnostics.isEmpty)
  }

  @Test("the node budget comes from the load options (--max-yaml-nodes)")
  func aliasBombThroughTheLoader() throws {
    let project = TemporaryDirectory()
    project.write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n")
    project.write("params.yaml", Self.aliasBomb(under: "grid"))
    var options = LoadOptions()
    options.maxYAMLNodes = 2_000
    let loaded = try Project.load(at: project.path, options: options)
    let bomb = loaded.diagnostics.filter { $0.message.contains("too many nodes") }
    #expect(bomb.count == 1)
    #expect(bomb.first?.location.file == "params.yaml")
    #expect(bomb.first?.expected == "at most 2000 nodes after aliases are expanded")
    #expect(bomb.first?.hint?.contains("--max-yaml-nodes") == true)
    #expect(loaded.jobs.map(\.id.name) == ["s"])
  }

  @Test("an OpenLineage event nested 100,000 levels deep is a skipped line, not a crash")
  func deeplyNestedOpenLineageEvent() throws {
    let project = TemporaryDirectory()
    let depth = 100_000
    let nested =
      "{\"eventTime\": \"2026-01-01T00:00:00Z\", \"run\": {\"runId\": \"r\"}, "
      + "\"job\": {\"namespace\": \"n\", \"name\": \"deep\", \"facets\": {\"x\": "
      + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}}}"
    let good =
      "{\"eventTime\": \"2026-01-01T00:00:00Z\", \"run\": {\"runId\": \"r\"}, "
      + "\"job\": {\"namespace\": \"n\", \"name\": \"shallow\"}}"
    project.write("events.jsonl", nested + "\n" + good + "\n")
    let context = LoadContext(root: project.path, manifest: nil, options: LoadOptions())
    let contribution = OpenLineageReader(path: "events.jsonl").read(context)
    // The deep line is refused with its line number; the next one still loads.
    #expect(contribution.jobs.map(\.id.name) == ["shallow"])
    let refused = contribution.diagnostics.filter { $0.location.line == 1 }
    #expect(refused.count == 1)
    #expect(refused.first?.message.contains("not valid JSON") == true)
  }

  @Test("a CSV field over the field limit stops the read with an error at its line")
  func hugeCSVField() throws {
    let folder = TemporaryDirectory()
    // A sparse file: a header, one row, then a quoted field that runs for 64 MiB of zeros
    // (the 1 GB field of the issue, with the limit lowered to 1 MiB).
    let path = folder.write("big.csv", "a,b\n1,2\n3,\"")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 64 << 20)
    try handle.close()
    let options = CSVTable.Options(maxFieldSize: 1 << 20)
    let table = try CSVTable.read(path, options: options)
    #expect(table.rowCount == 1)
    let error = try #require(table.diagnostics.first { $0.severity == .error })
    #expect(error.location.line == 3)
    #expect(error.message.contains("1048576"))
    // The drift command's flag sets the same limit.
    var request = DriftRequest()
    request.reference = path
    request.current = path
    request.csv.maxFieldSize = 1 << 20
    let result = DriftRun.run(request)
    // A bounded answer: the rows before the field are compared, and the limit is reported.
    #expect(result.report?.referenceRows == 1)
    #expect(result.errors.contains { $0.contains("big.csv:3") && $0.contains("1048576") })
  }

  @Test("a CSV file over the file-size limit is refused before it is read")
  func csvOverTheFileLimit() throws {
    let folder = TemporaryDirectory()
    let path = folder.write("big.csv", "a\n")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 3 << 20)
    try handle.close()
    #expect(throws: FileReadError.self) {
      try CSVTable.read(path, options: CSVTable.Options(maxFileSize: 2 << 20))
    }
  }

  @Test("a metric file of 200,000 lines parses in one pass; past the size limit it is refused")
  func hugeMetricFile() throws {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(200_000 * 24)
    for line in 0..<200_000 {
      bytes += Array("\(1_700_000_000_000 + line) 0.5 \(line)\n".utf8)
    }
    let parsed = MLflowMetricFile.parse(bytes, keepHistory: false)
    #expect(parsed.pointCount == 200_000)
    #expect(parsed.history.isEmpty)
    #expect(parsed.latest?.step == 199_999)

    // Through the reader: a file over --max-file-size is a diagnostic naming the flag.
    let project = TemporaryDirectory()
    let run = "mlruns/1/0123456789abcdef0123456789abcdef"
    project.write("mlruns/1/meta.yaml", "experiment_id: '1'\nname: e\nlifecycle_stage: active\n")
    project.write(
      run + "/meta.yaml",
      "run_id: 0123456789abcdef0123456789abcdef\nexperiment_id: '1'\nstatus: 3\n"
        + "start_time: 1\nlifecycle_stage: active\n")
    project.write(run + "/metrics/loss", Data(bytes))
    var options = LoadOptions()
    options.maxFileSize = 1 << 20
    let context = LoadContext(root: project.path, manifest: nil, options: options)
    let contribution = MLflowFileStoreReader(path: "mlruns").read(context)
    #expect(contribution.runs.count == 1)
    let tooLarge = contribution.diagnostics.first { $0.message.contains("-byte limit") }
    #expect(tooLarge?.hint?.contains("--max-file-size") == true)
  }

  @Test("a symbolic-link loop and a FIFO in the project tree do not hang the load")
  func linkLoopAndFIFO() throws {
    let project = TemporaryDirectory()
    project.write("dvc.yaml", "stages:\n  s:\n    cmd: echo\n    deps: [data]\n")
    try FileManager.default.createSymbolicLink(
      atPath: project.path + "/loop", withDestinationPath: project.path + "/loop")
    try FileManager.default.createSymbolicLink(
      atPath: project.path + "/up", withDestinationPath: project.path)
    // FIFOs where readers look for files: a blocking open would never return.
    #expect(mkfifo(project.path + "/params.yaml", 0o600) == 0)
    #expect(mkfifo(project.path + "/events.jsonl", 0o600) == 0)
    #expect(mkfifo(project.path + "/mlflow.db", 0o600) == 0)
    let project2 = try Project.load(at: project.path)
    #expect(project2.jobs.map(\.id.name) == ["s"])
    let fifo = project2.diagnostics.filter { $0.message.contains("FIFO") }
    #expect(!fifo.isEmpty, "\(project2.diagnostics.map(\.message))")
  }

  @Test("a SQLite file whose header claims a huge page count loads or fails with a diagnostic")
  func sqliteHugePageCount() throws {
    let project = TemporaryDirectory()
    var bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("mlflow-sqlite/mlflow.db")))
    // Bytes 28–31: the database size in pages; 92–95: the change counter it is valid for.
    let huge: [UInt8] = [0x7F, 0xFF, 0xFF, 0xFF]
    bytes.replaceSubrange(28..<32, with: huge)
    bytes.replaceSubrange(92..<96, with: bytes[24..<28])
    project.write("mlflow.db", bytes)
    let context = LoadContext(root: project.path, manifest: nil, options: LoadOptions())
    let contribution = MLflowSQLiteReader(path: "mlflow.db").read(context)
    if contribution.failed {
      #expect(contribution.diagnostics.contains { $0.severity == .error })
    } else {
      #expect(contribution.runs.count == 10)
    }
    // The page size field set to the largest value, and the file cut short.
    var cut = bytes.prefix(4096)
    cut.replaceSubrange(16..<18, with: [0x00, 0x01])
    project.write("mlflow.db", Data(cut))
    let short = MLflowSQLiteReader(path: "mlflow.db").read(context)
    #expect(short.failed)
    #expect(short.diagnostics.first?.location.file == "mlflow.db")
  }

  // A Lua script that allocates without end stops at the sandbox's memory limit: see
  // `SandboxTests.memoryLimit` in Tests/MLDebtScriptTests (16 MiB there; `mldebt script
  // --max-memory MiB` sets it).
}
