import Foundation

/// A table of text cells that renders as aligned plain text or as a Markdown table.
///
/// Used by every CLI command's `--format table` and `--format markdown`, and by reviews.
/// Cells are sanitized; column widths count terminal cells, not bytes.
public struct TextTable: Sendable {
  /// How a column aligns its cells.
  public enum Alignment: Sendable { case left, right }

  /// Column headers.
  public var headers: [String]
  /// Alignment per column (left when missing).
  public var alignments: [Alignment]
  /// The rows; a short row is padded with empty cells.
  public var rows: [[String]]

  /// Creates a table.
  public init(headers: [String], alignments: [Alignment] = [], rows: [[String]] = []) {
    self.headers = headers
    self.alignments = alignments
    self.rows = rows
  }

  /// Plain text: a header, a rule, and the rows, columns separated by two spaces.
  public func plainText() -> String {
    let cells = ([headers] + rows).map { row in
      (0..<headers.count).map { index in index < row.count ? TerminalText.sanitize(row[index]) : ""
      }
    }
    let widths = (0..<headers.count).map { column in
      cells.map { DisplayWidth.of($0[column]) }.max() ?? 0
    }
    var lines: [String] = []
    for (index, row) in cells.enumerated() {
      let padded = row.enumerated().map { column, cell in
        pad(cell, to: widths[column], alignment(column), last: column == row.count - 1)
      }
      lines.append(padded.joined(separator: "  "))
      if index == 0 {
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A GitHub-flavoured Markdown table. Pipes in cells are escaped.
  public func markdown() -> String {
    func cell(_ text: String) -> String {
      TerminalText.sanitize(text).replacingOccurrences(of: "|", with: "\\|")
    }
    var lines = ["| " + headers.map(cell).joined(separator: " | ") + " |"]
    lines.append(
      "|"
        + (0..<headers.count).map { alignment($0) == .right ? " ---: " : " --- " }.joined(
          separator: "|")
        + "|")
    for row in rows {
      let padded = (0..<headers.count).map { $0 < row.count ? cell(row[$0]) : "" }
      lines.append("| " + padded.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func alignment(_ column: Int) -> Alignment {
    column < alignments.count ? alignments[column] : .left
  }

  private func pad(_ text: String, to width: Int, _ alignment: Alignment, last: Bool) -> String {
    let gap = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    switch alignment {
    case .left: return last ? text : text + gap
    case .right: return gap + text
    }
  }
}
