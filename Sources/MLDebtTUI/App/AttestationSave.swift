import Foundation
import MLDebt

/// Carries out ``AppEffect/saveAttestation(_:)`` for the run loop: stamps the answer with
/// today's date and saves it with ``AttestationStore`` (locked, re-read, written atomically; the
/// manifest is never touched).
public enum AttestationSave {
  /// What a save did.
  public struct Outcome: Sendable, Hashable {
    /// The answer as saved (dated).
    public var attestation: Attestation
    /// Every answer now in the file, including other processes' edits.
    public var attestations: [Attestation]
    /// The file written, relative to the project root.
    public var path: String
  }

  /// Saves `attestation` in `project`'s attestations file, dated `now` (UTC day).
  public static func run(_ attestation: Attestation, in project: Project, now: Date) -> Result<
    Outcome, AttestationStore.SaveError
  > {
    var dated = attestation
    dated.at = day(now)
    do {
      let all = try AttestationStore.save(dated, in: project)
      return .success(
        Outcome(attestation: dated, attestations: all, path: project.attestationsPath))
    } catch {
      return .failure(error)
    }
  }

  /// The UTC date of `now` as `YYYY-MM-DD`.
  static func day(_ now: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: now)
  }

  /// Who is attesting: `$USER` (or `$LOGNAME`), else `user.name` from `~/.gitconfig`.
  public static func identity(environment: [String: String]) -> String? {
    for name in ["USER", "LOGNAME"] {
      if let value = environment[name], !value.isEmpty { return value }
    }
    guard let home = environment["HOME"],
      let text = try? String(contentsOfFile: home + "/.gitconfig", encoding: .utf8)
    else { return nil }
    var inUser = false
    for raw in text.split(separator: "\n") {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("[") {
        inUser = line.lowercased() == "[user]"
      } else if inUser, let equals = line.firstIndex(of: "="),
        line[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "name"
      {
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
      }
    }
    return nil
  }
}
