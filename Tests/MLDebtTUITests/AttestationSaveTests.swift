import Foundation
import MLDebt
import Testing

@testable import MLDebtTUI

/// Saving an answer from the Checklist view: the file written atomically in a temporary copy of
/// the example, the manifest untouched, the state updated, concurrent edits kept, errors shown.
@Suite("Attestation save")
struct AttestationSaveTests {
  func temporaryProject() throws -> (Project, String) {
    let directory = try ExampleProject.copy()
    return (try Project.load(at: directory), directory)
  }

  func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  @Test func savesTheAnswerAndLeavesTheManifestAlone() throws {
    let (project, directory) = try temporaryProject()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let manifest = try read(directory + "/mldebt.yaml")
    let before = try read(directory + "/" + project.attestationsPath)
    var state = AppState(
      project: project, analysis: ExampleProject.builtInAnalysis, size: Size(width: 80, height: 24))
    let answer = Attestation(item: "infra.rollback", status: .automated, by: "tester", note: "helm")
    let outcome = try AttestationSave.run(answer, in: project, now: ExampleProject.now).get()
    #expect(outcome.attestation.at == "2026-11-23")
    #expect(outcome.path == project.attestationsPath)
    let after = try read(directory + "/" + project.attestationsPath)
    #expect(after != before)
    #expect(try read(directory + "/mldebt.yaml") == manifest)
    // Written by rename: no temporary file is left next to it.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
      $0.hasPrefix(".mldebt.attestations") || $0.hasSuffix(".tmp")
    }
    #expect(leftovers.isEmpty, "\(leftovers)")
    // The file reads back with the new answer and every earlier one.
    let reloaded = try Project.load(at: directory)
    let saved = try #require(reloaded.attestations.first { $0.item == "infra.rollback" })
    #expect(saved == outcome.attestation)
    #expect(reloaded.attestations.count == project.attestations.count + 1)
    state.attestationSaved(outcome)
    #expect(state.project.attestations == reloaded.attestations)
    #expect(state.checklistState.rescoring)
    #expect(state.message?.text.contains("in \(project.attestationsPath)") == true)
    #expect(state.message?.isError == false)
    // An analysis of the answers as they were before the save (live mode's, started before the
    // write) is shown but does not end the re-scoring.
    state.apply(ProjectAnalysis.compute(project, now: ExampleProject.now))
    #expect(state.checklistState.rescoring)
    #expect(state.message?.text.contains("scores recomputed") == false)
    // The new analysis ends the re-scoring, says so and counts the answer, whichever computed
    // it (the run loop, or live mode reloading the file the save wrote).
    state.apply(ProjectAnalysis.compute(reloaded, now: ExampleProject.now))
    #expect(!state.checklistState.rescoring)
    #expect(state.message?.text == "scores recomputed with the new answer")
    let entry = try #require(
      state.checklistEntries(in: .externalChanges).first { $0.id == "infra.rollback" })
    #expect(entry.attestation?.status == .automated)
    #expect(entry.points > 0)
  }

  @Test func twoConcurrentWritersKeepBothEdits() throws {
    let (project, directory) = try temporaryProject()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let manifest = try read(directory + "/mldebt.yaml")
    // Two workbenches opened on the same project, each saving its own answers at once.
    let items = (0..<12).map { "team.practice-\($0)" }
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      let answer = Attestation(
        item: items[index], status: index.isMultiple(of: 2) ? .manual : .automated,
        by: index.isMultiple(of: 2) ? "ana" : "raj")
      if case .failure(let error) = AttestationSave.run(
        answer, in: project, now: ExampleProject.now)
      {
        failures.add(error.description)
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    let reloaded = try Project.load(at: directory)
    let saved = Set(reloaded.attestations.map(\.item))
    #expect(Set(items).isSubset(of: saved))
    #expect(Set(project.attestations.map(\.item)).isSubset(of: saved))
    #expect(try read(directory + "/mldebt.yaml") == manifest)
  }

  @Test func anUnreadableFileIsNotOverwrittenAndTheErrorIsShown() throws {
    let (project, directory) = try temporaryProject()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/" + project.attestationsPath
    let broken = Data("version: 1\nattestations:\n  - item: [unclosed\n".utf8)
    try broken.write(to: URL(fileURLWithPath: path))
    var state = AppState(
      project: project, analysis: ExampleProject.builtInAnalysis, size: Size(width: 80, height: 24))
    let answer = Attestation(item: "infra.canary", status: .automated)
    switch AttestationSave.run(answer, in: project, now: ExampleProject.now) {
    case .success:
      Issue.record("a broken attestations file must not be rewritten")
    case .failure(let error):
      state.attestationFailed(answer, error: error.description)
    }
    #expect(try read(path) == broken)
    #expect(state.message?.isError == true)
    #expect(state.message?.text.contains("will not rewrite it") == true)
    #expect(state.message?.text.contains(project.attestationsPath) == true)
  }

  @Test func identityComesFromTheEnvironmentOrGitConfig() throws {
    #expect(AttestationSave.identity(environment: ["USER": "ana"]) == "ana")
    let home = FileManager.default.temporaryDirectory
      .appendingPathComponent("mldebt-home-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    try "[core]\n\tname = wrong\n[user]\n\temail = a@b\n\tname = Ana Lima\n".write(
      toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
    #expect(AttestationSave.identity(environment: ["HOME": home]) == "Ana Lima")
    #expect(AttestationSave.identity(environment: [:]) == nil)
  }
}

/// Errors collected from concurrent work.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String] = []
  func add(_ text: String) { lock.withLock { entries.append(text) } }
  var all: [String] { lock.withLock { entries } }
}
