import Foundation
import Testing

@testable import MLDebt

/// The values that SciPy, Evidently and scikit-learn computed on the committed fixtures
/// (Fixtures/drift/compute_expected.py), compared to 1e-9 relative.
enum DriftOracle {
  nonisolated(unsafe) static let expected: [String: Any] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path("drift/expected.json")))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  /// The largest relative error seen per statistic, printed by the summary test.
  nonisolated(unsafe) static var maxErrors: [String: Double] = [:]
  static let lock = NSLock()

  static func check(
    _ actual: Double?, _ expected: Any?, _ what: String, tolerance: Double = 1e-9,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let special: [String: Double] = ["inf": .infinity, "-inf": -.infinity]
    guard
      let expected = (expected as? NSNumber)?.doubleValue
        ?? (expected as? String).flatMap({ special[$0] })
    else {
      Issue.record("no expected value for \(what)", sourceLocation: sourceLocation)
      return
    }
    guard let actual else {
      Issue.record("no value for \(what); expected \(expected)", sourceLocation: sourceLocation)
      return
    }
    if expected.isInfinite || actual.isInfinite {
      #expect(actual == expected, "\(what)", sourceLocation: sourceLocation)
      return
    }
    let error = abs(actual - expected) / max(abs(expected), 1e-300)
    let absolute = abs(actual - expected)
    let key = what.split(separator: " ").first.map(String.init) ?? what
    if ProcessInfo.processInfo.environment["DRIFT_ORACLE_REPORT"] != nil {
      print("ORACLE \(key) \(expected == 0 ? absolute : error)")
    }
    lock.lock()
    maxErrors[key] = max(maxErrors[key] ?? 0, expected == 0 ? absolute : error)
    lock.unlock()
    #expect(
      expected == 0 ? absolute < 1e-15 : error <= tolerance,
      "\(what): \(actual) vs \(expected) (relative error \(error))", sourceLocation: sourceLocation)
  }
}

@Suite struct DriftOracleTests {
  static let report: DriftReport = try! DriftEngine.compare(
    reference: Fixtures.path("drift/reference.csv"), current: Fixtures.path("drift/current.csv"),
    timestampColumn: "ts", window: "1w", predictionColumn: "prediction", labelColumn: "label")

  static let whole: DriftReport = try! DriftEngine.compare(
    reference: Fixtures.path("drift/reference.csv"), current: Fixtures.path("drift/current.csv"),
    predictionColumn: "prediction", labelColumn: "label")

  static func window(_ label: String) -> DriftWindow? {
    label == "all" ? whole.windows.first : report.windows.first { $0.label == label }
  }

  @Test func windowsAreTheWeeksPandasFinds() {
    let labels = (DriftOracle.expected["windows"] as! [[String: Any]]).map {
      $0["window"] as! String
    }
    #expect(Self.report.windows.map(\.label) == Array(labels.dropFirst()))
    #expect(Self.report.windows.map(\.rows) == [90, 80, 90])
  }

  @Test(arguments: ["all", "2024-03-04", "2024-03-11", "2024-03-18"])
  func columnStatisticsMatchScipyAndEvidently(window label: String) throws {
    let expectedWindow = (DriftOracle.expected["windows"] as! [[String: Any]]).first {
      $0["window"] as? String == label
    }!
    let window = try #require(Self.window(label))
    let columns = expectedWindow["columns"] as! [String: [String: Any]]
    for (name, e) in columns {
      let f = try #require(window.features.first { $0.column == name }, "\(name)")
      let s = f.statistics
      let at = "\(label) \(name)"
      #expect(f.type.rawValue == e["type"] as! String, "\(at) type")
      #expect(f.referenceCount == e["reference_count"] as! Int, "\(at)")
      #expect(f.currentCount == e["current_count"] as! Int, "\(at)")
      #expect(f.missing.referenceMissing == e["reference_missing"] as! Int, "\(at)")
      #expect(f.missing.currentMissing == e["current_missing"] as! Int, "\(at)")
      #expect(f.method?.rawValue == e["evidently_method"] as? String, "\(at) method")
      DriftOracle.check(s.psi, e["psi"], "psi \(at)")
      DriftOracle.check(s.jensenShannon, e["jensen_shannon"], "jensen_shannon \(at)")
      if f.type == .numeric {
        DriftOracle.check(s.ksStatistic, e["ks_statistic"], "ks_statistic \(at)")
        DriftOracle.check(s.ksPValue, e["ks_p_value"], "ks_p_value \(at)")
        #expect(s.ksMethod == "exact")
        DriftOracle.check(s.wasserstein, e["wasserstein"], "wasserstein \(at)")
        DriftOracle.check(s.wassersteinNormed, e["wasserstein_normed"], "wasserstein_normed \(at)")
      } else {
        DriftOracle.check(s.chiSquare, e["chi_square"], "chi_square \(at)")
        DriftOracle.check(s.chiSquarePValue, e["chi_square_p_value"], "chi_square_p_value \(at)")
        #expect(s.chiSquareDegreesOfFreedom == e["chi_square_df"] as? Int)
        if e["z_p_value"] != nil { DriftOracle.check(s.zPValue, e["z_p_value"], "z_p_value \(at)") }
        let categories = (e["categories"] as! [String]).sorted()
        #expect(f.histogram?.categories?.sorted() == categories, "\(at)")
      }
    }
  }

  @Test(arguments: ["all", "2024-03-04", "2024-03-11", "2024-03-18"])
  func biasAndQualityMatchScikitLearn(window label: String) throws {
    let e =
      (DriftOracle.expected["windows"] as! [[String: Any]]).first {
        $0["window"] as? String == label
      }!["quality"] as! [String: Any]
    let q = try #require(Self.window(label)?.quality)
    #expect(q.rows == e["rows"] as! Int)
    #expect(q.labelled == e["labelled"] as! Int)
    #expect(q.unlabelled == e["unlabelled"] as! Int)
    DriftOracle.check(q.meanPrediction, e["mean_prediction"], "mean_prediction \(label)")
    DriftOracle.check(q.labelRate, e["label_rate"], "label_rate \(label)")
    DriftOracle.check(q.bias, e["bias"], "bias \(label)")
    DriftOracle.check(q.accuracy, e["accuracy"], "accuracy \(label)")
    DriftOracle.check(q.precision, e["precision"], "precision \(label)")
    DriftOracle.check(q.recall, e["recall"], "recall \(label)")
    DriftOracle.check(q.rocAUC, e["roc_auc"], "roc_auc \(label)")
    DriftOracle.check(q.mae, e["mae"], "mae \(label)")
    DriftOracle.check(q.rmse, e["rmse"], "rmse \(label)")
  }

  @Test func smallSamplesUseTheExactKS() throws {
    let a = try #require(
      CSVTable.read(Fixtures.path("drift/small_reference.csv")).column(named: "x"))
    let b = try #require(CSVTable.read(Fixtures.path("drift/small_current.csv")).column(named: "x"))
    let x = a.numbers.sorted()
    for (key, y) in [
      ("small", b.numbers.sorted()), ("small_unequal", Array(b.numbers.prefix(13)).sorted()),
    ] {
      let e = DriftOracle.expected[key] as! [String: Any]
      let ks = try #require(DriftStatistics.kolmogorovSmirnov(sorted: x, sorted: y))
      #expect(ks.method == "exact")
      DriftOracle.check(ks.statistic, e["ks_statistic"], "ks_statistic \(key)")
      DriftOracle.check(ks.pValue, e["ks_p_value"], "ks_p_value \(key)")
      DriftOracle.check(
        DriftStatistics.wasserstein(sorted: x, sorted: y), e["wasserstein"], "wasserstein \(key)")
    }
  }

  @Test func largeSamplesUseTheAsymptoticKS() throws {
    let a = (0..<12000).map { Double(($0 * 7919) % 10007) / 10007.0 }.sorted()
    let b = (0..<11000).map { Double(($0 * 104_729) % 10009) / 10009.0 + 0.01 }.sorted()
    let c = (0..<10500).map { Double(($0 * 7919) % 10007) / 10007.0 }.sorted()
    let expected = DriftOracle.expected["large_ks"] as! [[String: Any]]
    for (e, other) in zip(expected, [b, c]) {
      let ks = try #require(DriftStatistics.kolmogorovSmirnov(sorted: a, sorted: other))
      #expect(ks.method == "asymptotic")
      DriftOracle.check(ks.statistic, e["statistic"], "ks_statistic large")
      DriftOracle.check(ks.pValue, e["p_value"], "ks_p_value large")
    }
  }

  @Test func kolmogorovDistributionMatchesKstwo() {
    for point in DriftOracle.expected["kolmogorov"] as! [[String: Any]] {
      let n = point["n"] as! Int
      let d = (point["d"] as! NSNumber).doubleValue
      DriftOracle.check(DriftMath.kolmogorovSF(d, n: n), point["sf"], "kstwo_sf n=\(n) d=\(d)")
    }
  }

  @Test func incompleteGammaMatchesGammaincc() {
    for point in DriftOracle.expected["gamma"] as! [[String: Any]] {
      let a = (point["a"] as! NSNumber).doubleValue
      let x = (point["x"] as! NSNumber).doubleValue
      let q = (point["q"] as! NSNumber).doubleValue
      if q < 1e-280 { continue }
      DriftOracle.check(DriftMath.gammaQ(a, x), point["q"], "gammaincc a=\(a) x=\(x)")
    }
  }

  @Test func exampleProjectDriftsFromLateMarch2019() throws {
    let project = try Project.load(at: Fixtures.example)
    let source = try #require(project.monitoring.first)
    let report = try DriftEngine.analyse(source, in: project)
    let expected = DriftOracle.expected["car_loans"] as! [[String: Any]]
    #expect(report.windows.map(\.label) == expected.map { $0["window"] as! String })
    for (window, e) in zip(report.windows, expected) {
      #expect(window.rows == e["rows"] as! Int)
      let car = try #require(window.features.first { $0.column == "car_value" })
      DriftOracle.check(
        car.statistics.ksPValue, e["car_value_ks_p_value"], "ks_p_value car_value \(window.label)")
      DriftOracle.check(
        car.statistics.ksStatistic, e["car_value_ks_statistic"],
        "ks_statistic car_value \(window.label)")
      for (column, method) in e["methods"] as! [String: String] {
        #expect(
          window.features.first { $0.column == column }?.method?.rawValue == method, "\(column)")
      }
    }
    let drifting = report.windows.filter {
      ($0.features.first { $0.column == "car_value" }?.statistics.ksPValue ?? 1) < 1e-10
    }
    #expect(drifting.first?.label == "2019-04-01")
    let late = report.windows.first { $0.label == "2019-03-25" }
    #expect((late?.features.first { $0.column == "car_value" }?.statistics.ksPValue ?? 1) < 0.05)
    #expect(report.windows.last?.features.first { $0.column == "car_value" }?.drifted == true)
  }
}
