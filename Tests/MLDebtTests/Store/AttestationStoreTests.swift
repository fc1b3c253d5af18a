import Foundation
import Testing

@testable import MLDebt

@Suite("Saving attestations")
struct AttestationStoreTests {
  private func project(_ directory: TemporaryDirectory) throws -> Project {
    try Project.load(at: directory.path)
  }

  @Test func saveAddsReplacesKeepsCommentsAndNeverTouchesTheManifest() throws {
    let directory = TemporaryDirectory()
    let manifest = "project: {name: t}\n# hand-written\n"
    directory.write("mldebt.yaml", manifest)
    directory.write(
      "mldebt.attestations.yaml",
      "# Our answers.\nversion: 1\nattestations:\n  - item: infra.canary\n    status: none\n")
    let loaded = try project(directory)
    try AttestationStore.save(
      Attestation(
        item: "infra.canary", status: .manual, by: "raj", at: "2026-01-02", note: "by hand: 5%"),
      in: loaded)
    let all = try AttestationStore.save(
      Attestation(item: "data.versioning", status: .automated), in: loaded)
    #expect(all.map(\.item) == ["data.versioning", "infra.canary"])
    let text = try String(
      contentsOfFile: directory.path + "/mldebt.attestations.yaml", encoding: .utf8)
    #expect(text.hasPrefix("# Our answers.\nversion: 1\n"))
    let (parsed, diagnostics) = AttestationsFile.parse(text, file: "a.yaml")
    #expect(diagnostics.isEmpty)
    #expect(parsed.first { $0.item == "infra.canary" }?.note == "by hand: 5%")
    #expect(
      try String(contentsOfFile: directory.path + "/mldebt.yaml", encoding: .utf8) == manifest)
    let reloaded = try project(directory)
    #expect(reloaded.attestations.count == 2)
  }

  @Test func refusesToRewriteAFileWithErrors() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", "project: {name: t}\n")
    let broken = "attestations:\n  - item: x\n    status: maybe\n"
    directory.write("mldebt.attestations.yaml", broken)
    #expect(throws: AttestationStore.SaveError.self) {
      try AttestationStore.save(
        Attestation(item: "infra.canary", status: .manual), in: try project(directory))
    }
    #expect(
      try String(contentsOfFile: directory.path + "/mldebt.attestations.yaml", encoding: .utf8)
        == broken)
  }

  @Test func hostileTextRoundTrips() throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", "project: {name: t}\n")
    let note = "quote \" backslash \\ newline\n colon: yes # not a comment \u{1b}[31m"
    try AttestationStore.save(
      Attestation(item: "infra.canary", status: .manual, note: note), in: try project(directory))
    #expect(try project(directory).attestations.first?.note == note)
  }

  @Test func concurrentSaversKeepEveryEdit() async throws {
    let directory = TemporaryDirectory()
    directory.write("mldebt.yaml", "project: {name: t}\n")
    let loaded = try project(directory)
    let items = ChecklistItem.builtIn.map(\.id)
    await withTaskGroup(of: Void.self) { group in
      for item in items {
        group.addTask {
          _ = try? AttestationStore.save(Attestation(item: item, status: .manual), in: loaded)
        }
      }
    }
    #expect(Set(try project(directory).attestations.map(\.item)) == Set(items))
  }
}

@Suite("History of snapshots")
struct HistoryStoreTests {
  @Test func recordsListsAndComparesSnapshots() throws {
    let directory = TemporaryDirectory()
    let store = try HistoryStore(path: directory.path + "/.mldebt/history.sqlite")
    func finding(_ subject: String) -> Finding {
      Finding(
        rule: "r", area: .glueCode, severity: .low, title: subject, why: "", fix: "",
        evidence: [.node(NodeID(.job, subject))])
    }
    var checklist = Checklist.evaluate(
      Project(root: directory.path, name: "t"), now: Date(timeIntervalSince1970: 0))
    checklist.findings = [finding("a"), finding("b")]
    let first = try store.record(checklist, gitCommit: "0123456789012345678901234567890123456789")
    #expect(first.id == 1)
    #expect(first.findingCount == 2)
    #expect(first.areas.count == 9)
    let comparison = try store.compare([finding("b"), finding("c")], with: first.id)
    #expect(comparison.new.map(\.title) == ["c"])
    #expect(comparison.fixed.map(\.title) == ["a"])
    #expect(comparison.unchanged.map(\.title) == ["b"])
    try store.record(checklist, gitCommit: nil)
    let reopened = try HistoryStore(path: directory.path + "/.mldebt/history.sqlite")
    #expect(try reopened.snapshots().map(\.id) == [1, 2])
  }

  @Test func readsTheHeadCommitWithoutGit() throws {
    let directory = TemporaryDirectory()
    let hash = String(repeating: "ab", count: 20)
    directory.write(".git/HEAD", "ref: refs/heads/main\n")
    directory.write(".git/packed-refs", "# pack-refs\n\(hash) refs/heads/main\n")
    directory.write("sub/x", "")
    #expect(GitInfo.headCommit(of: directory.path + "/sub") == hash)
    directory.write(".git/refs/heads/main", String(repeating: "cd", count: 20) + "\n")
    #expect(GitInfo.headCommit(of: directory.path) == String(repeating: "cd", count: 20))
  }
}
