/// The limits a team sets for its findings and gates, with documented defaults.
public struct Thresholds: Sendable, Hashable, Codable {
  /// The share of drifted features (0…1) above which a drift check fails.
  public var driftShare: Double
  /// The Population Stability Index above which a feature counts as drifted.
  public var psi: Double
  /// The p-value below which a statistical test counts a feature as drifted.
  public var pValue: Double
  /// The normed Wasserstein distance above which a feature counts as drifted.
  public var wasserstein: Double
  /// The Jensen–Shannon distance above which a feature counts as drifted.
  public var jensenShannon: Double
  /// |Pearson r| above which two features count as highly correlated.
  public var correlation: Double
  /// Days after which an experimental feature is overdue for a decision.
  public var experimentalDays: Int
  /// Days after which an experiment with no new run counts as stale.
  public var staleExperimentDays: Int
  /// Days after which an attestation must be renewed.
  public var attestationDays: Int
  /// Per-feature overrides of the drift thresholds, by feature name.
  public var perFeature: [String: FeatureThresholds]

  /// Drift thresholds for one feature; `nil` fields fall back to the project-wide ones.
  public struct FeatureThresholds: Sendable, Hashable, Codable {
    /// PSI threshold.
    public var psi: Double?
    /// p-value threshold.
    public var pValue: Double?
    /// Normed Wasserstein threshold.
    public var wasserstein: Double?
    /// Jensen–Shannon threshold.
    public var jensenShannon: Double?

    /// Creates per-feature thresholds.
    public init(
      psi: Double? = nil, pValue: Double? = nil, wasserstein: Double? = nil,
      jensenShannon: Double? = nil
    ) {
      self.psi = psi
      self.pValue = pValue
      self.wasserstein = wasserstein
      self.jensenShannon = jensenShannon
    }
  }

  /// The defaults documented in docs/manifest.md.
  public static let defaults = Thresholds(
    driftShare: 0.5, psi: 0.2, pValue: 0.05, wasserstein: 0.1, jensenShannon: 0.1,
    correlation: 0.95, experimentalDays: 90, staleExperimentDays: 180, attestationDays: 180,
    perFeature: [:])

  /// Creates thresholds.
  public init(
    driftShare: Double, psi: Double, pValue: Double, wasserstein: Double, jensenShannon: Double,
    correlation: Double, experimentalDays: Int, staleExperimentDays: Int, attestationDays: Int,
    perFeature: [String: FeatureThresholds]
  ) {
    self.driftShare = driftShare
    self.psi = psi
    self.pValue = pValue
    self.wasserstein = wasserstein
    self.jensenShannon = jensenShannon
    self.correlation = correlation
    self.experimentalDays = experimentalDays
    self.staleExperimentDays = staleExperimentDays
    self.attestationDays = attestationDays
    self.perFeature = perFeature
  }
}
