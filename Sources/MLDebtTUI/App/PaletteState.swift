/// The command palette: the line typed after `:` and the highlighted completion.
public struct PaletteState: Sendable, Hashable {
  /// The command line.
  public var input = TextInput()
  /// The highlighted completion.
  public var selected = 0

  /// Creates an empty palette.
  public init() {}
}
