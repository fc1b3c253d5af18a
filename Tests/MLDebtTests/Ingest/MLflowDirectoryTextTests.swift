import Testing

@testable import MLDebt

/// The files of a store are read as text with a shortcut for ASCII; it must give what the
/// generic UTF-8 validation gives, for valid and invalid bytes alike.
@Suite("MLflow file store: text of a file's bytes")
struct MLflowDirectoryTextTests {
  @Test func theASCIIShortcutAgreesWithTheValidation() {
    var generator = SystemRandomNumberGenerator()
    let pieces: [[UInt8]] = [
      Array("abc".utf8), Array("0.5".utf8), [0x00], [0x7F], [0x0A], Array("é".utf8),
      Array("€".utf8), Array("😀".utf8), [0x80], [0xC3], [0xE2, 0x82], [0xFF], [0xED, 0xA0, 0x80],
    ]
    for _ in 0..<5_000 {
      let bytes = (0..<Int.random(in: 0...5, using: &generator)).flatMap { _ in
        pieces.randomElement(using: &generator)!
      }
      let shortcut = bytes.withUnsafeBufferPointer { MLflowDirectory.validUTF8($0) }
      #expect(shortcut == String(validating: bytes, as: UTF8.self), "\(bytes)")
      #expect(shortcut.map { Array($0.utf8) } ?? bytes == bytes, "\(bytes)")
    }
  }
}
