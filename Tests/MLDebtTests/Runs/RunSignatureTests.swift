import Foundation
import Testing

@testable import MLDebt

@Suite("Run signatures, and the byte order of cache keys and folder listings")
struct RunSignatureTests {
  /// The text caches written before the stack formatting hold: `seconds.nanoseconds:size`.
  private func expectedText(_ path: String) -> String {
    var info = stat()
    #expect(stat(path, &info) == 0)
    return "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_size)"
  }

  @Test func signatureIsTheModificationTimeAndSizeOfMetaYAML() throws {
    let directory = TemporaryDirectory()
    let meta = directory.write("0/run-a/meta.yaml", "run_id: run-a\nstatus: 3\n")
    let expected = expectedText(meta)
    let byPath = RunSignature.status(runFolder: directory.path + "/0/run-a")
    #expect(RunSignature.text(byPath) == expected)
    let experiment = open(directory.path + "/0", O_RDONLY | O_DIRECTORY)
    #expect(experiment >= 0)
    defer { close(experiment) }
    let byFolder = RunSignature.status(runFolder: "run-a", in: experiment)
    #expect(RunSignature.text(byFolder) == expected)
    var stored = expected
    stored.withUTF8 { #expect(RunSignature.matches(byFolder, UnsafeRawBufferPointer($0))) }

    // Another size, another signature: a stamp that is a prefix of it does not match either.
    directory.write("0/run-a/meta.yaml", "run_id: run-a\nstatus: 3\nend_time: 1\n")
    let changed = RunSignature.status(runFolder: "run-a", in: experiment)
    #expect(RunSignature.text(changed) != expected)
    stored.withUTF8 { #expect(!RunSignature.matches(changed, UnsafeRawBufferPointer($0))) }
    var cut = String(RunSignature.text(changed).dropLast())
    cut.withUTF8 { #expect(!RunSignature.matches(changed, UnsafeRawBufferPointer($0))) }
  }

  @Test func aMissingMetaYAMLSignsAsADash() {
    let directory = TemporaryDirectory()
    directory.write("0/run-b/params/lr", "0.1")
    let experiment = open(directory.path + "/0", O_RDONLY | O_DIRECTORY)
    defer { close(experiment) }
    let status = RunSignature.status(runFolder: "run-b", in: experiment)
    #expect(status == nil)
    #expect(RunSignature.text(status) == "-")
    var dash = "-"
    dash.withUTF8 { #expect(RunSignature.matches(nil, UnsafeRawBufferPointer($0))) }
    #expect(RunSignature.text(RunSignature.status(runFolder: directory.path + "/0/none")) == "-")
  }

  @Test func byteOrderIsSQLitesOrderOfText() {
    // SQLite's BINARY collation compares UTF-8 bytes with memcmp, then length.
    let keys = ["0/b", "0/a", "0/ab", "1/", "0/é", "0/z", "0/", "10/a", "1/a", "0/Z", ""]
    let sorted = keys.sorted(by: ByteOrder.precedes)
    let bytewise = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    #expect(sorted == bytewise)
    for a in keys {
      for b in keys {
        var bytes = b
        let order = bytes.withUTF8 { ByteOrder.compare(a, UnsafeRawBufferPointer($0)) }
        #expect((order < 0) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) < \(b)")
        #expect((order == 0) == (a == b), "\(a) == \(b)")
        // A key given as its experiment's prefix and its name compares as the joined text.
        for cut in [0, a.utf8.count / 2, a.utf8.count] {
          let prefix = String(decoding: a.utf8.prefix(cut), as: UTF8.self)
          let rest = String(decoding: a.utf8.dropFirst(cut), as: UTF8.self)
          guard prefix + rest == a else { continue }
          let split = bytes.withUTF8 {
            ByteOrder.compare(prefix, rest, UnsafeRawBufferPointer($0))
          }
          #expect(split.signum() == order.signum(), "\(prefix)|\(rest) vs \(b)")
        }
      }
    }
  }

  @Test func folderListingsAreSortedByTheBytesOfTheirNames() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("ab0é_Z.").map(String.init)
    for _ in 0..<50 {
      // Names that share long prefixes, short names, and non-ASCII ones.
      var names: Set<String> = []
      for _ in 0..<Int.random(in: 0..<200, using: &generator) {
        let shared = ["", "a1b2c3d4", "a1b2c3d4e5", "ab", "é"][
          Int.random(in: 0..<5, using: &generator)]
        let tail = (0..<Int.random(in: 0..<6, using: &generator)).map { _ in
          alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        }
        let name = shared + tail.joined()
        if !name.isEmpty { names.insert(name) }
      }
      let entries = names.shuffled(using: &generator).map {
        MLflowDirectory.Entry(name: $0, type: UInt8(DT_DIR))
      }
      let sorted = MLflowDirectory.sortedByName(entries).map(\.name)
      #expect(sorted == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
  }
}
