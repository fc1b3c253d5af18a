/// The analysis core of mldebt.
///
/// It reads an ML system's metadata (the `mldebt.yaml` manifest, DVC, MLflow, OpenLineage, Feast,
/// monitoring data) into one ``Project`` value, and computes everything the TUI, the CLI and
/// scripts show. It contains no terminal code. docs/architecture.md maps its folders.
public enum MLDebtVersion {
  /// The version of this build.
  public static let version = "0.1.0"
}
