import Foundation
import Testing

@testable import MLDebtTUI

/// `mldebt doctor`'s terminfo probe (`NcursesBackend.capabilities(term:)`), checked against
/// ncurses' own `tput`. The probe once opened an ncurses screen with `newterm`, which loses the
/// 1,624-byte screen it allocated when terminfo has no entry for `TERM`: LeakSanitizer reported
/// it from `mldebt doctor` in `make sanitize` (docs/reliability.md). It now reads the entry with
/// `setupterm` and frees it with `del_curterm`.
@Suite("Terminal probe", .serialized)  // the probe sets ncurses' global cur_term while it reads
struct TerminalProbeTests {
  /// `tput -T TERM ARGUMENTS…`: its standard output and exit status, or `nil` without tput.
  static func tput(_ term: String, _ arguments: String...) -> (output: String, status: Int32)? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tput") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tput")
    process.arguments = ["-T", term] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
  }

  @Test(arguments: ["xterm-256color", "xterm", "vt100", "linux"])
  func aKnownTerminalMatchesTput(term: String) throws {
    let colors = try #require(Self.tput(term, "colors"), "tput is not installed")
    try #require(colors.status == 0, "terminfo has no \(term) here")
    let mouse = try #require(Self.tput(term, "kmous"))
    let probed = try #require(NcursesBackend.capabilities(term: term))
    let expected = max(Int(colors.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 0)
    #expect(probed.colors == expected)
    #expect(probed.mouse == (mouse.status == 0 && !mouse.output.isEmpty))
  }

  @Test func anUnknownTerminalHasNoEntry() throws {
    let tput = try #require(Self.tput("no-such-terminal-type", "colors"), "tput is not installed")
    #expect(tput.status != 0)
    #expect(NcursesBackend.capabilities(term: "no-such-terminal-type") == nil)
    #expect(TerminalProbe.run(environment: ["TERM": "no-such-terminal-type"]).known == false)
  }

  /// The probe keeps no state between calls: the same answers, in any order, many times.
  @Test func repeatedProbesAgree() throws {
    let first = NcursesBackend.capabilities(term: "xterm-256color")
    for _ in 0..<200 {
      #expect(NcursesBackend.capabilities(term: "no-such-terminal-type") == nil)
      let again = NcursesBackend.capabilities(term: "xterm-256color")
      #expect(again?.colors == first?.colors && again?.mouse == first?.mouse)
    }
  }
}
