import Foundation

/// The drift statistics on prepared samples, each matching the SciPy or Evidently function
/// named in its documentation (docs/drift.md gives the formulas).
public enum DriftStatistics {
  /// A two-sample Kolmogorov–Smirnov result.
  public struct KSResult: Sendable, Hashable, Codable {
    /// D = sup |F₁ − F₂|.
    public var statistic: Double
    /// The two-sided p-value.
    public var pValue: Double
    /// `exact` or `asymptotic`.
    public var method: String
  }

  /// `scipy.stats.ks_2samp(a, b, method='auto')`, two-sided, on sorted finite samples.
  ///
  /// Exact (Hodges' lattice-path count) when both samples have at most 10 000 values, otherwise
  /// the one-sample Kolmogorov distribution at n = round(mn/(m+n)) (``DriftMath/kolmogorovSF(_:n:)``).
  public static func kolmogorovSmirnov(sorted a: [Double], sorted b: [Double]) -> KSResult? {
    let n1 = a.count
    let n2 = b.count
    guard n1 > 0, n2 > 0 else { return nil }
    var i = 0
    var j = 0
    var maxS = -Double.infinity
    var minS = Double.infinity
    // Walk the merged values; at each distinct value both ECDFs include every tie.
    while i < n1 || j < n2 {
      let value = i < n1 && (j >= n2 || a[i] <= b[j]) ? a[i] : b[j]
      while i < n1 && a[i] <= value { i += 1 }
      while j < n2 && b[j] <= value { j += 1 }
      let diff = Double(i) / Double(n1) - Double(j) / Double(n2)
      maxS = max(maxS, diff)
      minS = min(minS, diff)
    }
    let lower = min(max(-minS, 0), 1)
    var d = lower > maxS ? lower : maxS
    let g = gcd(n1, n2)
    if max(n1, n2) <= 10_000 {
      let lcm = Double(n1 / g) * Double(n2)
      let h = Int((d * lcm).rounded(.toNearestOrEven))
      d = Double(h) / lcm
      if h == 0 { return KSResult(statistic: d, pValue: 1, method: "exact") }
      let p =
        n1 == n2
        ? DriftMath.outsideSquareProbability(n1, h)
        : DriftMath.outsideBandProbability(n1, n2, gcd: g, h)
      if p.isFinite && p >= 0 && p <= 1 {
        return KSResult(statistic: d, pValue: p, method: "exact")
      }
    }
    let m = Double(max(n1, n2))
    let n = Double(min(n1, n2))
    let en = (m * n / (m + n)).rounded(.toNearestOrEven)
    let p = DriftMath.kolmogorovSF(d, n: Int(en))
    return KSResult(statistic: d, pValue: min(max(p, 0), 1), method: "asymptotic")
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x
  }

  /// `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`: ∫|U − V| over the merged
  /// support, for sorted values with optional weights.
  public static func wasserstein(
    sorted u: [Double], weights uw: [Double]? = nil, sorted v: [Double], weights vw: [Double]? = nil
  ) -> Double? {
    guard !u.isEmpty, !v.isEmpty else { return nil }
    let uTotal = uw?.reduce(0, +) ?? Double(u.count)
    let vTotal = vw?.reduce(0, +) ?? Double(v.count)
    guard uTotal > 0, vTotal > 0 else { return nil }
    var i = 0
    var j = 0
    var uMass = 0.0
    var vMass = 0.0
    var previous: Double? = nil
    var sum = 0.0
    var uCDF = 0.0
    var vCDF = 0.0
    while i < u.count || j < v.count {
      let value = i < u.count && (j >= v.count || u[i] <= v[j]) ? u[i] : v[j]
      if let previous { sum += abs(uCDF - vCDF) * (value - previous) }
      while i < u.count && u[i] <= value {
        uMass += uw?[i] ?? 1
        i += 1
      }
      while j < v.count && v[j] <= value {
        vMass += vw?[j] ?? 1
        j += 1
      }
      uCDF = uw == nil ? Double(i) / uTotal : uMass / uTotal
      vCDF = vw == nil ? Double(j) / vTotal : vMass / vTotal
      previous = value
    }
    return sum
  }

  /// The population standard deviation (ddof = 0, as `numpy.std`), optionally weighted.
  public static func standardDeviation(_ values: [Double], weights: [Double]? = nil) -> Double {
    guard !values.isEmpty else { return .nan }
    if let weights {
      let total = weights.reduce(0, +)
      var mean = 0.0
      for (x, w) in zip(values, weights) { mean += x * w }
      mean /= total
      var variance = 0.0
      for (x, w) in zip(values, weights) { variance += (x - mean) * (x - mean) * w }
      return (variance / total).squareRoot()
    }
    let mean = values.reduce(0, +) / Double(values.count)
    var variance = 0.0
    for x in values { variance += (x - mean) * (x - mean) }
    return (variance / Double(values.count)).squareRoot()
  }

  /// Evidently's normed Wasserstein distance: W₁ / max(std(reference), 0.001).
  public static func normedWasserstein(_ distance: Double, referenceStd: Double) -> Double {
    distance / max(referenceStd, 0.001)
  }

  /// Replaces zero shares as Evidently's `get_binned_data` does: by the smallest non-zero share
  /// divided by 10⁶ when that is at most `floor`, else by `floor` (default 0.0001).
  public static func fillZeros(_ shares: [Double], floor: Double = 0.0001) -> [Double] {
    let nonZero = shares.filter { $0 != 0 }
    guard let smallest = nonZero.min() else { return shares }
    let fill = smallest <= floor ? smallest / 1e6 : floor
    return shares.map { $0 == 0 ? fill : $0 }
  }

  /// Population Stability Index Σ (r − c)·ln(r / c) over shares with zeros filled
  /// (``fillZeros(_:floor:)``).
  public static func psi(reference: [Double], current: [Double], floor: Double = 0.0001) -> Double {
    let r = fillZeros(reference, floor: floor)
    let c = fillZeros(current, floor: floor)
    var sum = 0.0
    for (a, b) in zip(r, c) { sum += (a - b) * log(a / b) }
    return sum
  }

  /// `scipy.spatial.distance.jensenshannon(p, q)` with the natural logarithm:
  /// √((KL(p‖m) + KL(q‖m)) / 2), m = (p + q)/2, after normalizing p and q to sum to 1.
  public static func jensenShannon(_ p0: [Double], _ q0: [Double]) -> Double {
    let ps = p0.reduce(0, +)
    let qs = q0.reduce(0, +)
    var total = 0.0
    for (a, b) in zip(p0, q0) {
      let p = a / ps
      let q = b / qs
      let m = (p + q) / 2
      if p > 0 { total += p * log(p / m) }
      if q > 0 { total += q * log(q / m) }
    }
    return (total / 2).squareRoot()
  }

  /// A chi-square goodness-of-fit result.
  public struct ChiSquareResult: Sendable, Hashable, Codable {
    /// Σ (observed − expected)² / expected.
    public var statistic: Double
    /// P(χ²_{k−1} ≥ statistic).
    public var pValue: Double
    /// k − 1.
    public var degreesOfFreedom: Int
  }

  /// Evidently's `chisquare` test: `scipy.stats.chisquare(current, reference · n_cur/n_ref)`.
  /// A category the reference never saw gives an infinite statistic and p = 0.
  public static func chiSquare(reference: [Double], current: [Double]) -> ChiSquareResult? {
    let nRef = reference.reduce(0, +)
    let nCur = current.reduce(0, +)
    guard nRef > 0, nCur > 0, reference.count >= 2 else { return nil }
    let k = nCur / nRef
    var statistic = 0.0
    for (r, c) in zip(reference, current) {
      let expected = r * k
      let diff = c - expected
      statistic += expected == 0 ? (diff == 0 ? .nan : .infinity) : diff * diff / expected
    }
    let df = reference.count - 1
    let p = statistic.isNaN ? .nan : DriftMath.chiSquareSF(statistic, degreesOfFreedom: Double(df))
    return ChiSquareResult(statistic: statistic, pValue: p, degreesOfFreedom: df)
  }

  /// A two-proportion Z-test result.
  public struct ZTestResult: Sendable, Hashable, Codable {
    /// (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)), P pooled.
    public var statistic: Double
    /// 2·(1 − Φ(|z|)).
    public var pValue: Double
  }

  /// Evidently's `z` test for a binary column: shares of one value in the reference and the
  /// current sample. When both samples hold the same single value, p = 1.
  public static func zTest(
    referenceHits: Double, referenceCount: Double, currentHits: Double, currentCount: Double
  ) -> ZTestResult? {
    guard referenceCount > 0, currentCount > 0 else { return nil }
    let p1 = referenceHits / referenceCount
    let p2 = currentHits / currentCount
    if (p1 == 0 && p2 == 0) || (p1 == 1 && p2 == 1) {
      return ZTestResult(statistic: 0, pValue: 1)
    }
    let pooled = (p1 * referenceCount + p2 * currentCount) / (referenceCount + currentCount)
    let z =
      (p1 - p2) / (pooled * (1 - pooled) * (1 / referenceCount + 1 / currentCount)).squareRoot()
    return ZTestResult(statistic: z, pValue: 2 * (1 - DriftMath.normalCDF(abs(z))))
  }

  // MARK: Binning

  /// NumPy's `histogram_bin_edges(values, 'sturges')` for sorted values: ⌈range/width⌉ equal
  /// bins with width = range / (log₂ n + 1) (at least 1 for integer data), edges by `linspace`.
  public static func sturgesEdges(sorted values: [Double], integerData: Bool = false) -> [Double] {
    guard var first = values.first, var last = values.last else { return [0, 1] }
    if first == last {
      first -= 0.5
      last += 0.5
    }
    let range = values.last! - values.first!
    var width = range / (log2(Double(values.count)) + 1)
    var bins = 1
    if width != 0 {
      if integerData && width < 1 { width = 1 }
      bins = Int(((last - first) / width).rounded(.up))
    }
    return linspace(first, last, count: bins + 1)
  }

  /// NumPy's `linspace(start, stop, count)`: i·step + start with step = (stop − start)/(count − 1),
  /// the last value set to `stop`.
  public static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    guard count > 1 else { return [start] }
    let step = (stop - start) / Double(count - 1)
    var edges = (0..<count).map { Double($0) * step + start }
    edges[count - 1] = stop
    return edges
  }

  /// `numpy.histogram(values, edges)` for sorted values: bin i counts edges[i] ≤ x < edges[i+1],
  /// the last bin also counts x = edges.last; values outside the edges are not counted.
  public static func histogram(sorted values: [Double], edges: [Double]) -> [Double] {
    guard edges.count >= 2 else { return [] }
    var counts: [Double] = []
    var previous = lowerBound(values, edges[0])
    for index in 1..<edges.count {
      let next =
        index == edges.count - 1
        ? upperBound(values, edges[index]) : lowerBound(values, edges[index])
      counts.append(Double(next - previous))
      previous = next
    }
    return counts
  }

  /// Counts per bin with open outer bins: a value falls in bin k when exactly k interior edges
  /// are ≤ it (the rule of examples/histograms). `edges` has bins + 1 entries.
  public static func openHistogram(sorted values: [Double], edges: [Double]) -> [Double] {
    let bins = edges.count - 1
    guard bins >= 1 else { return [] }
    var counts = [Double](repeating: 0, count: bins)
    var previous = 0
    for k in 0..<bins {
      let next = k == bins - 1 ? values.count : upperBound(values, edges[k + 1])
      counts[k] = Double(next - previous)
      previous = next
    }
    return counts
  }

  static func lowerBound(_ values: [Double], _ x: Double) -> Int {
    var low = 0
    var high = values.count
    while low < high {
      let mid = (low + high) / 2
      if values[mid] < x { low = mid + 1 } else { high = mid }
    }
    return low
  }

  static func upperBound(_ values: [Double], _ x: Double) -> Int {
    var low = 0
    var high = values.count
    while low < high {
      let mid = (low + high) / 2
      if values[mid] <= x { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
