import ArgumentParser
import Foundation
import Testing

@testable import mldebt

@Suite("Completions and the man page")
struct ShellFilesTests {
  static let example = CLIRunner.packageRoot + "/examples/car-loans"

  /// Every subcommand users see, by name.
  static var shownSubcommands: [String] {
    MLDebtCommand.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map {
      $0._commandName
    }
  }

  @Test func generatedFilesNameEverySubcommand() throws {
    let folder = NSTemporaryDirectory() + "mldebt-shell-files-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try CLIRunner.run(["generate-shell-files", "--output", folder])
    #expect(result.status == 0, "\(result.stderr)")
    let names = Self.shownSubcommands
    #expect(names.contains("doctor") && names.contains("config") && names.count >= 12)
    var files = GenerateShellFilesCommand.completionFiles.map(\.path)
    files.append(GenerateShellFilesCommand.manualFile)
    for file in files {
      let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
      for name in names {
        if file.hasSuffix(".1") {
          // Man pages escape hyphens.
          let escaped = name.replacingOccurrences(of: "-", with: "\\-")
          #expect(text.contains(".SS \"mldebt \(escaped)\""), "\(file) lacks \(name)")
        } else {
          #expect(text.contains(name), "\(file) lacks \(name)")
        }
      }
    }
  }

  @Test func theManPageIsWellFormed() throws {
    let folder = NSTemporaryDirectory() + "mldebt-man-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try CLIRunner.run(["generate-shell-files", "--output", folder])
    let page = try String(
      contentsOfFile: folder + "/" + GenerateShellFilesCommand.manualFile, encoding: .utf8)
    #expect(page.hasPrefix(".TH \"MLDEBT\" 1 "))
    #expect(page.contains(".SH SYNOPSIS") && page.contains(".SH COMMANDS"))
    // Hidden commands stay out of the manual.
    #expect(!page.contains("generate\\-shell\\-files") && !page.contains("bench\\-lineage"))
    // No text line is read as a request by accident.
    for line in page.split(separator: "\n") where line.hasPrefix(".") {
      #expect(line.dropFirst().first?.isLetter == true, "\(line)")
    }
  }

  @Test func escapingKeepsTextFromBeingRequests() {
    #expect(ManualPage.escape(".hidden") == "\\&.hidden")
    #expect(ManualPage.escape("a-b\\c") == "a\\-b\\ec")
    #expect(ManualPage.escape("bell\u{7}") == "bell")
  }

  /// Asks the binary for completions the way the generated bash script does.
  func complete(_ command: [String], argument: String, typed: String) throws -> [String] {
    let words = ["mldebt"] + command + [typed]
    let result = try CLIRunner.run(
      ["---completion"] + command.prefix(1)
        + ["--", argument, "\(words.count - 1)", "\(typed.count)"] + words,
      in: Self.example)
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout.split(separator: "\n").map(String.init)
  }

  @Test func nodeIdsComeFromTheProjectInTheCurrentDirectory() throws {
    let nodes = try complete(["lineage"], argument: "positional@1", typed: "model:")
    #expect(nodes == ["model:default_risk", "model:fraud_model"])
  }

  @Test func selectCompletesNodesAndRuns() throws {
    let all = try complete(["open", "--select"], argument: "--select", typed: "")
    #expect(all.contains("dataset:predictions"))
    let runIDs = all.filter { !$0.contains(":") }
    #expect(runIDs.count == 42, "the example has 42 runs")
  }

  @Test func runsDiffCompletesRunIds() throws {
    let runs = try complete(["runs", "--diff"], argument: "--diff", typed: "0505")
    #expect(runs == ["0505be99fe534a009b1f627a43f890a4"])
  }

  @Test func viewNamesAreListedInTheScripts() throws {
    let script = try CLIRunner.run(["--generate-completion-script", "zsh"])
    for view in ["overview", "lineage", "runs", "drift", "checklist", "sources"] {
      #expect(script.stdout.contains(view))
    }
  }

  @Test func outsideAProjectNothingIsCompleted() throws {
    let folder = NSTemporaryDirectory() + "mldebt-empty-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try CLIRunner.run(
      ["---completion", "lineage", "--", "positional@1", "2", "0", "mldebt", "lineage", ""],
      in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
  }
}
