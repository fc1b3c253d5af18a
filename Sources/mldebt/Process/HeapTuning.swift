#if canImport(Glibc)
  import Glibc
#endif

/// How the C heap grows, set once before any thread starts.
///
/// glibc grows a thread's heap by the few pages each allocation needs, one `mprotect` call at a
/// time: loading 20,000 runs from the cache made 6,800 such calls, one in six of the command's
/// system time. With a 64 MiB top pad each heap grows in large steps instead (69 calls). The pad
/// is address space reserved ahead, not memory used: pages count only once they are touched.
/// (It also keeps up to that much freed memory at a heap's top instead of returning it.)
enum HeapTuning {
  /// The bytes each heap grows by beyond what an allocation needs.
  static let topPad: Int32 = 64 << 20

  /// glibc's `M_TOP_PAD` option of `mallopt` (`<malloc.h>`, which Swift's Glibc module leaves
  /// out, so the function is looked up by name).
  private static let topPadOption: Int32 = -2

  /// Applies the tuning; a no-op where the C library has no `mallopt`.
  static func apply() {
    #if canImport(Glibc)
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(nil, "mallopt") else { return }
      _ = unsafeBitCast(symbol, to: Mallopt.self)(topPadOption, topPad)
    #endif
  }
}
