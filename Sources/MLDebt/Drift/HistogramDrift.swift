import Foundation

/// Drift from pre-aggregated per-window histograms (computed where the data lives, with Spark or
/// SQL; see examples/histograms and docs/drift.md for the format).
///
/// The file is CSV with the header `window,column,bin_type,lower,upper,category,count`:
/// `bin_type` is `range` (a numeric bin [lower, upper); the outer bins are open), `category`
/// (one categorical value) or `missing` (the count of empty cells). The reference sample is the
/// window named `reference`; every other window is compared with it, in label order.
///
/// Binned counts support PSI, Jensen–Shannon, chi-square (and Z for two categories) and the
/// Wasserstein distance between bin centres. The Kolmogorov–Smirnov test needs raw values and is
/// refused.
public enum HistogramDrift {
  /// One column's counts in one window.
  struct Counts {
    var ranges: [(lower: Double, upper: Double, count: Double)] = []
    var categories: [String: Double] = [:]
    var missing = 0.0
  }

  /// The statistics that binned counts support, on reference and current counts per bin.
  /// `centres` (numeric bins) adds the Wasserstein distance between the bin centres weighted by
  /// the counts, normed by the reference's weighted standard deviation.
  public static func binnedStatistics(
    reference r: [Double], current c: [Double], centres: [Double]?, emptyBinFloor: Double = 0.0001
  ) -> DriftStatisticValues {
    var values = DriftStatisticValues()
    let rTotal = r.reduce(0, +)
    let cTotal = c.reduce(0, +)
    guard rTotal > 0, cTotal > 0 else { return values }
    let rShares = r.map { $0 / rTotal }
    let cShares = c.map { $0 / cTotal }
    values.psi = DriftStatistics.psi(reference: rShares, current: cShares, floor: emptyBinFloor)
    values.jensenShannon = DriftStatistics.jensenShannon(rShares, cShares)
    ColumnComparison.categoricalTests(r, c, &values)
    if let centres {
      let w = DriftStatistics.wasserstein(sorted: centres, weights: r, sorted: centres, weights: c)
      values.wasserstein = w
      if let w {
        values.wassersteinNormed = DriftStatistics.normedWasserstein(
          w, referenceStd: DriftStatistics.standardDeviation(centres, weights: r))
      }
    }
    return values
  }

  static func analyse(
    path: String, display: String, source: MonitoringSource, thresholds: Thresholds,
    options: DriftOptions
  ) throws(DriftError) -> DriftReport {
    if options.method == .ks {
      throw DriftError(
        "the Kolmogorov–Smirnov test needs raw values; histogram input supports psi, "
          + "jensenshannon, chisquare, z and wasserstein (on bin centres)")
    }
    let table = try DriftEngine.read(path, display, options)
    let names = ["window", "column", "bin_type", "lower", "upper", "category", "count"]
    let indices = names.map { table.index(of: $0) }
    guard indices.allSatisfy({ $0 != nil }) else {
      throw DriftError(
        "\(display) is not a histogram file; expected the header " + names.joined(separator: ","))
    }
    var sink = DiagnosticSink(source: .monitoring, file: display)
    let text = indices.map { table.mapCells($0!) { String(decoding: $0, as: UTF8.self) } }
    let numbers = [3, 4, 6].map { table.column(indices[$0]!).numbers }
    var data: [String: [String: Counts]] = [:]
    var columnOrder: [String] = []
    for row in 0..<table.rowCount {
      let window = text[0][row]
      let column = text[1][row]
      let count = numbers[2][row]
      guard count.isFinite, count >= 0 else {
        sink.report(.warning, line: table.lines[row], "the count is not a number; row skipped")
        continue
      }
      if data[column] == nil { columnOrder.append(column) }
      var counts = data[column, default: [:]][window, default: Counts()]
      switch text[2][row] {
      case "range":
        let lower = numbers[0][row]
        let upper = numbers[1][row]
        guard lower.isFinite, upper.isFinite else {
          sink.report(
            .warning, line: table.lines[row], "a range bin needs numeric lower and upper edges")
          continue
        }
        counts.ranges.append((lower, upper, count))
      case "category": counts.categories[text[5][row], default: 0] += count
      case "missing": counts.missing += count
      default:
        sink.report(
          .warning, line: table.lines[row], "unknown bin_type `\(text[2][row])`; row skipped",
          expected: "range, category or missing")
        continue
      }
      data[column, default: [:]][window] = counts
    }
    var wanted = !options.columns.isEmpty ? options.columns : source.columns
    if wanted.isEmpty { wanted = columnOrder }
    let columns = wanted.filter { data[$0]?["reference"] != nil }
    for name in wanted where !columns.contains(name) {
      sink.report(.warning, "column `\(name)` has no reference histogram; skipped")
    }
    let labels = Set(data.values.flatMap(\.keys)).subtracting(["reference"]).sorted()
    var referenceRows = 0
    var perColumn: [[FeatureDrift]] = []
    for name in columns {
      let byWindow = data[name]!
      let reference = byWindow["reference"]!
      referenceRows = max(
        referenceRows,
        Int(
          reference.missing + reference.ranges.reduce(0) { $0 + $1.count }
            + reference.categories.values.reduce(0, +)))
      perColumn.append(
        labels.map { label in
          compare(
            name: name, reference: reference, current: byWindow[label] ?? Counts(),
            thresholds: thresholds, options: options)
        })
    }
    var report = DriftEngine.assemble(
      source: source.name, input: "histograms", reference: display, referenceRows: referenceRows,
      windowLength: source.window, thresholds: thresholds, columns: columns,
      windows: labels.map { label in
        let rows = columns.first.flatMap { name -> Int? in
          guard let c = data[name]?[label] else { return nil }
          return Int(
            c.missing + c.ranges.reduce(0) { $0 + $1.count } + c.categories.values.reduce(0, +))
        }
        return (label, nil, nil, rows ?? 0)
      },
      perColumn: perColumn, qualities: [])
    report.diagnostics = table.diagnostics + sink.diagnostics
    return report
  }

  static func compare(
    name: String, reference: Counts, current: Counts, thresholds: Thresholds, options: DriftOptions
  ) -> FeatureDrift {
    let numeric = !reference.ranges.isEmpty
    var r: [Double]
    var c: [Double]
    var centres: [Double]?
    var histogram: DriftHistogram
    var unseen: [String] = []
    var note: String?
    if numeric {
      let bins = reference.ranges.sorted { $0.lower < $1.lower }
      let edges = bins.map(\.lower) + [bins.last!.upper]
      r = bins.map(\.count)
      c = Array(repeating: 0, count: bins.count)
      for bin in current.ranges {
        if let index = bins.firstIndex(where: { $0.lower == bin.lower && $0.upper == bin.upper }) {
          c[index] += bin.count
        } else {
          note = "the window's bins differ from the reference's; unmatched bins ignored"
        }
      }
      centres = bins.map { ($0.lower + $0.upper) / 2 }
      histogram = DriftHistogram(edges: edges, reference: r, current: c)
    } else {
      let keys = Set(reference.categories.keys).union(current.categories.keys).sorted()
      unseen = keys.filter { reference.categories[$0] == nil }
      r = keys.map { reference.categories[$0] ?? 0 }
      c = keys.map { current.categories[$0] ?? 0 }
      histogram = DriftHistogram(categories: keys, reference: r, current: c)
    }
    let values = binnedStatistics(
      reference: r, current: c, centres: centres, emptyBinFloor: options.emptyBinFloor)
    let rCount = Int(r.reduce(0, +))
    let cCount = Int(c.reduce(0, +))
    let referenceSample = counted(rCount, missing: reference.missing)
    let currentSample = counted(cCount, missing: current.missing)
    let type: ColumnType = numeric ? .numeric : .categorical
    let choice: (DriftMethod, String)
    if let forced = options.method {
      choice = (forced, "chosen with --method")
    } else if numeric {
      choice = (.wasserstein, "default for histogram input: numeric (KS needs raw values)")
    } else {
      let chosen = DriftEngine.defaultMethod(
        type: .categorical, referenceCount: rCount, distinctValues: r.count)
      choice = (chosen.method, "default: " + chosen.reason)
    }
    let threshold = DriftEngine.threshold(for: choice.0, column: name, in: thresholds)
    let score = values.score(for: choice.0)
    return FeatureDrift(
      column: name, type: type, method: choice.0, methodReason: choice.1, statistics: values,
      score: score, threshold: threshold,
      drifted: score.map { DriftEngine.drifted(choice.0, score: $0, threshold: threshold) }
        ?? false,
      referenceCount: rCount, currentCount: cCount, distinctValues: r.count,
      missing: ColumnComparison.missingRate(referenceSample, currentSample, thresholds),
      unseenCategories: unseen, histogram: histogram,
      note: score == nil ? (note ?? "no counts in this window") : note)
  }

  private static func counted(_ count: Int, missing: Double) -> ColumnSample {
    var sample = ColumnSample(labels: [])
    sample.missing = Int(missing)
    sample.cells = count + Int(missing)
    return sample
  }
}
