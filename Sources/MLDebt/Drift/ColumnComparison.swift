import Foundation

/// The values of one column in one sample, ready for the statistics: sorted finite numbers, or
/// counts per category, and the missing count.
public struct ColumnSample: Sendable {
  /// Sorted finite values (numeric columns).
  public var sorted: [Double] = []
  /// Count per category label (categorical columns).
  public var counts: [String: Double] = [:]
  /// Missing, non-finite or (for numeric columns) non-numeric cells.
  public var missing = 0
  /// Cells in the sample.
  public var cells = 0

  /// Non-missing values.
  public var count: Int { sorted.isEmpty ? Int(counts.values.reduce(0, +)) : sorted.count }

  /// Creates a numeric sample from values (NaN and infinities count as missing).
  public init(numbers: [Double]) {
    cells = numbers.count
    sorted = numbers.filter(\.isFinite)
    missing = cells - sorted.count
    RadixSort.sort(&sorted)
  }

  /// Creates a categorical sample from labels (`nil` counts as missing).
  public init(labels: [String?]) {
    cells = labels.count
    for label in labels {
      if let label { counts[label, default: 0] += 1 } else { missing += 1 }
    }
  }

  init() {}
}

/// Compares one column across windows.
enum ColumnComparison {
  /// The documented inference rule: any non-missing cell that is not a number ⇒ categorical;
  /// numbers all written as integers with at most 5 distinct values in the reference ⇒
  /// categorical (Evidently's `NUMBER_UNIQUE_AS_CATEGORICAL`); otherwise numeric.
  static func inferType(_ reference: CSVColumn, _ currents: [CSVColumn]) -> ColumnType {
    if reference.nonNumericCount > 0 || currents.contains(where: { $0.nonNumericCount > 0 }) {
      return .categorical
    }
    if reference.integerLiterals {
      var distinct = Set<Double>()
      for (value, missing) in zip(reference.numbers, reference.missing) where !missing {
        distinct.insert(value)
        if distinct.count > 5 { return .numeric }
      }
      return distinct.isEmpty ? .numeric : .categorical
    }
    return .numeric
  }

  static func sample(_ column: CSVColumn, rows: [Int], type: ColumnType) -> ColumnSample {
    switch type {
    case .numeric:
      return ColumnSample(numbers: rows.map { column.numbers[$0] })
    case .categorical:
      var sample = ColumnSample()
      sample.cells = rows.count
      if column.categoryOverflow {
        sample.missing = rows.count
        return sample
      }
      var counts = [Double](repeating: 0, count: column.categories.count)
      for row in rows {
        let code = column.codes[row]
        if code < 0 { sample.missing += 1 } else { counts[Int(code)] += 1 }
      }
      for (index, count) in counts.enumerated() where count > 0 {
        sample.counts[column.categories[index], default: 0] += count
      }
      return sample
    }
  }

  static func compare(
    name: String, reference: CSVColumn, currents: [CSVColumn], windows: [DriftEngine.WindowRows],
    declared: ColumnType?, thresholds: Thresholds, options: DriftOptions
  ) -> [FeatureDrift] {
    let type = declared ?? inferType(reference, currents)
    let referenceSample = sample(reference, rows: Array(0..<reference.numbers.count), type: type)
    let integerData = reference.integerLiterals && reference.missingCount == 0
    return windows.map { window in
      let current = sample(currents[window.table], rows: window.rows, type: type)
      var result = compare(
        name: name, type: type, reference: referenceSample, current: current,
        integerData: integerData && currents[window.table].integerLiterals
          && currents[window.table].missingCount == 0,
        thresholds: thresholds, options: options)
      if type == .categorical && reference.categoryOverflow {
        result.note = "more than \(options.csv.maxCategories) distinct values; not compared"
      }
      return result
    }
  }

  /// Compares two samples of one column with every applicable statistic.
  static func compare(
    name: String, type: ColumnType, reference: ColumnSample, current: ColumnSample,
    integerData: Bool, thresholds: Thresholds, options: DriftOptions
  ) -> FeatureDrift {
    var values = DriftStatisticValues()
    var histogram: DriftHistogram?
    var unseen: [String] = []
    var distinct = 0
    let missing = missingRate(reference, current, thresholds)
    var result = FeatureDrift(
      column: name, type: type, method: nil, methodReason: "", statistics: values, score: nil,
      threshold: nil, drifted: false, referenceCount: reference.count, currentCount: current.count,
      distinctValues: 0, missing: missing, unseenCategories: [], histogram: nil, note: nil)
    guard reference.count > 0, current.count > 0 else {
      result.note =
        reference.count == 0
        ? "no non-missing values in the reference" : "no non-missing values in this window"
      return result
    }
    switch type {
    case .numeric:
      let a = reference.sorted
      let b = current.sorted
      distinct = distinctCount(a, b)
      if let ks = DriftStatistics.kolmogorovSmirnov(sorted: a, sorted: b) {
        values.ksStatistic = ks.statistic
        values.ksPValue = ks.pValue
        values.ksMethod = ks.method
      }
      if let w = DriftStatistics.wasserstein(sorted: a, sorted: b) {
        values.wasserstein = w
        values.wassersteinNormed = DriftStatistics.normedWasserstein(
          w, referenceStd: DriftStatistics.standardDeviation(a))
      }
      let referenceDistinct = distinctCount(a, [])
      if referenceDistinct > 20 {
        let edges = DriftStatistics.sturgesEdges(
          sorted: merge(a, b), integerData: integerData)
        let r = DriftStatistics.histogram(sorted: a, edges: edges)
        let c = DriftStatistics.histogram(sorted: b, edges: edges)
        histogram = DriftHistogram(edges: edges, reference: r, current: c)
      } else {
        let keys = Array(Set(a).union(b)).sorted()
        let r = keys.map {
          Double(DriftStatistics.upperBound(a, $0) - DriftStatistics.lowerBound(a, $0))
        }
        let c = keys.map {
          Double(DriftStatistics.upperBound(b, $0) - DriftStatistics.lowerBound(b, $0))
        }
        histogram = DriftHistogram(categories: keys.map(format), reference: r, current: c)
      }
      if distinct <= 5 {
        let keys = Array(Set(a).union(b)).sorted()
        let r = keys.map {
          Double(DriftStatistics.upperBound(a, $0) - DriftStatistics.lowerBound(a, $0))
        }
        let c = keys.map {
          Double(DriftStatistics.upperBound(b, $0) - DriftStatistics.lowerBound(b, $0))
        }
        categoricalTests(r, c, &values)
      }
    case .categorical:
      let keys = Set(reference.counts.keys).union(current.counts.keys).sorted()
      distinct = keys.count
      unseen = keys.filter { reference.counts[$0] == nil }
      let r = keys.map { reference.counts[$0] ?? 0 }
      let c = keys.map { current.counts[$0] ?? 0 }
      histogram = DriftHistogram(categories: keys, reference: r, current: c)
      categoricalTests(r, c, &values)
    }
    if let histogram {
      let rTotal = histogram.reference.reduce(0, +)
      let cTotal = histogram.current.reduce(0, +)
      let rShares = histogram.reference.map { $0 / Double(reference.count) }
      let cShares = histogram.current.map { $0 / Double(current.count) }
      if rTotal > 0 && cTotal > 0 {
        values.psi = DriftStatistics.psi(
          reference: rShares, current: cShares, floor: options.emptyBinFloor)
        values.jensenShannon = DriftStatistics.jensenShannon(rShares, cShares)
      }
    }
    let choice: (method: DriftMethod, reason: String)
    if let forced = options.method {
      choice = (forced, "chosen with --method")
    } else {
      let chosen = DriftEngine.defaultMethod(
        type: type, referenceCount: reference.count, distinctValues: distinct)
      choice = (chosen.method, "default: " + chosen.reason)
    }
    result.statistics = values
    result.histogram = histogram
    result.unseenCategories = unseen
    result.distinctValues = distinct
    result.method = choice.method
    result.methodReason = choice.reason
    let threshold = DriftEngine.threshold(for: choice.method, column: name, in: thresholds)
    result.threshold = threshold
    if let score = values.score(for: choice.method), !score.isNaN {
      result.score = score
      result.drifted = DriftEngine.drifted(choice.method, score: score, threshold: threshold)
    } else {
      result.note = "\(choice.method.rawValue) does not apply to this column"
    }
    return result
  }

  static func categoricalTests(_ r: [Double], _ c: [Double], _ values: inout DriftStatisticValues) {
    if let chi = DriftStatistics.chiSquare(reference: r, current: c) {
      values.chiSquare = chi.statistic
      values.chiSquarePValue = chi.pValue
      values.chiSquareDegreesOfFreedom = chi.degreesOfFreedom
    }
    if r.count == 2 {
      let z = DriftStatistics.zTest(
        referenceHits: r[0], referenceCount: r[0] + r[1], currentHits: c[0],
        currentCount: c[0] + c[1])
      values.zStatistic = z?.statistic
      values.zPValue = z?.pValue
    } else if r.count == 1 {
      values.zStatistic = 0
      values.zPValue = 1
    }
  }

  static func missingRate(
    _ reference: ColumnSample, _ current: ColumnSample, _ thresholds: Thresholds
  )
    -> MissingRate
  {
    let rShare = reference.cells == 0 ? 0 : Double(reference.missing) / Double(reference.cells)
    let cShare = current.cells == 0 ? 0 : Double(current.missing) / Double(current.cells)
    let z = DriftStatistics.zTest(
      referenceHits: Double(reference.missing), referenceCount: Double(reference.cells),
      currentHits: Double(current.missing), currentCount: Double(current.cells))
    return MissingRate(
      referenceMissing: reference.missing, referenceShare: rShare,
      currentMissing: current.missing, currentShare: cShare, pValue: z?.pValue,
      drifted: (z?.pValue ?? 1) < thresholds.pValue)
  }

  static func distinctCount(_ a: [Double], _ b: [Double]) -> Int {
    let merged = b.isEmpty ? a : merge(a, b)
    var count = 0
    var previous: Double?
    for value in merged where value != previous {
      count += 1
      previous = value
    }
    return count
  }

  static func merge(_ a: [Double], _ b: [Double]) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if j >= b.count || (i < a.count && a[i] <= b[j]) {
        out.append(a[i])
        i += 1
      } else {
        out.append(b[j])
        j += 1
      }
    }
    return out
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
