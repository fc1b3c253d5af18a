/// How a column is compared for drift.
public enum DriftMethod: String, Sendable, Hashable, Codable, CaseIterable {
  /// Two-sample Kolmogorov–Smirnov test (numeric, raw values only); drift when p < threshold.
  case ks
  /// Wasserstein-1 distance normed by the reference's standard deviation; drift when ≥ threshold.
  case wasserstein
  /// Population Stability Index; drift when ≥ threshold.
  case psi
  /// Jensen–Shannon distance (natural log); drift when ≥ threshold.
  case jensenShannon = "jensenshannon"
  /// Chi-square goodness-of-fit of current counts against reference shares; drift when p < threshold.
  case chiSquare = "chisquare"
  /// Two-proportion Z-test for binary columns; drift when p < threshold.
  case z

  /// Whether the method's score is a p-value (drift when below the threshold) rather than a
  /// distance (drift when at or above it).
  public var isTest: Bool { self == .ks || self == .chiSquare || self == .z }
}

/// Every statistic computed for one column in one window; `nil` where it does not apply.
public struct DriftStatisticValues: Sendable, Hashable, Codable {
  /// Kolmogorov–Smirnov D.
  public var ksStatistic: Double?
  /// Kolmogorov–Smirnov two-sided p-value.
  public var ksPValue: Double?
  /// `exact` or `asymptotic`.
  public var ksMethod: String?
  /// Wasserstein-1 distance in the column's units.
  public var wasserstein: Double?
  /// Wasserstein-1 distance over max(std(reference), 0.001).
  public var wassersteinNormed: Double?
  /// Population Stability Index.
  public var psi: Double?
  /// Jensen–Shannon distance (natural log).
  public var jensenShannon: Double?
  /// Chi-square statistic.
  public var chiSquare: Double?
  /// Chi-square p-value.
  public var chiSquarePValue: Double?
  /// Chi-square degrees of freedom.
  public var chiSquareDegreesOfFreedom: Int?
  /// Two-proportion Z statistic (binary columns).
  public var zStatistic: Double?
  /// Two-proportion Z-test p-value (binary columns).
  public var zPValue: Double?

  /// Creates an empty set of values.
  public init() {}

  /// The value a method's verdict is based on.
  public func score(for method: DriftMethod) -> Double? {
    switch method {
    case .ks: ksPValue
    case .wasserstein: wassersteinNormed
    case .psi: psi
    case .jensenShannon: jensenShannon
    case .chiSquare: chiSquarePValue
    case .z: zPValue
    }
  }
}

/// Counts per bin (numeric) or per category for the reference and the current sample, for the
/// overlaid histogram chart. Numeric bins are [edges[i], edges[i+1]).
public struct DriftHistogram: Sendable, Hashable, Codable {
  /// Bin edges (numeric columns), one more than the counts.
  public var edges: [Double]?
  /// Category labels (categorical columns, or numeric columns with few distinct values).
  public var categories: [String]?
  /// Reference counts per bin.
  public var reference: [Double]
  /// Current counts per bin.
  public var current: [Double]

  /// Creates a histogram.
  public init(
    edges: [Double]? = nil, categories: [String]? = nil, reference: [Double], current: [Double]
  ) {
    self.edges = edges
    self.categories = categories
    self.reference = reference
    self.current = current
  }
}

/// Missing cells in the reference and the current sample, and whether their rate drifted.
public struct MissingRate: Sendable, Hashable, Codable {
  /// Missing cells in the reference.
  public var referenceMissing: Int
  /// Missing share in the reference (0…1).
  public var referenceShare: Double
  /// Missing cells in the current window.
  public var currentMissing: Int
  /// Missing share in the current window (0…1).
  public var currentShare: Double
  /// Two-proportion Z-test p-value of the two shares.
  public var pValue: Double?
  /// Whether the p-value is below the p-value threshold.
  public var drifted: Bool
}

/// One column in one window: method, statistics, threshold and verdict.
public struct FeatureDrift: Sendable, Hashable, Codable {
  /// The column.
  public var column: String
  /// How it was compared (inferred or set in `types:`).
  public var type: ColumnType
  /// The method whose score gives the verdict (`nil` when the column could not be compared).
  public var method: DriftMethod?
  /// Why the method was chosen (for example `default: numeric, 300 reference values ≤ 1000`).
  public var methodReason: String
  /// Every statistic computed.
  public var statistics: DriftStatisticValues
  /// The method's score (a p-value or a distance).
  public var score: Double?
  /// The threshold the score is compared with.
  public var threshold: Double?
  /// Whether the column drifted.
  public var drifted: Bool
  /// Non-missing values in the reference.
  public var referenceCount: Int
  /// Non-missing values in the current window.
  public var currentCount: Int
  /// Distinct non-missing values in both samples together.
  public var distinctValues: Int
  /// Missing cells and their drift.
  public var missing: MissingRate
  /// Categories seen in the current window but never in the reference.
  public var unseenCategories: [String]
  /// Reference and current counts per bin, for charts.
  public var histogram: DriftHistogram?
  /// Why the column was not compared, when it was not.
  public var note: String?
}

/// Prediction bias and model quality in one window, over the rows with a label.
public struct PredictionQuality: Sendable, Hashable, Codable {
  /// Rows in the window.
  public var rows: Int
  /// Rows with a prediction and a label.
  public var labelled: Int
  /// Rows whose label is empty (ignored for bias and quality).
  public var unlabelled: Int
  /// Mean prediction over all rows with a prediction.
  public var meanPredictionAllRows: Double?
  /// Mean prediction over labelled rows.
  public var meanPrediction: Double?
  /// Mean label over labelled rows (the observed rate for 0/1 labels).
  public var labelRate: Double?
  /// meanPrediction − labelRate.
  public var bias: Double?
  /// `classification` (labels are 0/1) or `regression`.
  public var task: String?
  /// Share of labelled rows whose predicted class (prediction ≥ 0.5) equals the label.
  public var accuracy: Double?
  /// Precision of class 1.
  public var precision: Double?
  /// Recall of class 1.
  public var recall: Double?
  /// Area under the ROC curve of the prediction as a score (ties count ½).
  public var rocAUC: Double?
  /// Mean absolute error of prediction against label.
  public var mae: Double?
  /// Root mean squared error of prediction against label.
  public var rmse: Double?
}

/// One production window compared with the reference.
public struct DriftWindow: Sendable, Hashable, Codable {
  /// The window's label: its start (`2019-03-25`), a file name, or `current`.
  public var label: String
  /// Start time in seconds since the epoch (UTC), for timestamp windows.
  public var start: Double?
  /// End time (exclusive), for timestamp windows.
  public var end: Double?
  /// Rows in the window.
  public var rows: Int
  /// Per-column results, in column order.
  public var features: [FeatureDrift]
  /// Columns compared.
  public var compared: Int
  /// Columns that drifted.
  public var drifted: Int
  /// drifted / compared (0 when nothing was compared).
  public var share: Double
  /// Whether share ≥ the drift-share threshold (Evidently's dataset-drift rule).
  public var datasetDrift: Bool
  /// Prediction bias and model quality, when predictions (and labels) are present.
  public var quality: PredictionQuality?
}

/// One column's score across windows, for sparklines.
public struct FeatureSeries: Sendable, Hashable, Codable {
  /// The column.
  public var column: String
  /// The method of the latest window.
  public var method: DriftMethod?
  /// Window labels, in order.
  public var windows: [String]
  /// The method's score per window (`nil` where not computed).
  public var scores: [Double?]
  /// The verdict per window.
  public var drifted: [Bool]
}

/// The result of a drift analysis: per-window, per-column results, dataset-level shares, bias and
/// quality, score series and histograms. Encodes to the JSON that docs/drift.md describes.
public struct DriftReport: Sendable, Hashable, Codable {
  /// The monitoring source's name.
  public var source: String
  /// The input form: `raw` (CSV rows) or `histograms`.
  public var input: String
  /// The reference file.
  public var reference: String?
  /// Rows in the reference.
  public var referenceRows: Int
  /// The window length, when rows were cut by timestamp.
  public var windowLength: String?
  /// The drift-share threshold used for the dataset verdict.
  public var driftShareThreshold: Double
  /// The compared columns and their types.
  public var columns: [String]
  /// Windows in time order.
  public var windows: [DriftWindow]
  /// Each column's score across windows.
  public var series: [FeatureSeries]
  /// Problems met while reading.
  public var diagnostics: [Diagnostic]

  /// The last window, whose verdict gates `mldebt drift`.
  public var latest: DriftWindow? { windows.last }

  /// Whether the latest window's share of drifted columns crosses the threshold.
  public var gateFailed: Bool { latest?.datasetDrift ?? false }
}
