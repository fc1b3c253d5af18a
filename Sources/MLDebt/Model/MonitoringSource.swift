/// How a monitoring column should be compared, when it should not be inferred.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
  /// Compared as numbers.
  case numeric
  /// Compared as categories.
  case categorical
}

/// Where production data for drift lives and how to cut it into windows.
///
/// Either `current` names one file with a timestamp column that is cut into windows of
/// `window`, or `windows` names one file per window; `histograms` names pre-aggregated
/// per-window histograms computed elsewhere (Spark, SQL).
public struct MonitoringSource: Sendable, Hashable, Codable {
  /// A name for this source (defaults to `default`).
  public var name: String
  /// The model it monitors, if declared.
  public var model: NodeID?
  /// The reference sample (usually training or validation data), relative to the project root.
  public var reference: String?
  /// Production data in one file, cut into windows by `timestampColumn`.
  public var current: String?
  /// Production data already split into one file per window.
  public var windows: [String]
  /// Pre-aggregated per-window histograms.
  public var histograms: String?
  /// The timestamp column, used to cut `current` into windows.
  public var timestampColumn: String?
  /// The window length: `1d`, `1w`, `30d`, …
  public var window: String?
  /// The column holding the model's prediction (score or class).
  public var predictionColumn: String?
  /// The column holding the observed label.
  public var labelColumn: String?
  /// Columns to compare (all others are ignored); empty means every column.
  public var columns: [String]
  /// Column types set by hand, overriding inference.
  public var columnTypes: [String: ColumnType]
  /// The sources that declared it.
  public var provenance: [Provenance]

  /// Creates a monitoring source.
  public init(
    name: String = "default", model: NodeID? = nil, reference: String? = nil,
    current: String? = nil, windows: [String] = [], histograms: String? = nil,
    timestampColumn: String? = nil, window: String? = nil, predictionColumn: String? = nil,
    labelColumn: String? = nil, columns: [String] = [], columnTypes: [String: ColumnType] = [:],
    provenance: [Provenance] = []
  ) {
    self.name = name
    self.model = model
    self.reference = reference
    self.current = current
    self.windows = windows
    self.histograms = histograms
    self.timestampColumn = timestampColumn
    self.window = window
    self.predictionColumn = predictionColumn
    self.labelColumn = labelColumn
    self.columns = columns
    self.columnTypes = columnTypes
    self.provenance = provenance
  }
}
