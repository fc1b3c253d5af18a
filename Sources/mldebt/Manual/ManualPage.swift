/// Renders the command tree (from `--experimental-dump-help`) as one man(7) page, so the manual
/// is generated from the same definitions as `--help` and cannot drift from them.
enum ManualPage {
  /// The page for the root command: name, synopsis, description, options, then every shown
  /// subcommand with its own synopsis, description and options.
  static func render(_ dump: HelpDump, version: String) -> String {
    let root = dump.command
    var lines: [String] = []
    lines.append(
      ".TH \(quoted(root.commandName.uppercased())) 1 \"\" \(quoted(version)) "
        + "\"User Commands\"")
    lines.append(".SH NAME")
    lines.append(escape("\(root.commandName) - \(root.abstract ?? "")"))
    lines.append(".SH SYNOPSIS")
    lines += synopsis(root)
    for command in root.subcommands ?? [] where command.isShown {
      lines += synopsis(command)
    }
    if let discussion = root.discussion, !discussion.isEmpty {
      lines.append(".SH DESCRIPTION")
      lines += paragraphs(discussion)
    }
    let options = (root.arguments ?? []).filter(\.isShown)
    if !options.isEmpty {
      lines.append(".SH OPTIONS")
      lines += options.flatMap(entry)
    }
    lines.append(".SH COMMANDS")
    for command in root.subcommands ?? [] where command.isShown {
      lines += section(command)
    }
    lines.append(".SH SEE ALSO")
    lines.append(
      escape("The documentation in the docs/ folder of the source: cli.md, tui.md, config.md."))
    return lines.joined(separator: "\n") + "\n"
  }

  /// A subcommand's section, and its subcommands' after it.
  static func section(_ command: HelpDump.Command) -> [String] {
    var lines = [".SS \(quoted(command.fullName))"]
    if let abstract = command.abstract { lines.append(escape(abstract)) }
    if command.subcommands?.isEmpty ?? true {
      lines.append(".PP")
      lines += synopsis(command)
    }
    if let discussion = command.discussion, !discussion.isEmpty {
      lines.append(".PP")
      lines += paragraphs(discussion)
    }
    lines += (command.arguments ?? []).filter(\.isShown).flatMap(entry)
    for subcommand in command.subcommands ?? [] where subcommand.isShown {
      lines += section(subcommand)
    }
    return lines
  }

  /// A command's usage line: its name in bold, then its arguments.
  static func synopsis(_ command: HelpDump.Command) -> [String] {
    var parts: [String] = []
    for argument in command.arguments ?? [] where argument.isShown {
      var text: String
      if argument.kind == "positional" {
        text = "\\fI\(escape(argument.valueName ?? "value"))\\fR"
      } else {
        text = "\\fB\(escape(argument.names?.first?.spelled ?? ""))\\fR"
        if argument.kind == "option" {
          text += " \\fI\(escape(argument.valueName ?? "value"))\\fR"
        }
      }
      if argument.isRepeating ?? false { text += " ..." }
      parts.append((argument.isOptional ?? false) ? "[\(text)]" : text)
    }
    if !(command.subcommands?.isEmpty ?? true) { parts.append("[\\fIsubcommand\\fR]") }
    return [".B \(escape(command.fullName))"]
      + (parts.isEmpty ? [] : [parts.joined(separator: " ")])
      + [".br"]
  }

  /// A tagged paragraph for one argument: its names and value, then its help.
  static func entry(_ argument: HelpDump.Argument) -> [String] {
    var tag: String
    if argument.kind == "positional" {
      tag = "\\fI\(escape(argument.valueName ?? "value"))\\fR"
    } else {
      tag = (argument.names ?? []).map { "\\fB\(escape($0.spelled))\\fR" }.joined(
        separator: ", ")
      if argument.kind == "option" { tag += " \\fI\(escape(argument.valueName ?? "value"))\\fR" }
    }
    var help = argument.abstract ?? ""
    if let value = argument.defaultValue, !value.isEmpty, argument.kind != "flag" {
      help += " (default: \(value))"
    }
    var lines = [".TP", tag, escape(help)]
    if let discussion = argument.discussion, !discussion.isEmpty {
      lines += paragraphs(discussion)
    }
    return lines
  }

  /// Text split into paragraphs at blank lines; runs of indented lines are kept as they are
  /// (examples), other lines are filled by the formatter.
  static func paragraphs(_ text: String) -> [String] {
    var lines: [String] = []
    var literal = false
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.trimmingSpaces.isEmpty {
        if literal {
          lines.append(".fi")
          literal = false
        }
        lines.append(".PP")
        continue
      }
      let indented = line.hasPrefix("  ")
      if indented && !literal {
        lines.append(".nf")
        literal = true
      } else if !indented && literal {
        lines.append(".fi")
        literal = false
      }
      lines.append(escape(indented ? line : line.trimmingSpaces))
    }
    if literal { lines.append(".fi") }
    return lines
  }

  /// Text made safe for a man page line: backslashes and hyphens escaped, and a leading dot or
  /// quote neutralised so it is not read as a request.
  static func escape(_ text: String) -> String {
    var out = text.replacingOccurrences(of: "\\", with: "\\e")
      .replacingOccurrences(of: "-", with: "\\-")
    out = String(out.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
    if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
    return out
  }

  /// A macro argument in double quotes.
  static func quoted(_ text: String) -> String {
    "\"" + escape(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
  }
}

extension String {
  /// The text without leading and trailing spaces.
  fileprivate var trimmingSpaces: String {
    var text = Substring(self)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
