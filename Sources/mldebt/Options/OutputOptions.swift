import ArgumentParser
import MLDebtTUI

/// The output formats every command supports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, markdown
}

/// The `--format` option.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .customLong("format"),
    help: ArgumentHelp(
      "Output format: table, json or markdown (default: the configured format, else table).",
      valueName: "format"))
  var formatFlag: OutputFormat?

  /// The format: the flag, else `MLDEBT_FORMAT`, the project's or the user's `format` setting,
  /// else `table` (docs/config.md).
  var format: OutputFormat {
    if let formatFlag { return formatFlag }
    return OutputFormat(rawValue: CommandSettings.current().format.value) ?? .table
  }
}
