extension MLTestScore {
  /// The practice item ids whose attestation counts for the rubric test `testID` (for example
  /// `infra-6` → `infra.canary`), besides the test's own id and `mltest.<id>`.
  public static func practiceItems(of testID: String) -> [String] {
    rubric.first { $0.id == testID }?.items ?? []
  }
}
