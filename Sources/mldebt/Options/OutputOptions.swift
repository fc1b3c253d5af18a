import ArgumentParser

/// The output formats every command supports.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, markdown
}

/// The `--format` option.
struct OutputOptions: ParsableArguments {
  @Option(name: .long, help: "Output format: table, json or markdown.")
  var format: OutputFormat = .table
}
