import Foundation
import MLDebt
import MLDebtScript

/// The checklist every command shows: built-in detectors plus the project's Lua checks
/// (docs/scripting.md), whose failures are reported on stderr with their file and line.
enum ProjectChecklist {
  static func evaluate(_ project: Project, now: Date) -> Checklist {
    let (checklist, diagnostics) = LuaChecks.evaluate(project, now: now)
    Console.report(diagnostics)
    return checklist
  }
}
