import Foundation
import MLDebt

/// The small form `a` opens in the Checklist view to answer a practice item: a status and a
/// note. Who answers comes from the environment; when is stamped as the form is saved.
public struct AttestationForm: Sendable, Hashable {
  /// The field with the keyboard.
  public enum Field: Sendable, Hashable, CaseIterable {
    /// The status: none, manual or automated.
    case status
    /// The free-text note.
    case note
  }

  /// The practice item's id, such as `infra.canary`.
  public var item: String
  /// The practice, as a question.
  public var question: String
  /// The chosen status.
  public var status: AttestationStatus
  /// The note being typed.
  public var note: TextInput
  /// Who attests (from `$USER` or git's `user.name`), if known.
  public var by: String?
  /// The evidence link of the current answer, kept as it is.
  public var evidence: String?
  /// The focused field.
  public var field = Field.status

  /// Creates a form for `item`, filled in from its current answer.
  public init(item: ChecklistItem, current: Attestation?, by: String?) {
    self.item = item.id
    question = item.question
    status = current?.status ?? .none
    note = TextInput(current?.note ?? "")
    self.by = by
    evidence = current?.evidence
  }

  /// Moves the status by `delta` steps (wrapping): none → manual → automated.
  public mutating func cycleStatus(_ delta: Int) {
    let all = AttestationStatus.allCases
    let index = all.firstIndex(of: status) ?? 0
    status = all[((index + delta) % all.count + all.count) % all.count]
  }

  /// The answer the form holds, undated (the save stamps the date).
  public var attestation: Attestation {
    let text = note.text.trimmingCharacters(in: .whitespaces)
    return Attestation(
      item: item, status: status, by: by, note: text.isEmpty ? nil : text, evidence: evidence)
  }
}
