/// Sorting of finite `Double`s in linear time (a least-significant-digit radix sort over the
/// values' bit patterns), for the million-value samples of the drift engine, where it is several
/// times faster than the standard library's comparison sort.
///
/// The order is the numeric order, with `-0.0` before `0.0` (which compare equal). NaN must be
/// filtered out first. Short arrays use the standard library's sort.
enum RadixSort {
  /// Below this many values, the comparison sort is faster.
  static let threshold = 2048

  /// Sorts `values` ascending.
  static func sort(_ values: inout [Double]) {
    let count = values.count
    if count < threshold {
      values.sort()
      return
    }
    // Map each value to an unsigned key with the same order: flip every bit of a negative
    // value, only the sign bit of a positive one.
    var keys = [UInt64](repeating: 0, count: count)
    let passes = 6
    let bits = 11
    let radix = 1 << bits
    let mask = UInt64(radix - 1)
    var histogram = [Int](repeating: 0, count: passes * radix)
    values.withUnsafeBufferPointer { source in
      keys.withUnsafeMutableBufferPointer { keys in
        histogram.withUnsafeMutableBufferPointer { histogram in
          for index in 0..<count {
            let pattern = source[index].bitPattern
            let key = pattern >> 63 == 1 ? ~pattern : pattern | (1 << 63)
            keys[index] = key
            for pass in 0..<passes {
              histogram[pass * radix + Int((key >> UInt64(pass * bits)) & mask)] += 1
            }
          }
        }
      }
    }
    var scratch = [UInt64](repeating: 0, count: count)
    keys.withUnsafeMutableBufferPointer { keys in
      scratch.withUnsafeMutableBufferPointer { scratch in
        histogram.withUnsafeMutableBufferPointer { histogram in
          var from = keys
          var to = scratch
          for pass in 0..<passes {
            let base = pass * radix
            // A digit that every key shares needs no pass.
            let key = from[0]
            if histogram[base + Int((key >> UInt64(pass * bits)) & mask)] == count { continue }
            var total = 0
            for digit in 0..<radix {
              let bucket = histogram[base + digit]
              histogram[base + digit] = total
              total += bucket
            }
            let shift = UInt64(pass * bits)
            for index in 0..<count {
              let key = from[index]
              let slot = base + Int((key >> shift) & mask)
              to[histogram[slot]] = key
              histogram[slot] += 1
            }
            swap(&from, &to)
          }
          if from.baseAddress != keys.baseAddress {
            keys.baseAddress!.update(from: from.baseAddress!, count: count)
          }
        }
      }
    }
    values.withUnsafeMutableBufferPointer { out in
      keys.withUnsafeBufferPointer { keys in
        for index in 0..<count {
          let key = keys[index]
          let pattern = key >> 63 == 1 ? key & ~(1 << 63) : ~key
          out[index] = Double(bitPattern: pattern)
        }
      }
    }
  }
}
