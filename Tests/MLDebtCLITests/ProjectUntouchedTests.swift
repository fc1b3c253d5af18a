import Foundation
import Testing

/// mldebt never writes a user's project files: every command, run on a copy of the example
/// project, leaves every file byte for byte as it was, except the one file (or folder) that
/// command is documented to write.
@Suite("The project is never written", .serialized)
struct ProjectUntouchedTests {
  /// Every command, with the files it may write (relative paths or folder prefixes).
  static let commands: [(arguments: [String], writes: [String])] = [
    (["sources", "PROJECT"], []),
    (["sources", "PROJECT", "--format", "json"], []),
    (["score", "PROJECT"], []),
    (["score", "PROJECT", "--explain", "feature-audits"], []),
    (["check", "PROJECT", "--as-of", "2026-11-23"], []),
    (["check", "PROJECT", "--format", "sarif"], []),
    (["lineage", "PROJECT"], []),
    (["lineage", "PROJECT", "--cycles"], []),
    (["lineage", "PROJECT", "--findings"], []),
    (["drift", "PROJECT"], []),
    (["drift", "PROJECT", "--format", "json"], []),
    (["history", "PROJECT"], []),
    (["init", "PROJECT"], []),
    (["init", "PROJECT", "--print"], []),
    (["script", "--project", "PROJECT", "PROJECT/.mldebt/checks/feature-owners.lua"], []),
    (["snapshot", "PROJECT"], [".mldebt/history.sqlite", ".mldebt/.history"]),
    (
      ["attest", "PROJECT", "infra.canary", "--status", "automated", "--note", "checked"],
      ["mldebt.attestations.yaml", ".mldebt.attestations", "mldebt.attestations.yaml.lock"]
    ),
  ]

  /// Whether mldebt may write `path` at all: its own state folder, never the team's checks.
  static func isStateFile(_ path: String) -> Bool {
    path.hasPrefix(".mldebt/") && !path.hasPrefix(".mldebt/checks/")
  }

  /// Whether `path` is a file SQLite keeps beside one of mldebt's databases while it is open
  /// (its write-ahead log and shared-memory index), which SQLite removes when the last
  /// connection closes: a command that only read the run cache leaves them, the next one that
  /// writes it removes them. Nothing else may be removed.
  static func isTransientDatabaseFile(_ path: String) -> Bool {
    isStateFile(path) && (path.hasSuffix(".sqlite-wal") || path.hasSuffix(".sqlite-shm"))
  }

  @Test("no command changes a file it is not documented to write")
  func everyCommandLeavesTheProjectUnchanged() throws {
    let project = try KillHarnessTests.copyOfExample()
    defer { try? FileManager.default.removeItem(atPath: project) }
    for (arguments, writes) in Self.commands {
      let before = try KillHarnessTests.fingerprint(project, except: Set(writes))
      let resolved = arguments.map { $0.replacingOccurrences(of: "PROJECT", with: project) }
      let result = try CLIRunner.run(resolved)
      #expect([0, 1, 2].contains(result.status), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("Fatal error"), "\(arguments): \(result.stderr)")
      let after = try KillHarnessTests.fingerprint(project, except: Set(writes))
      let added = Set(after.keys).subtracting(before.keys).sorted()
      let removed = Set(before.keys).subtracting(after.keys).sorted()
      let changed = before.keys.filter { after[$0] != nil && before[$0] != after[$0] }.sorted()
      // Only mldebt's own state (.mldebt/, outside checks/) may appear or change on any command.
      #expect(added.filter { !Self.isStateFile($0) }.isEmpty, "\(arguments) added \(added)")
      #expect(
        removed.filter { !Self.isTransientDatabaseFile($0) }.isEmpty,
        "\(arguments) removed \(removed)")
      #expect(
        changed.filter { !Self.isStateFile($0) }.isEmpty, "\(arguments) changed \(changed)")
    }
  }
}
