import Foundation
import MLDebt

@testable import MLDebtScript

/// Paths and helpers shared by the script tests.
enum ScriptFixtures {
  /// The repository root.
  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The bundled example project.
  static let carLoans = repository + "/examples/car-loans"

  /// The example project, loaded once.
  static let carLoansProject: Project = {
    do {
      return try Project.load(at: carLoans)
    } catch {
      fatalError("cannot load examples/car-loans: \(error)")
    }
  }()

  /// A fixed "now" so that findings and scores do not move with the calendar.
  static let now = Date(timeIntervalSince1970: 1_780_000_000)

  /// A fresh temporary directory.
  static func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "mldebt-script-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return SandboxPath.canonicalRoot(path)
  }
}

/// Collects what a script prints.
final class OutputBuffer: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""

  /// Appends text.
  func append(_ value: String) { lock.withLock { text += value } }

  /// Everything written so far.
  var value: String { lock.withLock { text } }
}

/// What running a snippet gave.
struct ScriptRun {
  var output: String
  var status: Int32?
  var error: ScriptError?
}

/// Runs a snippet in a fresh engine.
func runScript(
  _ code: String, name: String = "test.lua", root: String = ScriptFixtures.carLoans,
  trusted: Bool = false, arguments: [String] = [], preload: Project? = nil,
  configure: (inout ScriptOptions) -> Void = { _ in }
) -> ScriptRun {
  var options = ScriptOptions(root: root)
  options.trusted = trusted
  options.arguments = arguments
  options.now = ScriptFixtures.now
  configure(&options)
  let output = OutputBuffer()
  do {
    let engine = try ScriptEngine(options: options, output: output.append)
    if let preload { engine.preload(preload) }
    let status = try engine.run(code: code, name: name)
    return ScriptRun(output: output.value, status: status)
  } catch {
    return ScriptRun(output: output.value, status: nil, error: error)
  }
}
