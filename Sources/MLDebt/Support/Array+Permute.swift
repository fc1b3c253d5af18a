extension Array {
  /// Reorders the elements so that the element at `order[i]` comes to position `i`. `order` is
  /// a permutation of the indices. Elements are swapped along the permutation's cycles, so none
  /// is copied (a copy of a reference retains it).
  mutating func permute(into order: [Int]) {
    precondition(order.count == count, "the order must name every element once")
    var placed = [Bool](repeating: false, count: count)
    // Swapped in the buffer: the array's own `swapAt` copied each element it moved (a retain,
    // and a release when it was overwritten).
    withUnsafeMutableBufferPointer { elements in
      for start in elements.indices where !placed[start] {
        // Follow the cycle through `start`: each position takes the element its order names.
        var position = start
        placed[position] = true
        while !placed[order[position]] {
          elements.swapAt(position, order[position])
          position = order[position]
          placed[position] = true
        }
      }
    }
  }
}
