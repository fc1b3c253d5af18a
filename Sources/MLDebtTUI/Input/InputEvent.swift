/// Something the user did: a key, a click, a wheel turn, or a resize.
public enum InputEvent: Sendable, Hashable {
  /// A key press.
  case key(Key)
  /// A left click, on what the last frame drew there (`nil` when nothing reacts to it).
  case click(HitTarget?)
  /// The wheel turned: negative is up, positive down.
  case scroll(lines: Int)
  /// The terminal's size changed.
  case resize(Size)
}
