import Foundation

/// The part of swift-argument-parser's `--experimental-dump-help` JSON (its `ToolInfoV0`
/// format) that the man page is written from.
struct HelpDump: Decodable {
  /// The root command.
  var command: Command

  /// A command and its subcommands.
  struct Command: Decodable {
    /// The command names above this one, outermost first.
    var superCommands: [String]?
    /// Whether help lists it (hidden commands do not appear in the manual).
    var shouldDisplay: Bool?
    /// Its name.
    var commandName: String
    /// One line on what it does.
    var abstract: String?
    /// Longer text.
    var discussion: String?
    /// The subcommand that runs when none is named.
    var defaultSubcommand: String?
    /// Its subcommands.
    var subcommands: [Command]?
    /// Its arguments, options and flags.
    var arguments: [Argument]?

    /// The full invocation, such as `mldebt sources`.
    var fullName: String { ((superCommands ?? []) + [commandName]).joined(separator: " ") }

    /// Whether it is shown.
    var isShown: Bool { shouldDisplay ?? true }
  }

  /// An argument, option or flag.
  struct Argument: Decodable {
    /// A name such as `--format` or `-q`.
    struct Name: Decodable {
      /// `long`, `short` or `longWithSingleDash`.
      var kind: String
      /// The name without dashes.
      var name: String

      /// The name with its dashes.
      var spelled: String { kind == "long" ? "--" + name : "-" + name }
    }

    /// `positional`, `option` or `flag`.
    var kind: String
    /// Whether help lists it.
    var shouldDisplay: Bool?
    /// Whether it may be left out.
    var isOptional: Bool?
    /// Whether it may be repeated.
    var isRepeating: Bool?
    /// Its names (options and flags).
    var names: [Name]?
    /// The placeholder for its value.
    var valueName: String?
    /// Its default value.
    var defaultValue: String?
    /// Its help text.
    var abstract: String?
    /// More help text.
    var discussion: String?

    /// Whether it is shown.
    var isShown: Bool { shouldDisplay ?? true }
  }
}
