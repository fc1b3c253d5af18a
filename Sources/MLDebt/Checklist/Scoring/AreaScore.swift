/// The score of one debt area, with every contribution that made it.
public struct AreaScore: Sendable, Hashable, Codable {
  /// What moved a score, and by how much.
  public struct Contribution: Sendable, Hashable, Codable {
    /// What kind of thing it is.
    public enum Kind: String, Sendable, Hashable, Codable {
      /// A finding (its fingerprint is the id).
      case finding
      /// An attestation of a practice item (the item id is the id).
      case practice
    }

    /// A finding or a practice.
    public var kind: Kind
    /// The finding's fingerprint, or the practice item's id.
    public var id: String
    /// What it is, in one line.
    public var label: String
    /// Points added to (positive) or taken from (negative) the area's score.
    public var points: Double
  }

  /// The area.
  public var area: DebtArea
  /// The final score, 0–100.
  public var score: Double
  /// The evidence part before weighting, 0–100: 100 minus what findings took.
  public var evidenceScore: Double
  /// The practice part before weighting, 0–100: the mean value of the area's attestations.
  public var practiceScore: Double
  /// Every contribution, largest effect first.
  public var contributions: [Contribution]
  /// How many findings the area has.
  public var findingCount: Int

  /// The letter grade.
  public var grade: String { ScoringRules.grade(score) }
}
