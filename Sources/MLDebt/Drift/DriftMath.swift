import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// log Γ(x) from the C library (the name `lgamma` is ambiguous on Linux).
private func logGamma(_ x: Double) -> Double {
  #if canImport(Glibc)
    return Glibc.lgamma(x)
  #else
    return Darwin.lgamma(x)
  #endif
}

/// The special functions behind drift p-values, written to agree with SciPy 1.17.
///
/// docs/drift.md gives each formula; the oracle tests compare them with SciPy's values.
public enum DriftMath {
  // MARK: Incomplete gamma and the chi-square distribution

  /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
  ///
  /// A power series for P = 1 − Q when x < a + 1, Lentz's continued fraction for Q otherwise
  /// (Numerical Recipes §6.2), each to full double precision.
  public static func gammaQ(_ a: Double, _ x: Double) -> Double {
    if x.isNaN || a.isNaN || a <= 0 { return .nan }
    if x <= 0 { return 1 }
    if x.isInfinite { return 0 }
    if x < a + 1 { return 1 - gammaPSeries(a, x) }
    return gammaQFraction(a, x)
  }

  /// The regularized lower incomplete gamma function P(a, x) = 1 − Q(a, x).
  public static func gammaP(_ a: Double, _ x: Double) -> Double {
    if x.isNaN || a.isNaN || a <= 0 { return .nan }
    if x <= 0 { return 0 }
    if x.isInfinite { return 1 }
    if x < a + 1 { return gammaPSeries(a, x) }
    return 1 - gammaQFraction(a, x)
  }

  private static func logPrefactor(_ a: Double, _ x: Double) -> Double {
    -x + a * log(x) - logGamma(a)
  }

  private static func gammaPSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var n = a
    for _ in 0..<10_000 {
      n += 1
      term *= x / n
      sum += term
      if abs(term) < abs(sum) * 1e-17 { break }
    }
    return sum * exp(logPrefactor(a, x))
  }

  private static func gammaQFraction(_ a: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return exp(logPrefactor(a, x)) * h
  }

  /// The chi-square survival function: P(χ²_df ≥ x) = Q(df/2, x/2).
  public static func chiSquareSF(_ x: Double, degreesOfFreedom df: Double) -> Double {
    if x.isInfinite { return 0 }
    return gammaQ(df / 2, x / 2)
  }

  // MARK: Normal distribution

  /// The standard normal CDF Φ(z) = erfc(−z/√2)/2.
  public static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

  // MARK: Kolmogorov–Smirnov distributions

  /// The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n,
  /// P(D_n ≥ d), as `scipy.stats.kstwo.sf(d, n)` computes it (Simard & L'Ecuyer 2011): exact
  /// Ruben–Gambino forms at the ends, 2·smirnov(n, d) in the upper tail, the Durbin matrix
  /// (Marsaglia–Tsang–Wang) for small n·d², and the Pelz–Good expansion for large n.
  ///
  /// For n ≤ 140 and 0.754693 < n·d² ≤ 4 SciPy uses Pomeranz's recursion; this uses the Durbin
  /// matrix there too, which is exact as well (the two agree to rounding).
  public static func kolmogorovSF(_ d: Double, n: Int) -> Double {
    let nd = Double(n)
    if d >= 1 { return 0 }
    if d <= 0 { return 1 }
    let t = nd * d
    if t <= 1 {
      if t <= 0.5 { return 1 }
      let cdf: Double
      if n <= 140 {
        var product = 1.0
        for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
        cdf = product
      } else {
        cdf = exp(logFactorialOverPower(nd) + nd * log(2 * t - 1))
      }
      return clip(1 - cdf)
    }
    if t >= nd - 1 { return clip(2 * pow(1 - d, nd)) }
    if d >= 0.5 { return clip(2 * smirnovSF(n: n, d)) }
    let nxSquared = t * d
    if n <= 140 {
      if nxSquared <= 4 { return clip(1 - durbinCDF(n: n, d)) }
      return clip(2 * smirnovSF(n: n, d))
    }
    if nxSquared >= 370 { return 0 }
    if nxSquared >= 2.2 { return clip(2 * smirnovSF(n: n, d)) }
    let cdf: Double
    if n <= 100_000 && nd * pow(d, 1.5) <= 1.4 {
      cdf = durbinCDF(n: n, d)
    } else {
      cdf = pelzGoodCDF(n: n, d)
    }
    return clip(1 - cdf)
  }

  /// The one-sided Smirnov survival function P(D_n⁺ ≥ d), by the Smirnov–Birnbaum–Tingey sum
  /// d · Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (d + j/n)^{j−1} (1 − d − j/n)^{n−j}, summed in logs.
  public static func smirnovSF(n: Int, _ d: Double) -> Double {
    if d <= 0 { return 1 }
    if d >= 1 { return 0 }
    let nd = Double(n)
    let last = Int((nd * (1 - d)).rounded(.down))
    let logNFactorial = logGamma(nd + 1)
    var sum = 0.0
    for j in 0...last {
      let jd = Double(j)
      let p = d + jd / nd
      let q = 1 - d - jd / nd
      if q <= 0 && j < n { continue }
      var logTerm = logNFactorial - logGamma(jd + 1) - logGamma(nd - jd + 1) + (jd - 1) * log(p)
      if n - j > 0 { logTerm += (nd - jd) * log(q) }
      sum += exp(logTerm)
    }
    return sum * d
  }

  private static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

  /// log(n! / nⁿ) by Stirling's series with n·log(n) removed up front.
  private static func logFactorialOverPower(_ n: Double) -> Double {
    let coefficients = [
      -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
      8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
      -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ]
    let rn = 1 / n
    var poly = 0.0
    for c in coefficients { poly = poly * (rn / n) + c }
    return log(n) / 2 - n + log(2 * Double.pi) / 2 + rn * poly
  }

  /// P(D_n ≤ d) by Durbin's matrix method as Marsaglia, Tsang and Wang compute it: the k-th
  /// diagonal entry of Hⁿ, scaled by n!/nⁿ, with exponent bookkeeping against overflow.
  public static func durbinCDF(n: Int, _ d: Double) -> Double {
    if d >= 1 { return 1 }
    let nd = Double(n) * d
    if nd <= 0.5 { return 0 }
    let k = Int(nd.rounded(.up))
    let h = Double(k) - nd
    let m = 2 * k - 1
    var v = [Double](repeating: 0, count: m)
    var w = [Double](repeating: 0, count: m)
    var factorial = 1.0
    for j in 1...m {
      w[j - 1] = factorial
      factorial /= Double(j)
      v[j - 1] = (1 - pow(h, Double(j))) * factorial
    }
    let tt = pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
    v[m - 1] = (1 + tt) * factorial
    var matrix = [Double](repeating: 0, count: m * m)
    for i in 1..<max(m, 1) {
      for r in (i - 1)..<m { matrix[r * m + i] = w[r - (i - 1)] }
    }
    for r in 0..<m { matrix[r * m] = v[r] }
    for c in 0..<m { matrix[(m - 1) * m + c] = v[m - 1 - c] }

    let scale = 0x1p128
    var power = [Double](repeating: 0, count: m * m)
    for i in 0..<m { power[i * m + i] = 1 }
    var exponent = 0
    var matrixExponent = 0
    var remaining = n
    while remaining > 0 {
      if remaining % 2 == 1 {
        power = multiply(power, matrix, m)
        exponent += matrixExponent
      }
      matrix = multiply(matrix, matrix, m)
      matrixExponent *= 2
      if abs(matrix[(k - 1) * m + (k - 1)]) > scale {
        for index in matrix.indices { matrix[index] /= scale }
        matrixExponent += 128
      }
      remaining /= 2
    }
    var p = power[(k - 1) * m + (k - 1)]
    for i in 1...n {
      p = Double(i) * p / Double(n)
      if abs(p) < 0x1p-128 {
        p *= scale
        exponent -= 128
      }
    }
    if exponent != 0 { p = scalbn(p, exponent) }
    return clip(p)
  }

  private static func multiply(_ a: [Double], _ b: [Double], _ m: Int) -> [Double] {
    var result = [Double](repeating: 0, count: m * m)
    for i in 0..<m {
      for k in 0..<m {
        let aik = a[i * m + k]
        if aik == 0 { continue }
        for j in 0..<m { result[i * m + j] += aik * b[k * m + j] }
      }
    }
    return result
  }

  /// The Pelz–Good approximation of P(D_n ≤ d) (Li-Chien–Korolyuk terms to n^{-3/2}, rewritten
  /// with Jacobi theta functions for small z = d√n).
  public static func pelzGoodCDF(n: Int, _ d: Double) -> Double {
    if d <= 0 { return 0 }
    if d >= 1 { return 1 }
    let nd = Double(n)
    let z = nd.squareRoot() * d
    let z2 = z * z
    let z3 = z2 * z
    let z4 = z2 * z2
    let z6 = z4 * z2
    let pi2 = Double.pi * Double.pi
    let pi4 = pi2 * pi2
    let pi6 = pi4 * pi2
    let qlog = -pi2 / 8 / z2
    if qlog < -708 { return 0 }
    var q = exp(qlog)
    let k1a = -z2
    let k1b = pi2 / 4
    let k2a = 6 * z6 + 2 * z4
    let k2b = (2 * z4 - 5 * z2) * pi2 / 4
    let k2c = pi4 * (1 - 2 * z2) / 16
    let k3d = pi6 * (5 - 30 * z2) / 64
    let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
    let k3b = pi2 * (135 * z4 - 96 * z6) / 4
    let k3a = -30 * z6 - 90 * pow(z, 8)
    var sums = [0.0, 0.0, 0.0, 0.0]
    let maxK = Int((16 * z / Double.pi).rounded(.up))
    if maxK >= 1 {
      for k in stride(from: maxK, through: 1, by: -1) {
        let m = Double(2 * k - 1)
        let m2 = m * m
        let m4 = m2 * m2
        let m6 = m4 * m2
        let qPower = pow(q, Double(8 * k))
        let coefficients = [
          1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6,
        ]
        for i in 0..<4 { sums[i] = sums[i] * qPower + coefficients[i] }
      }
    }
    let root2pi = (2 * Double.pi).squareRoot()
    let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
    for i in 0..<4 { sums[i] = sums[i] * q * root2pi / divisors[i] }
    q = exp(-pi2 / 2 / z2)
    var k2extra = 0.0
    var k3extra = 0.0
    let sqrt3z = 3.0.squareRoot() * z
    if maxK >= 1 {
      for k in stride(from: maxK, through: 1, by: -1) {
        let kd = Double(k)
        let qp = pow(q, kd * kd)
        k2extra += kd * kd * qp
        let kspi = Double.pi * kd
        k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * kd * kd * qp
      }
    }
    sums[2] += k2extra * pi2 * root2pi / (-36 * z3)
    sums[3] += k3extra * pi2 * root2pi / (216 * z6)
    var total = 0.0
    for i in 0..<4 { total += sums[i] / pow(nd, Double(i) / 2) }
    return total
  }

  // MARK: Two-sample Kolmogorov–Smirnov

  /// The probability that a two-sample KS path leaves the band |x/m − y/n| < h/lcm(m, n),
  /// for m ≠ n, counted column by column with Viehmann's recursion for 1 − p (arXiv 2102.08037).
  static func outsideBandProbability(_ m0: Int, _ n0: Int, gcd g: Int, _ h: Int) -> Double {
    let (m, n) = m0 >= n0 ? (m0, n0) : (n0, m0)
    let mg = m / g
    let ng = n / g
    var lowJ = 0
    var highJ = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
    var length = highJ - lowJ
    let capacity = min(2 * highJ + 2, n + 1)
    var column = [Double](repeating: 1, count: capacity)
    for index in lowJ..<highJ { column[index] = 0 }
    for i in 1...m {
      let previousLow = lowJ
      let previousLength = length
      lowJ = max(Int(((Double(ng * i - h)) / Double(mg)).rounded(.down)) + 1, 0)
      lowJ = min(lowJ, n)
      highJ = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
      if highJ <= lowJ { return 1 }
      var value = lowJ == 0 ? 0.0 : 1.0
      for offset in 0..<(highJ - lowJ) {
        let j = offset + lowJ
        value =
          (column[offset + lowJ - previousLow] * Double(i) + value * Double(j))
          / Double(i + j)
        column[offset] = value
      }
      length = highJ - lowJ
      if previousLength > length {
        for index in length..<(length + previousLength - length) where index < capacity {
          column[index] = 1
        }
      }
    }
    return column[highJ - lowJ - 1]
  }

  /// P(D_{n,n} ≥ h/n) for two samples of equal size n, by the alternating sum of binomial ratios
  /// evaluated Horner-style to avoid cancellation.
  static func outsideSquareProbability(_ n: Int, _ h: Int) -> Double {
    var p = 0.0
    var k = n / h
    while k >= 0 {
      var term = 1.0
      for j in 0..<h {
        term = Double(n - k * h - j) * term / Double(n + k * h + j + 1)
      }
      p = term * (1 - p)
      k -= 1
    }
    return 2 * p
  }
}
