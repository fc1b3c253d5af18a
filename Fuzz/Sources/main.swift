// The entry point of `mldebt-fuzz`: one libFuzzer binary for every parser, the parser chosen
// by the environment variable MLDEBT_FUZZ_TARGET. `Fuzz/run` builds it with
// `-sanitize=fuzzer,address -parse-as-library` and runs it; see docs/reliability.md.
//
// SwiftPM links an executable with `main` aliased to `mldebt_fuzz_main`, so that function is
// defined here and hands the command line to libFuzzer's driver.

import Foundation

/// libFuzzer's driver: parses the flags, then calls `callback` for every input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's `main`: picks the target named by MLDEBT_FUZZ_TARGET and runs libFuzzer.
@_cdecl("mldebt_fuzz_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
  let name = ProcessInfo.processInfo.environment["MLDEBT_FUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget.all.first(where: { $0.name == name }) else {
    let names = FuzzTarget.all.map(\.name).joined(separator: " ")
    FileHandle.standardError.write(Data("set MLDEBT_FUZZ_TARGET to one of: \(names)\n".utf8))
    return 2
  }
  FuzzTarget.chosen = target
  var count = argc
  var arguments = argv
  return runFuzzerDriver(&count, &arguments) { fuzzOneInput($0, $1) }
}

/// Runs the chosen target on one input (libFuzzer's entry point for each input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = start.map { Data(bytes: $0, count: size) } ?? Data()
  FuzzTarget.chosen?.run(bytes)
  return 0
}
