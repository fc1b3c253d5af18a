import Foundation
import Yams

/// Names and conversions shared by the MLflow readers (file store, SQLite, tracking server).
public enum MLflowFormat {
  /// The system tag with the run's name.
  public static let runNameTag = "mlflow.runName"
  /// The system tag with the parent run's id, for nested runs.
  public static let parentRunTag = "mlflow.parentRunId"
  /// The system tag with the user who started the run.
  public static let userTag = "mlflow.user"
  /// The input tag that says how a dataset was used (`training`, `evaluation`, …).
  public static let datasetContextTag = "mlflow.data.context"
  /// The model-version stage MLflow gives a version it deleted but still keeps.
  public static let deletedStage = "Deleted_Internal"

  /// A run status from MLflow's integer enum (the file store writes `status: 3`; see
  /// `RunStatus` in `mlflow/protos/service.proto`: 1 RUNNING, 2 SCHEDULED, 3 FINISHED,
  /// 4 FAILED, 5 KILLED) or from its name (the SQL store and the REST API).
  public static func status(_ text: String) -> Run.Status? {
    switch text.trimmingCharacters(in: .whitespaces).uppercased() {
    case "1", "RUNNING": .running
    case "2", "SCHEDULED": .scheduled
    case "3", "FINISHED": .finished
    case "4", "FAILED": .failed
    case "5", "KILLED": .killed
    default: nil
    }
  }

  /// The accepted run statuses, for messages.
  public static let statusNames =
    "RUNNING, SCHEDULED, FINISHED, FAILED or KILLED (1 to 5 in meta.yaml)"

  /// A model-version stage as shown: `nil` for MLflow's `None`.
  public static func stage(_ text: String?) -> String? {
    guard let text, !text.isEmpty, text.lowercased() != "none" else { return nil }
    return text
  }

  /// A dataset source as one string: the `uri`, `path`, `url` or table name of MLflow's JSON
  /// dataset source (`{"uri": "data/train.csv"}`), or the text itself when it is not JSON.
  public static func datasetSource(_ raw: String?) -> String? {
    guard let raw, !raw.isEmpty else { return nil }
    guard raw.hasPrefix("{"),
      let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any]
    else { return raw }
    for key in ["uri", "path", "url", "table_name", "delta_table_name", "source"] {
      if let value = object[key] as? String, !value.isEmpty { return value }
    }
    return raw
  }

  /// Fills the fields that MLflow also records as system tags, when the run's own fields are
  /// empty: the name, the user and the parent run.
  static func applySystemTags(_ run: inout Run) {
    if run.name?.isEmpty ?? true { run.name = run.tags[runNameTag] }
    if run.name?.isEmpty ?? false { run.name = nil }
    if run.user?.isEmpty ?? true { run.user = run.tags[userTag] }
    if run.user?.isEmpty ?? false { run.user = nil }
    if let parent = run.tags[parentRunTag], !parent.isEmpty { run.parentRunID = parent }
  }

  /// The counts a contribution reports for `mldebt sources`.
  static func counts(
    experiments: [Experiment], runs: [Run], registeredModels: [RegisteredModel]
  ) -> [String: Int] {
    [
      "experiments": experiments.count,
      "runs": runs.count,
      "deleted_runs": runs.filter(\.deleted).count,
      "registered_models": registeredModels.count,
      "model_versions": registeredModels.reduce(0) { $0 + $1.versions.count },
    ]
  }
}

/// A small YAML file of the file store (`meta.yaml`), read into its top-level mapping.
enum MLflowMetaFile {
  /// What reading gave.
  enum Outcome {
    /// The top-level entries.
    case entries([(key: String, value: YAMLCursor)])
    /// The file does not exist.
    case missing
    /// The file is empty (MLflow itself retries such a read: a write may be under way).
    case empty
    /// The file could not be read or parsed; the diagnostics say why.
    case failed
  }

  /// Reads and parses a `meta.yaml`. A top level that is not a mapping gives a warning that
  /// names `what` and says it is skipped.
  static func read(
    _ absolute: String, limit: Int, sink: inout DiagnosticSink, what: String
  ) -> Outcome {
    let text: String
    switch MLflowDirectory.readText(absolute, limit: limit) {
    case .failure(.missing): return .missing
    case .failure(let error):
      sink.append(error.diagnostic(source: sink.source, file: sink.file))
      return .failed
    case .success(let read): text = read
    }
    if text.allSatisfy(\.isWhitespace) { return .empty }
    guard let root = YAMLParsing.parse(text, sink: &sink) else { return .failed }
    let cursor = YAMLCursor(root: root)
    guard case .mapping = root else {
      sink.report(
        .warning, line: cursor.line ?? 1, column: cursor.column ?? 1,
        "the top level is \(cursor.shapeName), not a mapping; \(what) is skipped",
        expected: "a mapping of `key: value` lines, as MLflow writes",
        hint: "restore the file from MLflow, or remove the folder if it is not needed")
      return .failed
    }
    return .entries(cursor.mapping(&sink) ?? [])
  }

  /// A scalar's text; `nil` for YAML null. A list or mapping gives an error diagnostic.
  static func text(_ cursor: YAMLCursor, _ sink: inout DiagnosticSink) -> String? {
    if cursor.isNull { return nil }
    return cursor.string(&sink)
  }

  /// A scalar as a whole number; `nil` for YAML null. Anything else gives a warning.
  static func integer(_ cursor: YAMLCursor, _ sink: inout DiagnosticSink) -> Int64? {
    if cursor.isNull { return nil }
    if case .scalar(let scalar) = cursor.node, let value = Int64(scalar.string) { return value }
    if case .scalar(let scalar) = cursor.node, let value = Double(scalar.string),
      value == value.rounded(), abs(value) < 9e18
    {
      return Int64(value)
    }
    cursor.report(
      .warning, "found \(cursor.shapeName) where a whole number belongs; it is ignored",
      expected: "milliseconds since the epoch", into: &sink)
    return nil
  }
}
