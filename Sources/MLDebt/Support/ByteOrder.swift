#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The order of text by its UTF-8 bytes: SQLite's default collation, and `memcmp`'s.
///
/// `String`'s own `<` compares Unicode scalars after normalisation, and walking two `utf8`
/// views byte by byte is slow; these compare the bytes in one `memcmp`.
enum ByteOrder {
  /// Negative, zero or positive as `a` orders before, with or after `b`.
  static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
      let order = memcmp(a.baseAddress!, b.baseAddress!, common)
      if order != 0 { return Int(order) }
    }
    return a.count - b.count
  }

  /// Negative, zero or positive as `a`'s UTF-8 bytes order before, with or after `b`.
  static func compare(_ a: String, _ b: UnsafeRawBufferPointer) -> Int {
    var a = a
    return a.withUTF8 { compare(UnsafeRawBufferPointer($0), b) }
  }

  /// Negative, zero or positive as the UTF-8 bytes of `prefix` followed by `rest` order
  /// before, with or after `b`; the two are not joined into a new string.
  static func compare(_ prefix: String, _ rest: String, _ b: UnsafeRawBufferPointer) -> Int {
    var prefix = prefix
    return prefix.withUTF8 { head in
      let order = compare(
        UnsafeRawBufferPointer(head), UnsafeRawBufferPointer(rebasing: b.prefix(head.count)))
      if order != 0 { return order }
      return compare(rest, UnsafeRawBufferPointer(rebasing: b[head.count...]))
    }
  }

  /// Whether `a`'s UTF-8 bytes order before `b`'s.
  static func precedes(_ a: String, _ b: String) -> Bool {
    var b = b
    return b.withUTF8 { compare(a, UnsafeRawBufferPointer($0)) < 0 }
  }
}
