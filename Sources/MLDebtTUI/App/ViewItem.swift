import MLDebt

/// What a list row stands for, so views can draw its details.
public enum ItemRef: Sendable, Hashable {
  /// A lineage node.
  case node(NodeID)
  /// A run, by index in `project.runs`.
  case run(Int)
  /// A diagnostic, by index in `project.diagnostics`.
  case diagnostic(Int)
  /// A source summary, by index in `project.sources`.
  case source(Int)
  /// A monitoring source, by index in `project.monitoring`.
  case monitoring(Int)
  /// A debt area, by index in `DebtArea.allCases`.
  case area(Int)
  /// An item of the Checklist view's open area: a rule id or a practice item id.
  case checkItem(String)
  /// A finding of the Checklist view's open item, by index in its findings.
  case checkFinding(Int)
  /// One piece of evidence of a finding of the open item: indices in its findings and in that
  /// finding's evidence.
  case checkEvidence(finding: Int, item: Int)
  /// A finding of the checklist, by index in `analysis.checklist.findings`.
  case finding(Int)
  /// A drifted feature in the latest window of a monitoring source (index in
  /// `analysis.drift`).
  case driftAlert(source: Int, feature: String)
  /// A monitored column of the Drift view's source, by name.
  case driftColumn(String)
}

/// One row of a view's focused list: an id to copy, the text to filter on, and what it is.
public struct ViewItem: Sendable, Hashable {
  /// A key unique in its view, kept in the navigation history (`feature:age`, a run id).
  public var id: String
  /// The text the filter matches against (sanitized, so match positions are display positions).
  public var label: String
  /// What the row stands for.
  public var ref: ItemRef
  /// What `y` copies (the id unless set).
  public var copyText: String

  /// Creates an item; `label` is sanitized.
  public init(id: String, label: String, ref: ItemRef, copyText: String? = nil) {
    self.id = id
    self.label = ScreenText.sanitize(label)
    self.ref = ref
    self.copyText = copyText ?? id
  }
}
