import Foundation
import MLDebt

/// Reads lines from a terminal with editing and history (``LineEditor``), for the REPL of
/// `mldebt script`. The terminal is in raw mode only while a line is read, so whatever the
/// script prints in between appears as usual; the saved settings are restored after every line,
/// also when reading fails.
///
/// A line longer than the terminal is wide is drawn scrolled horizontally, so that the cursor
/// stays on the one row the editor redraws.
final class TerminalLineReader {
  private let input: Int32
  private let output: Int32
  private var editor = LineEditor()
  private var pending: [UInt8] = []

  /// A reader over a terminal; `nil` when `input` is not one.
  init?(input: Int32 = 0, output: Int32 = 1) {
    guard isatty(input) == 1 else { return nil }
    self.input = input
    self.output = output
  }

  /// What one call of ``readLine(prompt:)`` returns.
  enum Result: Equatable {
    /// The line the user entered.
    case line(String)
    /// The user pressed Ctrl-C.
    case interrupt
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
  }

  /// Shows `prompt` and reads one edited line.
  func readLine(prompt: String) -> Result {
    var saved = termios()
    guard tcgetattr(input, &saved) == 0 else { return .endOfInput }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else { return .endOfInput }
    defer { _ = tcsetattr(input, TCSAFLUSH, &saved) }

    editor.reset()
    let prompt = TerminalText.sanitize(prompt)
    draw(prompt)
    while true {
      guard let key = nextKey() else {
        write("\r\n")
        return .endOfInput
      }
      switch editor.apply(key) {
      case .editing: draw(prompt)
      case .submit(let line):
        write("\r\n")
        return .line(line)
      case .interrupt:
        write("^C\r\n")
        return .interrupt
      case .endOfInput:
        write("\r\n")
        return .endOfInput
      }
    }
  }

  /// The next key, reading more bytes as needed; `nil` at the end of input or on a read error.
  private func nextKey() -> LineEditor.Key? {
    while true {
      if let decoded = LineEditor.Key.decode(&pending) {
        if let key = decoded { return key }
        continue
      }
      var chunk = [UInt8](repeating: 0, count: 256)
      let count = chunk.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress, 256) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return nil }
      pending += chunk[0..<count]
    }
  }

  /// Redraws the prompt and the line on the current row and puts the cursor in place.
  private func draw(_ prompt: String) {
    let columns = terminalWidth()
    let promptWidth = DisplayWidth.of(prompt)
    let room = max(8, columns - promptWidth - 1)
    var widths = editor.text.map { DisplayWidth.of(String($0)) }
    widths = widths.map { max(0, $0) }
    // Scroll so that the cursor is visible: the first shown character is the one after which
    // the text up to the cursor fits in `room`.
    var first = 0
    var beforeCursor = widths[..<editor.cursor].reduce(0, +)
    while beforeCursor > room && first < editor.cursor {
      beforeCursor -= widths[first]
      first += 1
    }
    var shown = ""
    var used = 0
    var index = first
    while index < editor.text.count && used + widths[index] <= room {
      shown.append(editor.text[index])
      used += widths[index]
      index += 1
    }
    var frame = "\r" + prompt + shown + "\u{1B}[K\r"
    let column = promptWidth + beforeCursor
    if column > 0 { frame += "\u{1B}[\(column)C" }
    write(frame)
  }

  private func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(output, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
    return 80
  }

  private func write(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(output, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      bytes = bytes.dropFirst(written)
    }
  }
}
