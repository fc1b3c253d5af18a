import Dispatch
import Foundation

/// Work split into contiguous chunks that run on every core, with the results in chunk order.
public enum ParallelChunks {
  /// Calls `body` on consecutive ranges of `0..<count` (each at most `chunkSize` long) on all
  /// cores and returns the results in the order of the ranges. `body` must be safe to call
  /// concurrently.
  public static func map<T>(
    count: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> T
  ) -> [T] {
    guard count > 0 else { return [] }
    let size = max(1, chunkSize)
    let chunks = (count + size - 1) / size
    if chunks == 1 { return [body(0..<count)] }
    let slots = ResultSlots<T>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      slots[chunk] = body((chunk * size)..<min(count, (chunk + 1) * size))
    }
    return slots.values
  }
}
