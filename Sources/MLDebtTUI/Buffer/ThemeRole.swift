/// A named role that text plays on screen; a ``Theme`` maps each role to colours and attributes.
///
/// Views never name colours: they say what text *is* (muted, a warning, a chart series) and the
/// theme decides how it looks. The raw value is the role's name in theme files.
public enum ThemeRole: String, Sendable, Hashable, CaseIterable {
  /// The screen's background (its background colour fills empty cells).
  case background
  /// Ordinary text.
  case text
  /// Secondary text: labels, hints, empty-state notes.
  case muted
  /// Emphasised text: headings, keys in hints, the active element.
  case accent
  /// Panel and view titles.
  case title
  /// Borders and separators.
  case border
  /// The selected row (its background colour is laid under the row's text).
  case selection
  /// Characters matched by a filter.
  case match
  /// Healthy or passing.
  case ok
  /// A warning.
  case warn
  /// An error or failure.
  case bad
  /// Informational.
  case info
  /// The status bar.
  case statusBar = "status-bar"
  /// Emphasis inside the status bar.
  case statusAccent = "status-accent"
  /// The active tab in the view bar.
  case tabActive = "tab-active"
  /// The inactive tabs in the view bar.
  case tabInactive = "tab-inactive"
  /// The first chart series.
  case series1 = "series-1"
  /// The second chart series.
  case series2 = "series-2"
  /// The third chart series.
  case series3 = "series-3"
  /// The fourth chart series.
  case series4 = "series-4"
}

/// How one cell looks: a foreground role, an optional background role and attributes.
///
/// The cell's colours are resolved by the theme at draw time: the foreground colour comes from
/// `foreground`; the background colour from `background` when set, otherwise from `foreground`'s
/// own background, otherwise from ``ThemeRole/background``.
public struct Style: Sendable, Hashable {
  /// The role whose foreground colour (and attributes) the text takes.
  public var foreground: ThemeRole
  /// A role whose background colour (and attributes) the cell takes, if any.
  public var background: ThemeRole?
  /// Extra attributes.
  public var attributes: TextAttributes

  /// Creates a style.
  public init(
    _ foreground: ThemeRole = .text, background: ThemeRole? = nil, _ attributes: TextAttributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// Ordinary text.
  public static let plain = Style()

  /// This style laid on a background role (for selected rows, bars).
  public func on(_ role: ThemeRole?) -> Style {
    Style(foreground, background: role ?? background, attributes)
  }

  /// This style with more attributes.
  public func with(_ extra: TextAttributes) -> Style {
    Style(foreground, background: background, attributes.union(extra))
  }
}
