import Foundation

/// Runs the built `mldebt` binary and captures what it prints.
struct CLIRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The package root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// The binary: `MLDEBT_BINARY`, or the debug build in the package's build folder.
  static var binary: String {
    if let path = ProcessInfo.processInfo.environment["MLDEBT_BINARY"] { return path }
    let candidates = [".build/debug/mldebt"].map { packageRoot + "/" + $0 }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  /// Runs `mldebt ARGUMENTS` with stdin from /dev/null (or from `input`, through a file), in
  /// `directory` (the package root by default).
  static func run(
    _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil,
    input: String? = nil
  )
    throws -> Result
  {
    try runProgram(binary, arguments, environment: environment, in: directory, input: input)
  }

  /// Runs any program the same way (for wrappers such as `script`).
  static func runProgram(
    _ program: String, _ arguments: [String], environment: [String: String] = [:],
    in directory: String? = nil, input: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? packageRoot)
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    // stdout through a pipe read to the end; stderr through a file, so neither can block.
    let out = Pipe()
    let errorPath = NSTemporaryDirectory() + "mldebt-stderr-" + UUID().uuidString
    FileManager.default.createFile(atPath: errorPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errorPath) }
    let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    process.standardOutput = out
    process.standardError = errorHandle
    if let input {
      let inputPath = NSTemporaryDirectory() + "mldebt-stdin-" + UUID().uuidString
      FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
      defer { try? FileManager.default.removeItem(atPath: inputPath) }
      process.standardInput = FileHandle(forReadingAtPath: inputPath)
    } else {
      process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    }
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorHandle.close()
    let errData = FileManager.default.contents(atPath: errorPath) ?? Data()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
