/// A complete debt review of a project: scores and their trends, what changed since a baseline
/// snapshot, the top findings, drift, the lineage around affected features, the reproducibility
/// of recent runs, and the ML Test Score.
///
/// It is a plain value built from a ``ProjectAnalysis`` and the project's recorded history
/// (``ReviewHistory``) by ``build(_:history:options:)``; every list is sorted, so the same inputs
/// give the same review. Writers turn it into JSON (``json()``), Markdown or plain text
/// (`ReviewWriter` in the TUI module, which draws its charts with the TUI's widgets).
public struct DebtReview: Sendable, Hashable {
  /// A score with its history.
  public struct Score: Sendable, Hashable {
    /// The score now, 0–100.
    public var score: Double
    /// Its letter grade.
    public var grade: String
    /// Recorded scores, oldest first, ending with the score now.
    public var trend: [Double]
  }

  /// One debt area's score.
  public struct Area: Sendable, Hashable {
    /// The area.
    public var area: DebtArea
    /// Its score and trend.
    public var score: Score
    /// How many findings count in it.
    public var findingCount: Int
  }

  /// Whether a finding is new since the baseline.
  public enum Change: String, Sendable, Hashable, Codable {
    /// The baseline did not have it.
    case new
    /// The baseline had it too.
    case unchanged
  }

  /// A finding as the review shows it.
  public struct FindingEntry: Sendable, Hashable {
    /// Its rule.
    public var rule: String
    /// Its area.
    public var area: DebtArea
    /// Its severity.
    public var severity: Finding.Severity
    /// What is wrong.
    public var title: String
    /// Why it is debt.
    public var why: String
    /// What to do.
    public var fix: String
    /// What it points at, as text (`feature:age`, `run 0a1b…`, `dvc.yaml:12`).
    public var evidence: [String]
    /// Its stable fingerprint.
    public var fingerprint: String
    /// New or unchanged since the baseline; `nil` without a baseline.
    public var change: Change?
  }

  /// A finding in a new/fixed/unchanged list: enough to name it.
  public struct FindingSummary: Sendable, Hashable {
    /// Its fingerprint.
    public var fingerprint: String
    /// Its rule.
    public var rule: String
    /// Its area id.
    public var area: String
    /// Its severity.
    public var severity: String
    /// Its title (as recorded, for fixed findings).
    public var title: String
  }

  /// What changed since a recorded snapshot.
  public struct Baseline: Sendable, Hashable {
    /// The snapshot's number.
    public var snapshot: Int64
    /// When it was taken.
    public var takenAt: String
    /// Its git commit, if known.
    public var gitCommit: String?
    /// Its overall score.
    public var overall: Double
    /// Findings now that the snapshot did not have.
    public var new: [FindingSummary]
    /// Findings the snapshot had that are gone.
    public var fixed: [FindingSummary]
    /// Findings in both.
    public var unchanged: [FindingSummary]
  }

  /// A column that drifted in at least one window.
  public struct DriftedColumn: Sendable, Hashable {
    /// The column.
    public var column: String
    /// The method of the latest window.
    public var method: String?
    /// Whether the method's score is a p-value (drift below the threshold).
    public var scoreIsPValue: Bool
    /// The threshold of the latest window.
    public var threshold: Double?
    /// The latest window's score.
    public var latestScore: Double?
    /// Whether it drifted in the latest window.
    public var latestDrifted: Bool
    /// In how many windows it drifted.
    public var driftedWindows: Int
    /// The score per window (`nil` where not computed).
    public var scores: [Double?]
    /// The verdict per window.
    public var drifted: [Bool]
  }

  /// The drift of one monitoring source.
  public struct DriftSource: Sendable, Hashable {
    /// The source's name.
    public var name: String
    /// The model it monitors.
    public var model: String?
    /// The window labels, in time order.
    public var windows: [String]
    /// The share of drifted columns per window.
    public var shares: [Double]
    /// The drift-share threshold of the dataset verdict.
    public var shareThreshold: Double
    /// Whether the latest window's share crosses it.
    public var datasetDrift: Bool
    /// Columns compared.
    public var columns: Int
    /// The columns that drifted in some window, in column order.
    public var driftedColumns: [DriftedColumn]
    /// Why there is no report, when there is none.
    public var error: String?
  }

  /// A node in a lineage tree: the neighbour, the edge that links it, and its own neighbours
  /// further along.
  public struct TreeNode: Sendable, Hashable {
    /// The node, `kind:name`.
    public var node: String
    /// The edge kind linking it to its parent (empty at the root).
    public var edge: String
    /// Its neighbours one step further, in id order.
    public var children: [TreeNode]
    /// Neighbours not listed (beyond the tree's depth or breadth).
    public var omitted: Int
  }

  /// The lineage around a feature that findings or drift point at.
  public struct Neighbourhood: Sendable, Hashable {
    /// The feature, `feature:name`.
    public var node: String
    /// Why it is in the review: the rules of its findings, and `drift` when it drifted.
    public var reasons: [String]
    /// What it is computed from, two steps up (the feature at the root).
    public var upstream: TreeNode
    /// What it feeds, two steps down (the feature at the root).
    public var downstream: TreeNode
    /// The same nodes as a Mermaid flowchart.
    public var mermaid: String
  }

  /// A recent run and what it recorded for reproducing it.
  public struct RunEntry: Sendable, Hashable {
    /// The run id.
    public var id: String
    /// Its name.
    public var name: String?
    /// Its status.
    public var status: String
    /// Its start, `YYYY-MM-DD HH:MM` UTC.
    public var started: String?
    /// Its git commit (12 characters).
    public var commit: String?
    /// How many data inputs it logged.
    public var dataInputs: Int
    /// Whether the audit found a random seed (a seed param or tag).
    public var seed: Bool
    /// Registered model versions it produced in production, such as `car-loan-default v3`.
    public var production: [String]
    /// The reproducibility audit's gaps (`git commit`, `data snapshot`, `seed`, …), as
    /// ``RunAudit/Check/label``s.
    public var missing: [String]
  }

  /// One ML Test Score test.
  public struct TestEntry: Sendable, Hashable {
    /// The test id.
    public var id: String
    /// Its section.
    public var section: String
    /// What it asks.
    public var title: String
    /// 0, 0.5 or 1.
    public var points: Double
    /// What the points rest on.
    public var evidence: String
  }

  /// One ML Test Score section's score.
  public struct Section: Sendable, Hashable {
    /// The section id (`data`, `model`, `infrastructure`, `monitoring`).
    public var id: String
    /// Its title.
    public var title: String
    /// The sum of its tests, 0–7.
    public var score: Double
  }

  /// How many findings have one severity.
  public struct SeverityCount: Sendable, Hashable {
    /// The severity.
    public var severity: Finding.Severity
    /// How many findings have it.
    public var count: Int
  }

  /// The ML Test Score.
  public struct TestScore: Sendable, Hashable {
    /// The minimum over the sections.
    public var final: Double
    /// The paper's reading of it.
    public var band: String
    /// Each section's score, in rubric order.
    public var sections: [Section]
    /// Every test, in rubric order.
    public var tests: [TestEntry]
    /// Its recorded values, oldest first, ending with the value now.
    public var trend: [Double]
  }

  /// The project's name.
  public var project: String
  /// When the findings were judged (ISO 8601): the analysis' time.
  public var asOf: String
  /// The overall score.
  public var overall: Score
  /// The nine areas, in checklist order.
  public var areas: [Area]
  /// How many findings there are at each severity, most severe first (every severity listed).
  public var severityCounts: [SeverityCount]
  /// All findings.
  public var findingCount: Int
  /// The most severe findings, at most ``ReviewOptions/topFindings``.
  public var topFindings: [FindingEntry]
  /// What changed since the baseline, when one was given.
  public var baseline: Baseline?
  /// Snapshots recorded in the project's history.
  public var snapshotCount: Int
  /// The drift of each monitoring source.
  public var drift: [DriftSource]
  /// The lineage around affected features.
  public var lineage: [Neighbourhood]
  /// The most recent runs (``ReviewOptions/recentRuns``), newest first, then any older run
  /// behind a production model version.
  public var runs: [RunEntry]
  /// How many runs there are in all (not deleted).
  public var runCount: Int
  /// The ML Test Score.
  public var mlTestScore: TestScore
}

/// What goes into a review, besides the analysis and the history.
public struct ReviewOptions: Sendable, Hashable {
  /// How many findings are shown in full.
  public var topFindings = 10
  /// How many recent runs the reproducibility table lists.
  public var recentRuns = 10
  /// How many features get a lineage neighbourhood.
  public var neighbourhoods = 6
  /// How many neighbours a tree lists under one node before it says how many more there are.
  public var treeBreadth = 8

  /// The defaults.
  public init() {}
}
