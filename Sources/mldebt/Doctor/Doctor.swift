import MLDebt
import MLDebtScript
import MLDebtTUI

/// The checks of `mldebt doctor`: the terminal, the libraries and every source of a project.
/// Each is a pure function of what was probed, so tests can feed it any set-up.
enum Doctor {
  /// The terminal checks: TERM and its terminfo entry, colors, UTF-8, mouse, size.
  static func terminal(_ probe: TerminalProbe, noColor: Bool) -> [DoctorCheck] {
    var checks: [DoctorCheck] = []
    func add(_ name: String, _ status: DoctorCheck.Status, _ detail: String, fix: String? = nil) {
      checks.append(
        DoctorCheck(area: "terminal", name: name, status: status, detail: detail, fix: fix))
    }
    switch probe.term {
    case nil, "dumb":
      add(
        "TERM", .broken, probe.term == nil ? "TERM is not set" : "TERM is dumb",
        fix: "run mldebt in a terminal emulator, or set TERM to its type "
          + "(export TERM=xterm-256color); the CLI commands work without one")
    case .some(let term) where !probe.known:
      add(
        "TERM", .broken, "terminfo has no entry for TERM=\(term)",
        fix: "install the terminfo entry (apt install ncurses-term, or copy it from the machine "
          + "you connect from with infocmp), or set TERM=xterm-256color")
    case .some(let term):
      add("TERM", .ok, "TERM=\(term), terminfo entry found")
    }
    if probe.known {
      if noColor {
        add("colors", .ok, "NO_COLOR is set: themes show attributes only")
      } else if probe.colors >= 256 {
        add("colors", .ok, "\(probe.colors) colors")
      } else if probe.colors >= 8 {
        add(
          "colors", .warning, "\(probe.colors) colors: themes are mapped to the nearest",
          fix: "if the terminal has 256 colors, say so: export TERM=xterm-256color")
      } else {
        add(
          "colors", .warning, "no colors: themes show attributes only",
          fix: "use a terminal with colors, and a TERM that says so (xterm-256color)")
      }
      if probe.mouse {
        add("mouse", .ok, "the terminal reports mouse events")
      } else {
        add(
          "mouse", .warning, "terminfo describes no mouse reporting (kmous)",
          fix: "use an xterm-compatible terminal for clicks and the wheel; every action has a key")
      }
    }
    if probe.utf8 {
      add("UTF-8", .ok, "the locale is UTF-8")
    } else {
      add(
        "UTF-8", .warning, "the locale is not UTF-8: borders and charts are drawn in ASCII",
        fix: "set a UTF-8 locale, e.g. export LANG=C.UTF-8")
    }
    let minimum = TerminalProbe.minimumSize
    if let size = probe.size {
      let how = probe.sizeFromTerminal ? "" : " (from COLUMNS and LINES)"
      if size.width >= minimum.width && size.height >= minimum.height {
        add("size", .ok, "\(size.width)×\(size.height)\(how)")
      } else {
        add(
          "size", .warning,
          "\(size.width)×\(size.height)\(how) is below \(minimum.width)×"
            + "\(minimum.height): views give way to a message",
          fix: "enlarge the window to at least \(minimum.width)×\(minimum.height)")
      }
    } else {
      add("size", .ok, "unknown: standard output is not a terminal and COLUMNS/LINES are not set")
    }
    return checks
  }

  /// The library checks: ncurses (6 or later) and Lua (5.4).
  static func libraries(ncurses: String, lua: String, curlProblem: String?) -> [DoctorCheck] {
    var checks: [DoctorCheck] = []
    let ncursesMajor = ncurses.split(separator: " ").last.flatMap {
      Int($0.split(separator: ".").first ?? "")
    }
    if let ncursesMajor, ncursesMajor >= 6 {
      checks.append(DoctorCheck(area: "libraries", name: "ncurses", status: .ok, detail: ncurses))
    } else {
      checks.append(
        DoctorCheck(
          area: "libraries", name: "ncurses", status: .warning,
          detail: "\(ncurses): mldebt is built and tested with ncurses 6",
          fix: "install libncursesw6 (apt install libncursesw6) and rebuild"))
    }
    if lua.contains("5.4") {
      checks.append(DoctorCheck(area: "libraries", name: "Lua", status: .ok, detail: lua))
    } else {
      checks.append(
        DoctorCheck(
          area: "libraries", name: "Lua", status: .broken,
          detail: "\(lua): team checks and scripts need Lua 5.4",
          fix: "install liblua5.4 (apt install liblua5.4-dev) and rebuild"))
    }
    // libcurl is loaded only to read a tracking server, so without it the rest still works.
    if let curlProblem {
      checks.append(
        DoctorCheck(
          area: "libraries", name: "libcurl", status: .warning,
          detail: "\(curlProblem); only an MLflow tracking server (http:// or https://) needs it",
          fix: "install libcurl (apt install libcurl4) to read an MLflow tracking server"))
    } else {
      checks.append(
        DoctorCheck(
          area: "libraries", name: "libcurl", status: .ok,
          detail: "loads (for MLflow tracking servers)"))
    }
    return checks
  }

  /// One check per source of the project: loaded, partly loaded (warnings) or failed.
  static func sources(_ project: Project, path: String) -> [DoctorCheck] {
    if project.sources.isEmpty {
      return [
        DoctorCheck(
          area: "project", name: project.name, status: .warning, detail: "no sources found",
          fix: "run `mldebt init \(path)` to declare them")
      ]
    }
    return project.sources.map { source in
      let name = "\(source.kind.rawValue) \(source.path)"
      let diagnostics = project.diagnostics.filter {
        $0.source == source.kind && ($0.location.file == source.path || source.path.isEmpty)
      }
      let worst =
        diagnostics.first { $0.severity == .error }
        ?? diagnostics.first {
          $0.severity == .warning
        }
      let fix = worst.map { diagnostic in
        var text = "\(diagnostic.location.file): \(diagnostic.message)"
        if let hint = diagnostic.hint { text += "; \(hint)" }
        return text + " (all of them: mldebt sources \(path))"
      }
      let counts =
        "\(source.errorCount) error\(source.errorCount == 1 ? "" : "s"), "
        + "\(source.warningCount) warning\(source.warningCount == 1 ? "" : "s")"
      switch source.status {
      case .loaded where source.warningCount == 0:
        return DoctorCheck(area: "source", name: name, status: .ok, detail: "loaded")
      case .loaded, .partial:
        return DoctorCheck(
          area: "source", name: name, status: source.errorCount > 0 ? .broken : .warning,
          detail: "\(source.status.rawValue): \(counts)", fix: fix)
      case .failed:
        return DoctorCheck(
          area: "source", name: name, status: .broken, detail: "failed: \(counts)",
          fix: fix ?? "run `mldebt sources \(path)` to see why")
      }
    }
  }
}
