/// A rule the checklist ran: a built-in detector or a team's Lua check, whether it found anything
/// or not. Views list them so that a clean rule shows as passed, not as missing.
public struct ChecklistRule: Sendable, Hashable, Codable {
  /// The rule id, such as `features.undocumented` or `team.dataset-pin`.
  public var rule: String
  /// The area its findings count in.
  public var area: DebtArea
  /// One line: what it looks for.
  public var summary: String
  /// Where a team check is declared (`.mldebt/checks/x.lua:4`); `nil` for built-in rules.
  public var definedAt: SourceLocation?

  /// Creates a rule description.
  public init(rule: String, area: DebtArea, summary: String, definedAt: SourceLocation? = nil) {
    self.rule = rule
    self.area = area
    self.summary = summary
    self.definedAt = definedAt
  }

  /// Creates the description of a detector.
  public init(_ detector: any Detector) {
    self.init(
      rule: detector.rule, area: detector.area, summary: detector.summary,
      definedAt: detector.definedAt)
  }

  /// Whether it is a team's check (declared in a file of the project) rather than built in.
  public var isTeamCheck: Bool { definedAt != nil }
}
