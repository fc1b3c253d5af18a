import MLDebt

/// Where the project's load and its analysis are, for the loading screen, the status bar and
/// Esc (cancel) and `r` (reload). Part of ``AppState``; the run loop feeds it from
/// ``LoadMonitor`` polls.
public struct LoadStatus: Sendable, Hashable {
  /// Where the load is.
  public enum Phase: Sendable, Hashable {
    /// Sources are being read.
    case loading
    /// Esc was pressed; the readers are stopping.
    case cancelling
    /// The load was cancelled before it ended (`r` starts it again).
    case cancelled
    /// The load failed outright, with why.
    case failed(String)
    /// The project on screen is the latest load.
    case loaded
  }

  /// Where the load is.
  public var phase: Phase
  /// Every source of the load under way (or of the last one), with its state.
  public var sources: [SourceProgress] = []
  /// Whether a loaded project is on screen (before the first load ends, every view shows the
  /// loading screen instead).
  public var hasData: Bool
  /// Whether a background analysis started by a load is under way (Esc cancels it).
  public var analysing = false
  /// Whether the background analysis was cancelled (views say so instead of "analysing…").
  public var analysisCancelled = false
  /// The spinner's frame, advanced by the run loop while something runs.
  public var tick = 0
  /// Where to open once the first load ends (`--view`, `--select`).
  public var startView: ViewID?
  /// The item to select once the first load ends.
  public var startSelection: String?

  /// A project that is loaded and shown (the state built from a `Project`).
  public static let loaded = LoadStatus(phase: .loaded, hasData: true)

  /// The first load, just started: nothing to show yet.
  public static let starting = LoadStatus(phase: .loading, hasData: false)

  /// Whether sources are being read (or stopping).
  public var isLoading: Bool { phase == .loading || phase == .cancelling }

  /// Whether the views give way to the loading screen.
  public var showsScreen: Bool { !hasData }
}
