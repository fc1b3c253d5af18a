import Foundation
import MLDebt

/// Writes JSON bytes: to standard output in large chunks as they are produced, or into a buffer
/// that the caller takes (``bytes``) when parts of one document are written in parallel.
struct JSONStreamWriter {
  /// What has been written and not yet flushed.
  private(set) var bytes: [UInt8] = []
  private let streams: Bool

  private static let flushSize = 1 << 16
  private static let hex = Array("0123456789abcdef".utf8)

  /// A writer to standard output, or (`streaming: false`) one that only fills ``bytes``.
  init(streaming: Bool = true, capacity: Int = 1 << 16) {
    streams = streaming
    bytes.reserveCapacity(capacity)
  }

  mutating func raw(_ text: String) {
    bytes.append(contentsOf: text.utf8)
    flushIfFull()
  }

  /// Bytes that are already JSON, such as a buffer another writer filled.
  mutating func raw(bytes more: [UInt8]) {
    bytes.append(contentsOf: more)
    flushIfFull()
  }

  /// A JSON string: quotes, backslashes and control characters escaped; runs of plain bytes
  /// are copied at once.
  mutating func string(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var plain = 0
      for position in 0..<utf8.count {
        let byte = utf8[position]
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
        if plain < position {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain..<position]))
        }
        plain = position + 1
        switch byte {
        case 0x22: bytes.append(contentsOf: [92, 34])
        case 0x5C: bytes.append(contentsOf: [92, 92])
        case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
        default:
          bytes.append(contentsOf: [
            92, UInt8(ascii: "u"), 48, 48, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 15)],
          ])
        }
      }
      if plain < utf8.count {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain...]))
      }
    }
    bytes.append(UInt8(ascii: "\""))
    flushIfFull()
  }

  mutating func optional(_ text: String?) {
    if let text { string(text) } else { raw("null") }
  }

  /// A number; NaN and infinities, which JSON cannot hold, are written as null.
  mutating func number(_ value: Double) {
    raw(value.isFinite ? RunValue.format(value) : "null")
  }

  /// An object of strings, keys in order.
  mutating func strings(_ values: [String: String]) {
    object(values) { $0.string($1) }
  }

  /// An object of numbers, keys in order.
  mutating func numbers(_ values: [String: Double]) {
    object(values) { $0.number($1) }
  }

  /// An object, keys in order, each value written by `write`.
  private mutating func object<Value>(
    _ values: [String: Value], _ write: (inout JSONStreamWriter, Value) -> Void
  ) {
    bytes.append(UInt8(ascii: "{"))
    for (offset, pair) in values.sorted(by: { $0.key < $1.key }).enumerated() {
      if offset > 0 { bytes.append(UInt8(ascii: ",")) }
      string(pair.key)
      bytes.append(UInt8(ascii: ":"))
      write(&self, pair.value)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  private mutating func flushIfFull() {
    if streams && bytes.count >= Self.flushSize { flush() }
  }

  /// Writes what is buffered to standard output.
  mutating func flush() {
    guard !bytes.isEmpty else { return }
    FileHandle.standardOutput.write(Data(bytes))
    bytes.removeAll(keepingCapacity: true)
  }
}
