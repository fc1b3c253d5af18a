import MLDebt

/// The Runs view's own state: the expression filter, the chosen columns, marked runs, and the
/// prompt or overlay it shows (the filter prompt, the column picker, a diff, a chart).
public struct RunsViewState: Sendable {
  /// A line the view is reading from the keyboard.
  public enum Prompt: Sendable {
    /// The filter expression (docs/runs.md).
    case filter(TextInput)
    /// The column picker, at a row of ``RunsViewState/pickable(_:)``.
    case columns(selected: Int)
  }

  /// A window over the table.
  public enum Overlay: Sendable {
    /// The marked runs side by side.
    case diff(RunDiff, hidingEqual: Bool, scroll: Int)
    /// One metric's history across the marked runs; `metric` indexes their metric keys.
    case chart(metric: Int)
  }

  /// The filter as typed (empty: every live run).
  public var filterText = ""
  /// The compiled filter.
  public var filter = RunFilter.everything
  /// Why the last typed filter was refused, shown with a caret until it is fixed.
  public var filterError: RunFilterError?
  /// The metric, param and tag columns shown after the fixed ones; `nil` until the user picks
  /// (then the most common metrics and params are shown).
  public var columns: [RunColumn]?
  /// Marked run ids, in the order they were marked.
  public var marked: [String] = []
  /// The prompt shown, if any.
  public var prompt: Prompt?
  /// The overlay shown, if any.
  public var overlay: Overlay?
  /// Every live run's reproducibility audit, by run id (computed once per project).
  public var audits: [String: RunAudit] = [:]

  /// Creates the initial state.
  public init() {}

  /// The extra columns: the chosen ones, or the three most common metrics and two params.
  public func extraColumns(_ index: ProjectIndex) -> [RunColumn] {
    columns ?? (index.metricKeys.map(RunColumn.metric) + index.paramKeys.map(RunColumn.param))
  }

  /// Audits every run of a project (deleted ones too, so a badge is never missing).
  public static func audit(_ project: Project) -> [String: RunAudit] {
    let auditor = RunAuditor(project)
    return Dictionary(project.runs.map { ($0.id, auditor.audit($0)) }) { first, _ in first }
  }

  /// The columns the picker offers: every metric, param and tag key of the project's runs.
  public static func pickable(_ project: Project) -> [RunColumn] {
    RunIndex.metricKeys(project.runs).map(RunColumn.metric)
      + RunIndex.paramKeys(project.runs).map(RunColumn.param)
      + RunIndex.tagKeys(project.runs).map(RunColumn.tag)
  }
}
