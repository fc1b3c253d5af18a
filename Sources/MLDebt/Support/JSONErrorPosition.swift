import Foundation

/// Where a JSON parse error happened, as a 1-based line and column.
enum JSONErrorPosition {
  /// Uses the byte index Foundation reports, or the end of the data (for input cut short).
  static func locate(_ error: any Error, in data: Data) -> (line: Int, column: Int) {
    let info = (error as NSError).userInfo
    let index = (info["NSJSONSerializationErrorIndex"] as? Int) ?? data.count
    var line = 1
    var column = 1
    for byte in data.prefix(max(0, min(index, data.count))) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return (line, column)
  }
}
