/// How a practice is carried out, as a person attests it (ML Test Score: 0, 0.5 or 1 point).
public enum AttestationStatus: String, Sendable, Hashable, Codable, CaseIterable {
  /// Not done.
  case none
  /// Done by hand, with the result documented and shared.
  case manual
  /// Done automatically and repeatedly.
  case automated
}

/// A person's answer to a checklist item that no file can show (for example, canary deployments).
///
/// Attestations live in their own YAML file, which mldebt writes atomically; the hand-written
/// manifest is never rewritten.
public struct Attestation: Sendable, Hashable, Codable {
  /// The checklist item it answers (for example `infra.canary`).
  public var item: String
  /// How the practice is carried out.
  public var status: AttestationStatus
  /// Who attested it.
  public var by: String?
  /// When, as an ISO 8601 date or date-time.
  public var at: String?
  /// A note.
  public var note: String?
  /// A link or path to the evidence.
  public var evidence: String?

  /// Creates an attestation.
  public init(
    item: String, status: AttestationStatus, by: String? = nil, at: String? = nil,
    note: String? = nil, evidence: String? = nil
  ) {
    self.item = item
    self.status = status
    self.by = by
    self.at = at
    self.note = note
    self.evidence = evidence
  }
}
