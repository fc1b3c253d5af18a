import Foundation
import Testing

/// Kills `mldebt` with SIGKILL while it saves an attestation or records a snapshot, and checks
/// that the files are whole afterwards and that the manifest is never touched.
@Suite("Crash safety of the files mldebt writes", .serialized)
struct CrashSafetyTests {
  /// Copies the example project (without its state) to a temporary folder.
  func copyOfExample() throws -> String {
    let target = NSTemporaryDirectory() + "mldebt-crash-" + UUID().uuidString
    try FileManager.default.copyItem(
      atPath: CLIRunner.packageRoot + "/examples/car-loans", toPath: target)
    try? FileManager.default.removeItem(atPath: target + "/.mldebt")
    return target
  }

  /// Starts `mldebt ARGUMENTS`, kills it after `delay` seconds (if still running), and waits.
  func killed(_ arguments: [String], after delay: Double) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    usleep(UInt32(delay * 1_000_000))
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  @Test func attestationsAreOldOrNewNeverTorn() throws {
    let project = try copyOfExample()
    defer { try? FileManager.default.removeItem(atPath: project) }
    let manifest = try Data(contentsOf: URL(fileURLWithPath: project + "/mldebt.yaml"))
    let file = project + "/mldebt.attestations.yaml"
    var versions: Set<Data> = [try Data(contentsOf: URL(fileURLWithPath: file))]
    var kills = 0
    for round in 0..<24 {
      let status = ["none", "manual", "automated"][round % 3]
      try killed(
        ["attest", project, "infra.rollback", "--status", status, "--note", "round \(round)"],
        after: Double(round % 8) * 0.004)
      let now = try Data(contentsOf: URL(fileURLWithPath: file))
      let text = String(decoding: now, as: UTF8.self)
      #expect(text.hasSuffix("\n"))
      #expect(text.contains("item: infra.canary"), "torn file after round \(round)")
      versions.insert(now)
      kills += 1
    }
    #expect(kills == 24)
    #expect(try Data(contentsOf: URL(fileURLWithPath: project + "/mldebt.yaml")) == manifest)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: project).filter {
      $0.contains(".tmp-")
    }
    #expect(leftovers.count <= 1, "\(leftovers)")
    // The file still loads with every answer intact.
    let check = try CLIRunner.run(["sources", project, "--format", "json"])
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test func historyStaysReadableAcrossKilledSnapshots() throws {
    let project = try copyOfExample()
    defer { try? FileManager.default.removeItem(atPath: project) }
    let manifest = try Data(contentsOf: URL(fileURLWithPath: project + "/mldebt.yaml"))
    let first = try CLIRunner.run(["snapshot", project])
    #expect(first.status == 0, "\(first.stderr)")
    for round in 0..<12 {
      try killed(["snapshot", project], after: 0.05 + Double(round % 6) * 0.03)
    }
    let history = try CLIRunner.run(["history", project, "--format", "json"])
    #expect(history.status == 0, "\(history.stderr)")
    let snapshots = try #require(
      try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
    #expect(snapshots.count >= 1)
    // Every snapshot that exists is complete: nine areas each.
    for snapshot in snapshots {
      #expect((snapshot["areas"] as? [String: Double])?.count == 9)
    }
    let after = try CLIRunner.run(["snapshot", project])
    #expect(after.status == 0, "\(after.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: project + "/mldebt.yaml")) == manifest)
  }
}
