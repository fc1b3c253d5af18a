import Foundation
import MLDebt
import Testing

/// The kill harness (docs/reliability.md): kills `mldebt` with SIGKILL at random points while it
/// saves an attestation, records a snapshot or writes the run cache, and after every kill checks that each file it
/// writes is exactly the old version or exactly the new one, never a mixture, and that nothing
/// else in the project changed.
///
/// The suite runs 12 kills; `MLDEBT_KILL_ROUNDS=200 swift test --skip-build --filter
/// KillHarness` (or `make kill-harness`) runs the full harness. `MLDEBT_KILL_SEED` repeats a run.
@Suite("Kill harness", .serialized)
struct KillHarnessTests {
  static let rounds = Int(ProcessInfo.processInfo.environment["MLDEBT_KILL_ROUNDS"] ?? "") ?? 12
  static let seed = UInt64(ProcessInfo.processInfo.environment["MLDEBT_KILL_SEED"] ?? "") ?? 2026

  /// What a round found after its kill.
  enum Outcome: String, Hashable {
    /// The command had finished before the kill.
    case completed
    /// The kill left the old version.
    case old
    /// The kill came after the new version was in place.
    case new
    /// The command was killed (for the run cache, whose versions are not compared byte by byte).
    case killed
  }

  /// A copy of the example project (without its history) in a temporary folder.
  static func copyOfExample() throws -> String {
    let target = NSTemporaryDirectory() + "mldebt-kill-" + UUID().uuidString
    try FileManager.default.copyItem(
      atPath: CLIRunner.packageRoot + "/examples/car-loans", toPath: target)
    try? FileManager.default.removeItem(atPath: target + "/.mldebt/history.sqlite")
    return target
  }

  /// Starts `mldebt ARGUMENTS`; kills it after `delay` seconds if it is still running. Returns
  /// whether it was killed.
  static func runKilled(_ arguments: [String], after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
    process.arguments = arguments
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    let started = Date()
    try process.run()
    while process.isRunning && Date().timeIntervalSince(started) < delay { usleep(500) }
    var killed = false
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      killed = true
    }
    process.waitUntilExit()
    return killed && process.terminationReason == .uncaughtSignal
  }

  /// How long a command takes when it is not killed, so that kills land anywhere in it.
  static func duration(_ arguments: [String]) throws -> Double {
    let started = Date()
    let result = try CLIRunner.run(arguments)
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    return Date().timeIntervalSince(started)
  }

  /// The checksum of every file in the project except those mldebt may write.
  static func fingerprint(_ root: String, except written: Set<String>) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      let full = root + "/" + relative
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue, !written.contains(where: { relative.hasPrefix($0) })
      else { continue }
      result[relative] = try Data(contentsOf: URL(fileURLWithPath: full))
    }
    return result
  }

  /// The attestations in a file's text, or `nil` when the text does not parse cleanly.
  static func attestations(_ data: Data) -> [Attestation]? {
    guard let text = String(data: data, encoding: .utf8) else { return nil }
    let (parsed, diagnostics) = AttestationsFile.parse(text, file: "attestations")
    return diagnostics.contains { $0.severity == .error } ? nil : parsed
  }

  /// The snapshots `mldebt history` lists, as JSON objects.
  static func snapshots(_ project: String) throws -> [[String: Any]] {
    let history = try CLIRunner.run(["history", project, "--format", "json"])
    #expect(history.status == 0, "\(history.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
  }

  @Test("every kill leaves each written file old or new, and the rest of the project untouched")
  func killAtRandomPoints() throws {
    let project = try Self.copyOfExample()
    defer { try? FileManager.default.removeItem(atPath: project) }
    let attestationsFile = project + "/mldebt.attestations.yaml"
    // What mldebt may write here: the attestations file (and the temporary file a kill can leave
    // beside it), its lock, the history and the run cache.
    let written: Set<String> = [
      "mldebt.attestations.yaml", ".mldebt.attestations.yaml.tmp-", ".mldebt/attestations.lock",
      ".mldebt/history.sqlite", ".mldebt/runs-cache",
    ]
    let untouched = try Self.fingerprint(project, except: written)

    let attestTime = try Self.duration([
      "attest", project, "infra.canary", "--status", "manual", "--note", "warm-up",
    ])
    let snapshotTime = try Self.duration(["snapshot", project])
    let cache = RunCache.path(root: project)
    let uncached = try CLIRunner.run(["runs", project, "--format", "json", "--no-cache"])
    #expect(uncached.status == 0, "\(uncached.stderr)")
    let runsTime = try Self.duration(["runs", project, "--format", "json"])
    var generator = SeededGenerator(seed: Self.seed)
    var outcomes: [String: [Outcome: Int]] = [:]

    for round in 0..<Self.rounds {
      if round % 3 == 0 {
        // attest: old bytes, or the file with exactly this round's answer changed.
        let oldData = try Data(contentsOf: URL(fileURLWithPath: attestationsFile))
        let old = try #require(Self.attestations(oldData), "round \(round): old file broken")
        let item = ["infra.canary", "infra.rollback", "external.ab_test"][round / 2 % 3]
        let status = ["none", "manual", "automated"][round % 3]
        let note = "kill round \(round)"
        let delay = Double.random(in: 0...(attestTime * 1.2), using: &generator)
        let killed = try Self.runKilled(
          ["attest", project, item, "--status", status, "--note", note], after: delay)
        let newData = try Data(contentsOf: URL(fileURLWithPath: attestationsFile))
        let outcome: Outcome
        if newData == oldData {
          outcome = .old
        } else {
          let new = try #require(Self.attestations(newData), "round \(round): torn file")
          let changed = new.filter { $0.item == item }
          #expect(changed.count == 1 && changed.first?.note == note, "round \(round)")
          #expect(changed.first?.status.rawValue == status, "round \(round)")
          let othersBefore = old.filter { $0.item != item }
          let othersAfter = new.filter { $0.item != item }
          #expect(othersBefore == othersAfter, "round \(round): other answers changed")
          outcome = killed ? .new : .completed
        }
        outcomes["attest", default: [:]][outcome, default: 0] += 1
      } else if round % 3 == 2 {
        // runs: the run cache, killed while it is created or updated, never gives a wrong
        // answer afterwards (it is rebuilt or read whole).
        if round % 2 == 0 {
          for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: cache + suffix)
          }
        }
        let delay = Double.random(in: 0...(runsTime * 1.2), using: &generator)
        let killed = try Self.runKilled(["runs", project, "--format", "json"], after: delay)
        if FileManager.default.fileExists(atPath: cache) {
          #expect(throws: Never.self, "round \(round): the cache does not open") {
            _ = try RunCache(path: cache)
          }
        }
        let after = try CLIRunner.run(["runs", project, "--format", "json"])
        #expect(after.status == 0, "round \(round): \(after.stderr)")
        #expect(after.stdout == uncached.stdout, "round \(round): the cache changed the answer")
        outcomes["runs-cache", default: [:]][killed ? .killed : .completed, default: 0] += 1
      } else {
        // snapshot: the history holds the old snapshots unchanged, plus at most one whole one.
        let before = try Self.snapshots(project)
        let delay = Double.random(in: 0...(snapshotTime * 1.2), using: &generator)
        let killed = try Self.runKilled(["snapshot", project], after: delay)
        let after = try Self.snapshots(project)
        #expect(after.count == before.count || after.count == before.count + 1, "round \(round)")
        for (old, now) in zip(before, after) {
          #expect(NSDictionary(dictionary: old).isEqual(to: now), "round \(round): changed")
        }
        for snapshot in after {
          #expect((snapshot["areas"] as? [String: Double])?.count == 9, "round \(round): torn")
        }
        let outcome: Outcome =
          after.count == before.count ? .old : (killed ? .new : .completed)
        outcomes["snapshot", default: [:]][outcome, default: 0] += 1
      }
    }

    let final = try Self.fingerprint(project, except: written)
    let differing = Set(final.keys).union(untouched.keys).filter { final[$0] != untouched[$0] }
    #expect(differing.isEmpty, "files changed outside what mldebt writes: \(differing.sorted())")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: project).filter {
      $0.contains(".tmp")
    }
    #expect(leftovers.count <= 1, "\(leftovers)")
    // The figures for docs/reliability.md.
    let summary = outcomes.sorted { $0.key < $1.key }.map { command, counts in
      "\(command): "
        + counts.sorted { $0.key.rawValue < $1.key.rawValue }
        .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
    }
    print(
      "kill harness: \(Self.rounds) rounds (seed \(Self.seed)): \(summary.joined(separator: "; "))")
    let killedOld = outcomes.values.reduce(0) { $0 + ($1[.old] ?? 0) }
    #expect(killedOld > 0, "no kill landed before the write: \(outcomes)")
  }
}

/// A small deterministic random number generator (SplitMix64), so a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
