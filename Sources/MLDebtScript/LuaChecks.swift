import CLua
import Foundation
import MLDebt

/// The limits team checks run under. Checks always run sandboxed.
public struct LuaCheckLimits: Sendable, Hashable {
  /// The most memory one check run may hold, in bytes.
  public var memory: Int = 128 << 20
  /// The most VM instructions one check run may execute.
  public var instructions: Int = 200_000_000

  /// The default limits.
  public init() {}
}

/// A team-specific check written in Lua (`.mldebt/checks/*.lua`), run as a ``Detector`` so that
/// the checklist counts its findings like a built-in rule's.
///
/// Each run gets a fresh sandboxed Lua state, so checks are independent and thread-safe.
/// A check that fails records a diagnostic (see ``LuaChecks/runDiagnostics(of:)``) and finds
/// nothing; it never crashes the checklist.
public struct LuaCheck: Detector {
  /// The check's id (`id=`), used as the findings' rule.
  public let rule: String
  /// The area its findings count in (`area=`).
  public let area: DebtArea
  /// Its title (`title=`).
  public let summary: String
  /// The default severity of its findings (`severity=`).
  public let severity: Finding.Severity
  /// The file, relative to the project root.
  public let file: String
  /// Where `mldebt.check{…}` is called.
  public let location: SourceLocation
  /// Where the check is declared (its ``location``): it is a team check.
  public var definedAt: SourceLocation? { location }
  let index: Int
  let limits: LuaCheckLimits
  let log: LuaCheckLog

  /// Runs the check against the context's project. Failures become diagnostics.
  public func findings(in context: DetectorContext) -> [Finding] {
    do {
      return try run(project: context.project, now: context.now)
    } catch {
      log.record(LuaChecks.diagnostic(for: error, file: file, fallback: location))
      return []
    }
  }

  /// Runs the check, throwing its error.
  public func run(project: Project, now: Date) throws(ScriptError) -> [Finding] {
    let engine = try LuaChecks.engine(for: project, now: now, limits: limits)
    defer { engine.close() }
    let source = try LuaChecks.source(of: file, root: project.root)
    _ = try engine.registerChecks(source: source, name: file)
    let json = try engine.runCheck(index: index)
    guard let items = (try? JSONValue.parse(json))?.items else {
      throw ScriptError(.runtime, "\(location): check \(rule) returned findings mldebt cannot read")
    }
    return items.map { item in
      Finding(
        rule: rule, area: area,
        severity: item["severity"]?.string.flatMap(Finding.Severity.init(rawValue:)) ?? severity,
        title: item["title"]?.string ?? summary, why: item["why"]?.string ?? "",
        fix: item["fix"]?.string ?? "",
        evidence: (item["evidence"]?.items ?? []).compactMap(\.string).map(LuaChecks.evidence))
    }
  }
}

/// Diagnostics recorded by checks while the checklist runs them (possibly in parallel).
final class LuaCheckLog: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [Diagnostic] = []

  func record(_ diagnostic: Diagnostic) { lock.withLock { entries.append(diagnostic) } }
  var diagnostics: [Diagnostic] { lock.withLock { entries } }
}

/// Finds, loads and runs a project's Lua checks.
public enum LuaChecks {
  /// The folder searched for checks besides the manifest's `checks:` list.
  public static let folder = ".mldebt/checks"

  /// The check files of a project, relative to its root: the manifest's `checks:` entries
  /// (globs allowed) and every `*.lua` in `.mldebt/checks/`, sorted, without duplicates.
  public static func files(of project: Project) -> [String] {
    var patterns = project.checkFiles
    patterns.append(folder + "/*.lua")
    var found: Set<String> = []
    for pattern in patterns {
      if pattern.contains("*") || pattern.contains("?") {
        let directory = (pattern as NSString).deletingLastPathComponent
        let name = (pattern as NSString).lastPathComponent
        let absolute = FileAccess.resolve(directory, relativeTo: project.root)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
        for entry in entries where fnmatch(name, entry, 0) == 0 {
          found.insert(directory.isEmpty ? entry : directory + "/" + entry)
        }
      } else {
        found.insert(pattern)
      }
    }
    return found.sorted()
  }

  /// Loads every check of a project: each file is run once (sandboxed) to read its
  /// `mldebt.check{…}` declarations. Returns the checks as detectors for
  /// `Checklist.evaluate(_:extraDetectors:)`, and a diagnostic (naming file:line) for each file
  /// that does not load.
  public static func load(for project: Project, limits: LuaCheckLimits = LuaCheckLimits())
    -> (detectors: [any Detector], diagnostics: [Diagnostic])
  {
    let log = LuaCheckLog()
    var detectors: [any Detector] = []
    var diagnostics: [Diagnostic] = []
    var seen: [String: String] = [:]
    for file in files(of: project) {
      do {
        let engine = try engine(for: project, now: Date(), limits: limits)
        defer { engine.close() }
        let json = try engine.registerChecks(
          source: try source(of: file, root: project.root), name: file)
        for item in (try? JSONValue.parse(json))?.items ?? [] {
          guard let id = item["id"]?.string, let areaText = item["area"]?.string,
            let area = DebtArea(rawValue: areaText), let index = item["index"]?.number
          else { continue }
          let location =
            ScriptError(.runtime, (item["where"]?.string ?? file) + ": ").location
            ?? SourceLocation(file: file)
          if let other = seen[id] {
            diagnostics.append(
              Diagnostic(
                .error, source: .checks, at: location,
                "check id \(id) is already used by \(other); this check is skipped",
                hint: "give each check a unique id"))
            continue
          }
          seen[id] = location.description
          detectors.append(
            LuaCheck(
              rule: id, area: area, summary: item["title"]?.string ?? id,
              severity: item["severity"]?.string.flatMap(Finding.Severity.init(rawValue:))
                ?? .medium,
              file: file, location: location, index: Int(index), limits: limits, log: log))
        }
      } catch {
        let line = (try? source(of: file, root: project.root)).map(checkLine(in:))
        diagnostics.append(
          diagnostic(for: error, file: file, fallback: SourceLocation(file: file, line: line)))
      }
    }
    return (detectors, diagnostics)
  }

  /// The diagnostics that checks among `detectors` recorded while they ran (call it after
  /// `Checklist.evaluate`).
  public static func runDiagnostics(of detectors: [any Detector]) -> [Diagnostic] {
    var logs: [ObjectIdentifier: LuaCheckLog] = [:]
    for case let check as LuaCheck in detectors { logs[ObjectIdentifier(check.log)] = check.log }
    var seen: Set<Diagnostic> = []
    return logs.values.flatMap(\.diagnostics).filter { seen.insert($0).inserted }
      .sorted { $0.description < $1.description }
  }

  /// Loads a project's checks, evaluates the checklist with them, and returns it with every
  /// diagnostic the checks gave (files that did not load, runs that failed).
  ///
  /// This is the one call the CLI and the TUI need for scores and checks with team rules.
  /// ``analyse(_:now:)`` wraps it in a whole ``ProjectAnalysis``.
  public static func evaluate(
    _ project: Project, now: Date = Date(), limits: LuaCheckLimits = LuaCheckLimits(),
    extraDetectors: [any Detector] = [], extraFindings: [Finding] = [],
    precomputed: DetectorContext.Precomputed = .init()
  ) -> (checklist: Checklist, diagnostics: [Diagnostic]) {
    let (checks, loadDiagnostics) = load(for: project, limits: limits)
    let checklist = Checklist.evaluate(
      project, now: now, extraDetectors: extraDetectors + checks, extraFindings: extraFindings,
      precomputed: precomputed)
    return (checklist, loadDiagnostics + runDiagnostics(of: checks))
  }

  /// Analyses a project with its Lua checks counted in the checklist: what the TUI shows and
  /// what `score`, `check` and `review` print.
  public static func analyse(_ project: Project, now: Date = Date()) -> ProjectAnalysis {
    ProjectAnalysis.compute(project, now: now) { project, now, precomputed in
      evaluate(project, now: now, precomputed: precomputed)
    }
  }

  // MARK: - Helpers

  static func engine(for project: Project, now: Date, limits: LuaCheckLimits) throws(ScriptError)
    -> ScriptEngine
  {
    var options = ScriptOptions(root: project.root)
    options.memoryLimit = limits.memory
    options.instructionLimit = limits.instructions
    options.now = now
    let engine = try ScriptEngine(options: options, output: { _ in })
    engine.preload(project)
    return engine
  }

  static func source(of file: String, root: String) throws(ScriptError) -> String {
    let canonical = SandboxPath.canonicalRoot(root)
    let path: String
    do {
      path = try SandboxPath.resolve(file, root: canonical, trusted: false)
    } catch {
      switch error {
      case .missing(let message), .outside(let message): throw ScriptError(.setup, message)
      }
    }
    do {
      return try FileAccess.readText(path, limit: 4 << 20)
    } catch {
      throw ScriptError(.setup, "\(file): \(error)")
    }
  }

  static func diagnostic(for error: ScriptError, file: String, fallback: SourceLocation)
    -> Diagnostic
  {
    let location = error.location ?? fallback
    var message = error.message
    let prefix = "\(location.file):\(location.line.map(String.init) ?? ""): "
    if message.hasPrefix(prefix) { message.removeFirst(prefix.count) }
    let hint: String? =
      switch error.kind {
      case .instructionLimit, .memoryLimit: "make the check do less work, or raise its limits"
      case .syntax: "fix the Lua syntax"
      default: "see docs/scripting.md for what a check returns"
      }
    return Diagnostic(
      .error, source: .checks, at: location, "Lua check failed: \(message)", hint: hint)
  }

  /// The line of the first `mldebt.check` in a check file (1 if there is none): where errors
  /// that Lua cannot place are reported.
  static func checkLine(in source: String) -> Int {
    var line = 1
    for text in source.split(separator: "\n", omittingEmptySubsequences: false) {
      if text.contains("mldebt.check") { return line }
      line += 1
    }
    return 1
  }

  /// Turns evidence text into evidence: `kind:name` nodes, `run:ID` runs, else a file location.
  static func evidence(_ text: String) -> Finding.Evidence {
    if let id = NodeID(parsing: text) { return .node(id) }
    if text.hasPrefix("run:") { return .run(String(text.dropFirst(4))) }
    if text.hasPrefix("drift:") { return .drift(feature: String(text.dropFirst(6)), window: nil) }
    let parts = text.split(separator: ":", maxSplits: 2)
    if parts.count >= 2, let line = Int(parts[1]) {
      return .file(SourceLocation(file: String(parts[0]), line: line))
    }
    return .file(SourceLocation(file: text))
  }
}

extension ScriptEngine {
  /// Compiles a check file and runs it to register its checks. Returns their descriptions as
  /// JSON (`[{index, id, area, severity, title, why, fix, where}]`).
  func registerChecks(source: String, name: String) throws(ScriptError) -> String {
    var text = source
    if text.hasPrefix("#") { text = "--" + text }
    let out = LuaOut(state: state)
    mldebt_out_reset(state)
    out.load(text, name: "@" + name)
    let loaded = try exec()
    defer { lua_settop(state, loaded.base) }
    guard lua_type(state, loaded.first) == LUA_TFUNCTION else {
      throw ScriptError(.syntax, LuaCall(state: state).string(loaded.first + 1) ?? name)
    }
    lua_settop(state, loaded.first)
    mldebt_out_reset(state)
    out.preludeFunction("register")
    let register = try exec()
    mldebt_out_reset(state)
    out.string("\(name):\(LuaChecks.checkLine(in: source))")
    let results = try call(results: 1, function: register.first, argument: loaded.first)
    return LuaCall(state: state).string(results.first) ?? "[]"
  }

  /// Runs registered check number `index` against the preloaded project. Returns its findings
  /// as JSON.
  func runCheck(index: Int) throws(ScriptError) -> String {
    guard let box = context.preloaded else {
      throw ScriptError(.setup, "no project to run the check on")
    }
    let out = LuaOut(state: state)
    mldebt_out_reset(state)
    let base = lua_gettop(state)
    defer { lua_settop(state, base) }
    out.preludeFunction("run_check")
    out.int(index)
    context.push(.project(box), out)
    let results = try call(results: 1)
    return LuaCall(state: state).string(results.first) ?? "[]"
  }
}
