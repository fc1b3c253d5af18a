import Testing

@testable import MLDebt

@Suite("Monitoring sources")
struct MonitoringReaderTests {
  @Test func checksFilesAndNamedColumns() throws {
    let directory = TemporaryDirectory()
    directory.write("ref.csv", "\u{FEFF}\"ts\",x,\"pred\"\n1,2,0.5\n")
    directory.write("cur.csv", "ts,x\n1,2\n")
    directory.write(
      "mldebt.yaml",
      """
      monitoring:
        - name: prod
          reference: ref.csv
          current: cur.csv
          timestamp: ts
          window: 1d
          prediction: pred
          label: y
          types: {x: numeric}
        - name: gone
          reference: missing.csv
          current: cur.csv
      """)
    let project = try Project.load(at: directory.path)
    let problems = project.diagnostics.filter { $0.source == .monitoring }.map {
      "\($0.location.keyPath ?? ""): \($0.message)"
    }
    #expect(
      problems == [
        "monitoring.prod.prediction: column `pred` is not in cur.csv",
        "monitoring.prod.label: column `y` is not in ref.csv",
        "monitoring.prod.label: column `y` is not in cur.csv",
        "monitoring.gone.reference: missing.csv does not exist",
        "monitoring.gone.window: `current` is one file but no `timestamp` and `window` cut it into windows",
      ])
    #expect(
      project.sources.filter { $0.kind == .monitoring }.map(\.status) == [.partial, .partial])
  }

  @Test func headerParsingHandlesQuotesAndCRLF() {
    let directory = TemporaryDirectory()
    let path = directory.write("a.csv", "\"a,b\",\"c\"\"d\",e\r\n1,2,3\r\n")
    #expect(MonitoringReader.header(of: path) == ["a,b", "c\"d", "e"])
    #expect(MonitoringReader.header(of: directory.write("empty.csv", "")) == nil)
  }
}
