/// The built-in detectors, by area. docs/scoring.md lists every rule.
public enum DetectorCatalog {
  /// Every built-in detector.
  public static var all: [any Detector] {
    dataDependencies + featureAudits + feedbackLoops + glueCode + configuration + reproducibility
      + modelDrift + undeclaredConsumers + externalChanges + lineage + drift + staleExperiments
  }
}
