import Foundation
import MLDebt
import Testing

@testable import mldebt

@Suite("mldebt --version")
struct VersionTests {
  func temporaryFolder() throws -> String {
    let folder = NSTemporaryDirectory() + "mldebt-version-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// The stamp text the Makefile's `stamp` recipe writes for `binary`, from GNU stat.
  func makefileStamp(for binary: String, commit: String, dirty: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["stat", "-L", "-c", "%s %.9Y %i", binary]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let parts = output.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    try #require(parts.count == 3)
    return
      "commit=\(commit)\ndirty=\(dirty)\nsize=\(parts[0])\nmtime=\(parts[1])\ninode=\(parts[2])\n"
  }

  @Test func printsTheVersionAndACommit() throws {
    let result = try CLIRunner.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("mldebt \(MLDebtVersion.version) (commit "))
    let commit = result.stdout.dropFirst("mldebt \(MLDebtVersion.version) (commit ".count)
      .prefix(12)
    #expect(commit.count == 12 && commit.allSatisfy(\.isHexDigit), "\(result.stdout)")
  }

  @Test func aStampWrittenLikeTheMakefileDoesIsRead() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let binary = folder + "/mldebt"
    try Data("binary".utf8).write(to: URL(fileURLWithPath: binary))
    let commit = String(repeating: "ab", count: 20)
    let stamp = try makefileStamp(for: binary, commit: commit, dirty: "yes")
    try stamp.write(toFile: folder + "/" + BuildStamp.fileName, atomically: true, encoding: .utf8)
    #expect(BuildStamp.read(executable: binary) == BuildStamp(commit: commit, dirty: true))
    #expect(
      VersionLine.text(executable: binary)
        == "mldebt \(MLDebtVersion.version) (commit abababababab, dirty)")
  }

  @Test func aRebuiltBinaryDoesNotInheritTheStamp() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let binary = folder + "/mldebt"
    try Data("binary".utf8).write(to: URL(fileURLWithPath: binary))
    let stamp = try makefileStamp(
      for: binary, commit: String(repeating: "cd", count: 20), dirty: "no")
    try stamp.write(toFile: folder + "/" + BuildStamp.fileName, atomically: true, encoding: .utf8)
    // A rebuild writes a new file (new inode, size and time).
    try FileManager.default.removeItem(atPath: binary)
    try Data("rebuilt binary".utf8).write(to: URL(fileURLWithPath: binary))
    #expect(BuildStamp.read(executable: binary) == nil)
    #expect(VersionLine.text(executable: binary).contains("commit unknown"))
  }

  @Test func withoutAStampTheCheckoutsHeadIsNamedAsSuch() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let head = String(repeating: "12", count: 20)
    try FileManager.default.createDirectory(
      atPath: folder + "/.git/refs/heads", withIntermediateDirectories: true)
    try "ref: refs/heads/main\n".write(
      toFile: folder + "/.git/HEAD", atomically: true, encoding: .utf8)
    try (head + "\n").write(
      toFile: folder + "/.git/refs/heads/main", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      atPath: folder + "/bin", withIntermediateDirectories: true)
    try Data("binary".utf8).write(to: URL(fileURLWithPath: folder + "/bin/mldebt"))
    let line = VersionLine.text(executable: folder + "/bin/mldebt")
    #expect(line.contains("commit 121212121212 of the checkout holding the binary"))
    #expect(line.contains("not stamped"))
  }
}
