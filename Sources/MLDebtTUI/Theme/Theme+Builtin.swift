extension Theme {
  /// The text of the default dark theme, kept identical to `themes/dark.theme` (a test checks),
  /// so the app has a theme even when no theme directory is found.
  static let darkSource = """
    # mldebt theme: dark (the default; also built into the binary)
    # ROLE = FOREGROUND [on BACKGROUND] [bold dim underline reverse italic]
    # Colours: default, a name (red, bright-blue), an xterm index 0-255, or #rrggbb.
    background    = default on default
    text          = 252
    muted         = 245
    accent        = 75 bold
    title         = 110 bold
    border        = 240
    selection     = default on 237
    match         = 214 bold underline
    ok            = 114
    warn          = 221
    bad           = 203 bold
    info          = 117
    status-bar    = 252 on 236
    status-accent = 75 on 236 bold
    tab-active    = 234 on 75 bold
    tab-inactive  = 250 on 236
    series-1      = 75
    series-2      = 214
    series-3      = 176
    series-4      = 114
    """

  /// The text of the mono theme, used when colours are off (`NO_COLOR`, or none in the terminal).
  static let monoSource = """
    # mldebt theme: mono, attributes only; used automatically when NO_COLOR is set or the
    # terminal has no colours
    background    = default on default
    text          = default
    muted         = default dim
    accent        = default bold
    title         = default bold
    border        = default dim
    selection     = default reverse
    match         = default bold underline
    ok            = default
    warn          = default bold
    bad           = default bold underline
    info          = default
    status-bar    = default reverse
    status-accent = default reverse bold
    tab-active    = default bold underline
    tab-inactive  = default reverse
    series-1      = default
    series-2      = default bold
    series-3      = default dim
    series-4      = default underline
    """

  /// The built-in default dark theme.
  public static let dark: Theme = {
    (try? Theme.parse(darkSource, name: "dark", file: "<built-in dark>", base: nil))
      ?? Theme(name: "dark", roles: [:])
  }()

  /// The built-in mono theme (attributes only).
  public static let mono: Theme = {
    (try? Theme.parse(monoSource, name: "mono", file: "<built-in mono>", base: nil))
      ?? Theme(name: "mono", roles: [:])
  }()
}
