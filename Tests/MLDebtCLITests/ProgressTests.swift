import Foundation
import Testing

@testable import mldebt

@Suite("Progress on stderr")
struct ProgressTests {
  /// Runs `mldebt ARGUMENTS` under a pseudo-terminal (util-linux `script`), stdout discarded, and
  /// returns what the terminal showed (the program's stderr).
  func underPseudoTerminal(_ arguments: [String], status: Int32 = 0) throws -> String {
    let quoted = ([CLIRunner.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
    let result = try CLIRunner.runProgram(
      "/usr/bin/script", ["-q", "-e", "-c", quoted + " > /dev/null", "/dev/null"],
      environment: ["MLDEBT_PROGRESS_AFTER": "0"])
    #expect(result.status == status, "\(result.stdout)")
    return result.stdout
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func appearsOnATerminal() throws {
    let shown = try underPseudoTerminal(["sources", "examples/car-loans"])
    #expect(shown.contains("MLflow runs  42/42"), "\(shown)")
    #expect(shown.contains("\r\u{1B}[K"))
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func driftShowsItsComparisons() throws {
    // The example's latest window drifts, so drift exits 1.
    let shown = try underPseudoTerminal(["drift", "examples/car-loans"], status: 1)
    #expect(shown.contains("drift comparisons (columns x windows)"), "\(shown)")
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func quietSilencesIt() throws {
    let shown = try underPseudoTerminal(["sources", "examples/car-loans", "--quiet"])
    #expect(!shown.contains("MLflow runs"), "\(shown)")
  }

  @Test func silentThroughAPipe() throws {
    let result = try CLIRunner.run(
      ["sources", "examples/car-loans"], environment: ["MLDEBT_PROGRESS_AFTER": "0"])
    #expect(result.status == 0)
    #expect(!result.stderr.contains("MLflow runs"))
    #expect(!result.stderr.contains("\u{1B}"))
  }

  @Test func aStepShorterThanTheDelayDrawsNothing() {
    let written = Written()
    let progress = TerminalProgress(delay: 3600) { written.append($0) }
    progress.started("runs", total: 10)
    progress.advanced("runs", by: 10)
    progress.finished("runs")
    #expect(written.text.isEmpty)
  }

  @Test func aLineSaysDoneTotalRateAndTimeLeft() {
    let start = Date(timeIntervalSince1970: 0)
    #expect(
      TerminalProgress.line("runs", 50, 100, start, start.addingTimeInterval(10))
        == "runs  50/100  5/s  10s left")
    #expect(
      TerminalProgress.line("runs", 100, 100, start, start.addingTimeInterval(4))
        == "runs  100/100  25/s")
    #expect(TerminalProgress.duration(125) == "2m05s")
  }

  @Test func theLineIsClearedWhenTheStepEnds() {
    let written = Written()
    let progress = TerminalProgress(delay: 0) { written.append($0) }
    progress.started("runs", total: 2)
    progress.advanced("runs", by: 2)
    progress.finished("runs")
    #expect(written.text.hasPrefix("\r\u{1B}[Kruns  2/2  "))
    #expect(written.text.hasSuffix("\r\u{1B}[K"))
  }
}

/// Collects what a progress line writes.
final class Written: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []
  func append(_ text: String) { lock.withLock { parts.append(text) } }
  var text: String { lock.withLock { parts.joined() } }
}
