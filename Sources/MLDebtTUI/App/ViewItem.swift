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
  /// A checklist area, by index in ``ChecklistArea/all``.
  case area(Int)
  /// An attestation, by index in `project.attestations`.
  case attestation(Int)
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
