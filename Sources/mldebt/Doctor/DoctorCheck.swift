/// One thing `mldebt doctor` looked at, how it is, and how to fix it.
struct DoctorCheck: Encodable, Equatable {
  /// How a check came out.
  enum Status: String, Encodable {
    /// Fine.
    case ok
    /// Works, but not as well as it could (mldebt falls back).
    case warning
    /// Stops mldebt from working; `doctor` exits 1.
    case broken
  }

  /// `terminal`, `libraries`, `project` or `source`.
  var area: String
  /// What was checked (`TERM`, `colors`, `dvc dvc.yaml`).
  var name: String
  /// How it came out.
  var status: Status
  /// What was found.
  var detail: String
  /// What to do about it; `nil` when it is fine.
  var fix: String?
}
