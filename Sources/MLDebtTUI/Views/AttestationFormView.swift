import MLDebt

/// The attestation form over the Checklist view: the practice, its status (none, manual,
/// automated), a note, and who answers.
public enum AttestationFormView {
  /// Draws the form in the middle of `area`, with the terminal cursor in the note when it has
  /// focus.
  public static func render(
    _ form: AttestationForm, state: AppState, into buffer: inout CellBuffer, _ area: Rect
  ) {
    let width = min(72, area.width - 4)
    let textWidth = max(10, width - 4)
    let question = ScreenText.wrap(ScreenText.sanitize(form.question), width: textWidth)
    var lines: [[Span]] = question.map { [Span($0, Style(.text, [.bold]))] }
    lines.append([])
    var status: [Span] = [
      Span("Status  ", Style(form.field == .status ? .accent : .muted, [.bold]))
    ]
    for option in AttestationStatus.allCases {
      let chosen = option == form.status
      let mark = chosen ? "(•) " : "( ) "
      status.append(
        Span(
          (state.glyphs.chartMode == .ascii ? (chosen ? "(*) " : "( ) ") : mark)
            + option.rawValue + "  ",
          Style(chosen ? ChecklistView.role(for: option) : .muted, chosen ? [.bold] : [])))
    }
    lines.append(status)
    let noteRow = lines.count
    lines.append([
      Span("Note    ", Style(form.field == .note ? .accent : .muted, [.bold])),
      Span(String(repeating: " ", count: max(0, textWidth - 8))),
    ])
    lines.append([
      Span("By      ", Style(.muted)),
      Span(ScreenText.sanitize(form.by ?? "(unknown: set $USER)")),
      Span("  at today's date", Style(.muted)),
    ])
    lines.append([
      Span("Saved to ", Style(.muted)),
      Span(ScreenText.sanitize(state.project.attestationsPath)),
      Span(" (the manifest is not touched)", Style(.muted)),
    ])
    let modal = Modal(
      title: "Attest \(form.item)", lines: lines,
      footer:
        "Tab field \(state.glyphs.dot) \(state.glyphs.arrowLeft)/\(state.glyphs.arrowRight) status \(state.glyphs.dot) Enter save \(state.glyphs.dot) Esc cancel",
      maxWidth: width)
    let frame = modal.render(into: &buffer, area, glyphs: state.glyphs)
    let inputRect = Rect(
      x: frame.x + 2 + 8, y: frame.y + 1 + noteRow, width: max(1, frame.width - 4 - 8), height: 1)
    guard inputRect.y < frame.maxY - 1 else { return }
    form.note.render(
      into: &buffer, inputRect, prompt: "",
      style: form.field == .note ? Style(.text).on(.selection) : Style(.text))
    if form.field != .note { buffer.cursor = nil }
  }
}
