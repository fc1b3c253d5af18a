import Foundation
import Testing

@testable import MLDebt

@Suite struct DriftHistogramTests {
  static let histogramSource = MonitoringSource(
    name: "histograms", histograms: Fixtures.path("drift/histograms.csv"))

  static func histogramReport() throws -> DriftReport {
    let project = Project(root: "/", name: "t", monitoring: [histogramSource])
    return try DriftEngine.analyse(histogramSource, in: project)
  }

  /// The counts mldebt bins raw rows into, with the histogram file's edges.
  static func rawCounts(_ column: String, window: String, edges: [Double]?, categories: [String]?)
    throws -> (reference: [Double], current: [Double])
  {
    let reference = try CSVTable.read(Fixtures.path("drift/reference.csv"))
    let current = try CSVTable.read(Fixtures.path("drift/current.csv"))
    let times = current.timestamps(current.index(of: "ts")!)
    let week = WindowLength("1w")!
    let rows = times.indices.filter {
      Windowing.label(Windowing.windowStart(times[$0]!, length: week), length: week) == window
    }
    func counts(_ table: CSVTable, _ rows: [Int]) -> [Double] {
      let c = table.column(named: column)!
      if let edges {
        let values = rows.map { c.numbers[$0] }.filter(\.isFinite).sorted()
        return DriftStatistics.openHistogram(sorted: values, edges: edges)
      }
      var out = [Double](repeating: 0, count: categories!.count)
      for row in rows where c.codes[row] >= 0 {
        out[categories!.firstIndex(of: c.categories[Int(c.codes[row])])!] += 1
      }
      return out
    }
    return (counts(reference, Array(0..<reference.rowCount)), counts(current, rows))
  }

  @Test func binnedStatisticsFromHistogramsEqualThoseFromRawRows() throws {
    let report = try Self.histogramReport()
    #expect(report.input == "histograms")
    #expect(report.windows.map(\.label) == ["2024-03-04", "2024-03-11", "2024-03-18"])
    let expected = DriftOracle.expected["histograms"] as! [[String: Any]]
    for e in expected {
      let label = e["window"] as! String
      let column = e["column"] as! String
      let feature = try #require(
        report.windows.first { $0.label == label }?.features.first { $0.column == column })
      let histogram = try #require(feature.histogram)
      let raw = try Self.rawCounts(
        column, window: label, edges: histogram.edges, categories: histogram.categories)
      #expect(raw.reference == histogram.reference, "\(label) \(column) reference counts")
      #expect(raw.current == histogram.current, "\(label) \(column) current counts")
      let centres = histogram.edges.map { edges in
        (0..<(edges.count - 1)).map { (edges[$0] + edges[$0 + 1]) / 2 }
      }
      let fromRaw = HistogramDrift.binnedStatistics(
        reference: raw.reference, current: raw.current, centres: centres)
      #expect(fromRaw == feature.statistics, "\(label) \(column)")
      let s = feature.statistics
      let at = "\(label) \(column)"
      DriftOracle.check(s.psi, e["psi"], "psi_binned \(at)")
      DriftOracle.check(s.jensenShannon, e["jensen_shannon"], "jensen_shannon_binned \(at)")
      DriftOracle.check(s.chiSquare, e["chi_square"], "chi_square_binned \(at)")
      DriftOracle.check(
        s.chiSquarePValue, e["chi_square_p_value"], "chi_square_p_value_binned \(at)")
      if e["wasserstein"] != nil {
        DriftOracle.check(s.wasserstein, e["wasserstein"], "wasserstein_binned \(at)")
        DriftOracle.check(
          s.wassersteinNormed, e["wasserstein_normed"], "wasserstein_normed_binned \(at)")
        #expect(s.ksPValue == nil)
        #expect(feature.method == .wasserstein)
      }
    }
  }

  @Test func histogramInputRefusesKS() {
    var options = DriftOptions()
    options.method = .ks
    let project = Project(root: "/", name: "t", monitoring: [Self.histogramSource])
    #expect(throws: DriftError.self) {
      try DriftEngine.analyse(Self.histogramSource, in: project, options: options)
    }
  }

  @Test func missingCountsComeThrough() throws {
    let report = try Self.histogramReport()
    let income = try #require(report.windows.first?.features.first { $0.column == "income" })
    #expect(income.missing.referenceMissing == 13)
    #expect(income.missing.currentMissing == 13)
  }
}

@Suite struct DriftRunTests {
  func request(_ configure: (inout DriftRequest) -> Void) -> DriftRequest {
    var request = DriftRequest()
    configure(&request)
    return request
  }

  @Test func adHocComparisonExitsOneWhenTheLatestWindowDrifts() throws {
    let result = DriftRun.run(
      request {
        $0.reference = Fixtures.path("drift/reference.csv")
        $0.current = Fixtures.path("drift/current.csv")
        $0.timestampColumn = "ts"
        $0.window = "1w"
        $0.columns = ["income", "age"]
        $0.format = .json
      })
    let report = try #require(result.report)
    #expect(report.latest?.label == "2024-03-18")
    #expect(report.latest?.datasetDrift == true)
    #expect(result.status == 1)
    #expect(result.output.contains("\"ksPValue\""))
  }

  @Test func sameDataExitsZero() {
    let result = DriftRun.run(
      request {
        $0.reference = Fixtures.path("drift/reference.csv")
        $0.current = Fixtures.path("drift/reference.csv")
        $0.format = .table
      })
    #expect(result.status == 0)
    #expect(result.output.contains("latest window current"))
  }

  @Test func usageAndLoadErrorsExitTwo() {
    #expect(DriftRun.run(request { $0.reference = "x.csv" }).status == 2)
    #expect(
      DriftRun.run(
        request {
          $0.reference = Fixtures.path("drift/reference.csv")
          $0.current = "/nonexistent.csv"
        }
      ).status == 2)
    #expect(
      DriftRun.run(
        request {
          $0.reference = Fixtures.path("drift/reference.csv")
          $0.current = Fixtures.path("drift/current.csv")
          $0.method = "magic"
        }
      ).status == 2)
    #expect(DriftRun.run(request { $0.projectPath = "/nonexistent-project" }).status == 2)
  }

  @Test func exampleProjectGateFailsInTheLatestWeek() {
    let result = DriftRun.run(request { $0.projectPath = Fixtures.example })
    #expect(result.status == 1)
    #expect(result.report?.series.first { $0.column == "car_value" }?.scores.count == 42)
  }
}
