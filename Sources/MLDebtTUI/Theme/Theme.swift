/// How one role looks: foreground, background and attributes (each optional).
public struct RoleStyle: Sendable, Hashable {
  /// The text colour, or `nil` to inherit.
  public var foreground: ThemeColor?
  /// The background colour, or `nil` to inherit.
  public var background: ThemeColor?
  /// Attributes added to the text.
  public var attributes: TextAttributes

  /// Creates a role style.
  public init(
    foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}

/// A theme: named roles mapped to colours and attributes. Theme files are data (see
/// docs/themes.md); the default dark theme is also built in, so the app always has one.
public struct Theme: Sendable, Hashable {
  /// The theme's name (its file name without `.theme`).
  public var name: String
  /// The style of each role; roles a file leaves out come from the built-in dark theme.
  public var roles: [ThemeRole: RoleStyle]

  /// Creates a theme.
  public init(name: String, roles: [ThemeRole: RoleStyle]) {
    self.name = name
    self.roles = roles
  }

  /// A role's style (empty when the theme does not set it).
  public subscript(role: ThemeRole) -> RoleStyle { roles[role] ?? RoleStyle() }

  /// The colours and attributes a cell's style resolves to.
  public func resolve(_ style: Style) -> (
    foreground: ThemeColor, background: ThemeColor, attributes: TextAttributes
  ) {
    let fg = self[style.foreground]
    let bgRole = style.background.map { self[$0] }
    let foreground = fg.foreground ?? self[.text].foreground ?? .terminalDefault
    let background =
      bgRole?.background ?? fg.background ?? self[.background].background ?? .terminalDefault
    let attributes = style.attributes.union(fg.attributes).union(bgRole?.attributes ?? [])
    return (foreground, background, attributes)
  }
}
