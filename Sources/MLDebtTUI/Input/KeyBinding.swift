/// One row of the key map: keys, the action they run, what it does, and when it is disabled.
///
/// The same table drives dispatch, the `?` help, the status-bar hints and the user's overrides.
public struct KeyBinding: Sendable {
  /// The keys that run the action (the first is shown in hints).
  public var keys: [Key]
  /// The action.
  public var action: Action
  /// What it does, for help.
  public var description: String
  /// The help section it belongs to.
  public var group: String
  /// A short label for the status bar, when the action is worth a hint.
  public var hint: String?
  /// Why the action cannot run in a state, or `nil` when it can.
  public var disabledReason: @Sendable (AppState) -> String?
  /// The views where the binding applies, or `nil` for every view. A view's own binding of a
  /// key wins over a global one, so `c` can mean "cycles" in Lineage and "chart" in Runs.
  public var views: Set<ViewID>?

  /// Creates a binding.
  public init(
    _ keys: [Key], _ action: Action, _ description: String, group: String, hint: String? = nil,
    views: Set<ViewID>? = nil,
    disabledReason: @escaping @Sendable (AppState) -> String? = { _ in nil }
  ) {
    self.keys = keys
    self.action = action
    self.description = description
    self.group = group
    self.hint = hint
    self.views = views
    self.disabledReason = disabledReason
  }

  /// Whether the binding applies in `view`.
  public func applies(in view: ViewID) -> Bool { views?.contains(view) ?? true }
}
