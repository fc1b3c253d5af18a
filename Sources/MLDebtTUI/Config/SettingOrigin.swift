/// Where an effective setting came from. Layers win in this order: a command-line flag, the
/// environment, the project's `.mldebt/` files, the user's config directory, the built-in
/// default (docs/config.md).
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
  /// A command-line flag, such as `--theme`.
  case flag(String)
  /// An environment variable, such as `MLDEBT_THEME`.
  case environment(String)
  /// A line of a file in the project's `.mldebt/` folder.
  case project(file: String, line: Int)
  /// A line of a file in the user's config directory.
  case user(file: String, line: Int)
  /// The built-in default, with why when it depends on something (`UTF-8 locale`).
  case builtIn(String?)

  /// `flag --theme`, `environment MLDEBT_THEME`, `project FILE:LINE`, `user FILE:LINE`,
  /// `default`.
  public var description: String {
    switch self {
    case .flag(let name): "flag \(name)"
    case .environment(let name): "environment \(name)"
    case .project(let file, let line): "project \(file):\(line)"
    case .user(let file, let line): "user \(file):\(line)"
    case .builtIn(let reason): reason.map { "default (\($0))" } ?? "default"
    }
  }

  /// The layer's name: `flag`, `environment`, `project`, `user` or `default`.
  public var layer: String {
    switch self {
    case .flag: "flag"
    case .environment: "environment"
    case .project: "project"
    case .user: "user"
    case .builtIn: "default"
    }
  }
}

/// A setting's effective value and where it came from.
public struct Setting<Value: Sendable & Equatable>: Sendable, Equatable {
  /// The value in effect.
  public var value: Value
  /// Where it came from.
  public var origin: SettingOrigin

  /// Creates a setting.
  public init(_ value: Value, from origin: SettingOrigin) {
    self.value = value
    self.origin = origin
  }
}
