import Dispatch
import Foundation

/// Reads an MLflow file store (`mlruns/`): experiments, runs with their parameters, tags,
/// metrics and dataset inputs, and the model registry under `mlruns/models/`.
///
/// The layout is MLflow's (`mlflow/store/tracking/file_store.py` and
/// `mlflow/store/model_registry/file_store.py`, checked against MLflow 3.17):
///
/// ```
/// mlruns/<experiment id>/meta.yaml              experiment_id, name, lifecycle_stage, …
/// mlruns/<experiment id>/tags/<key>              one file per experiment tag
/// mlruns/<experiment id>/datasets/<id>/meta.yaml name, digest, source, …
/// mlruns/<experiment id>/<run id>/meta.yaml      run_id, status (1–5), start_time, …
/// mlruns/<experiment id>/<run id>/params/<key>   one file per parameter (keys may nest)
/// mlruns/<experiment id>/<run id>/tags/<key>     one file per tag
/// mlruns/<experiment id>/<run id>/metrics/<key>  one line per point: timestamp value step
/// mlruns/<experiment id>/<run id>/inputs/<id>/meta.yaml  dataset inputs
/// mlruns/.trash/<experiment id>/…                deleted experiments
/// mlruns/models/<name>/meta.yaml, aliases/<alias>, version-<n>/meta.yaml
/// ```
///
/// Every problem becomes a diagnostic with the file (and line, where there is one); a broken
/// run is skipped and the rest load. Runs are read in parallel. Nothing is written.
public struct MLflowFileStoreReader: SourceReader {
  /// The MLflow file store source.
  public static let kind = SourceKind.mlflowFileStore
  /// The store's folder, relative to the project root where it lies inside it.
  public let path: String

  /// Creates a reader for the store at `path` (relative to the project root, or absolute).
  public init(path: String) {
    self.path = path
  }

  /// Finds the file store: `--mlflow`, the manifest's `sources.mlflow`, or `mlruns/` beside it.
  public static func discover(_ context: LoadContext) -> [MLflowFileStoreReader] {
    MLflowStoreLocation.discover(context).compactMap {
      guard case .fileStore(let path) = $0 else { return nil }
      return MLflowFileStoreReader(path: context.relative(path))
    }
  }

  /// Reads the store.
  public func read(_ context: LoadContext) -> SourceContribution {
    let root = context.absolute(path)
    var contribution = SourceContribution(kind: Self.kind, path: path)
    switch FileAccess.entry(at: root) {
    case .directory:
      break
    case .missing:
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: path),
          "the MLflow file store \(path) does not exist", expected: "an mlruns/ folder",
          hint: "check sources.mlflow in the manifest or --mlflow"))
      return contribution
    case .brokenLink:
      contribution.fail(
        FileReadError.brokenLink(path).diagnostic(source: Self.kind, file: path))
      return contribution
    case .file, .other:
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: path),
          "\(path) is not a folder, so it is not an MLflow file store",
          expected: "an mlruns/ folder",
          hint: "for a SQLite store write sqlite:///\(path) in sources.mlflow"))
      return contribution
    }
    var store = MLflowFileStore(
      root: root, display: path, options: context.options, projectRoot: context.root)
    let ownCache =
      context.options.runCache == nil && context.options.cacheRuns
      ? try? RunCache(path: RunCache.path(root: context.root)) : nil
    store.cache = context.options.runCache ?? ownCache
    let read = store.read()
    if let ownCache, !ownCache.wasWritten { context.options.keepRunCache?(ownCache) }
    return read
  }
}

/// The work of reading one file store.
struct MLflowFileStore: Sendable {
  /// The store's absolute path.
  let root: String
  /// The store's path as shown in diagnostics and provenance.
  let display: String
  /// The load options.
  let options: LoadOptions
  /// The project root, where moved logged-model artifact folders are looked for.
  var projectRoot = ""
  /// The run cache, if one is kept.
  var cache: RunCache?

  static let kind = SourceKind.mlflowFileStore
  /// Folders inside an experiment folder that are not runs (`RESERVED_EXPERIMENT_FOLDERS`).
  static let reservedExperimentFolders: Set<String> = ["tags", "datasets", "traces", "models"]

  /// Whether a folder of an experiment is one of `reservedExperimentFolders`; a run folder's
  /// 32-character name is told apart by its length, without hashing it.
  static func isReservedExperimentFolder(_ name: String) -> Bool {
    name.utf8.count <= 8 && reservedExperimentFolders.contains(name)
  }

  /// An experiment folder and what its runs need from it.
  struct ExperimentFolder: Sendable {
    var id: String
    var absolute: String
    var shown: String
    var deleted: Bool
    var datasets: [String: RunInput]
    /// Logged models by the id of the run that logged them.
    var loggedModels: [String: [LoggedModel]] = [:]
  }

  struct RunResult: Sendable {
    var run: Run?
    var diagnostics: [Diagnostic]
  }

  private func shown(_ relative: String) -> String {
    display == "." ? relative : display + "/" + relative
  }

  func read() -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: display)
    guard let entries = MLflowDirectory.list(root) else {
      contribution.fail(
        FileReadError.unreadable(display, reason: String(cString: strerror(errno)))
          .diagnostic(source: Self.kind, file: display))
      return contribution
    }

    var folders: [(relative: String, id: String, deleted: Bool)] = []
    var hasRegistry = false
    for entry in entries where entry.isDirectory(in: root) {
      switch entry.name {
      case ".trash":
        for trashed in MLflowDirectory.list(root + "/.trash") ?? []
        where trashed.isDirectory(in: root + "/.trash") && !trashed.name.hasPrefix(".") {
          folders.append((".trash/" + trashed.name, trashed.name, true))
        }
      case "models":
        hasRegistry = true
      default:
        if !entry.name.hasPrefix(".") { folders.append((entry.name, entry.name, false)) }
      }
    }

    var experiments: [Experiment] = []
    var experimentFolders: [ExperimentFolder] = []
    for folder in folders {
      if options.isCancelled { return contribution }
      let (experiment, datasets, diagnostics) = readExperiment(folder.relative, id: folder.id)
      contribution.diagnostics += diagnostics
      guard var experiment else { continue }
      if folder.deleted { experiment.deleted = true }
      experiments.append(experiment)
      let models = readLoggedModels(folder.relative, into: &contribution.diagnostics)
      experimentFolders.append(
        ExperimentFolder(
          id: folder.id, absolute: root + "/" + folder.relative, shown: shown(folder.relative),
          deleted: experiment.deleted, datasets: datasets, loggedModels: models))
    }

    let runs = readRuns(experimentFolders, into: &contribution.diagnostics)
    var registeredModels: [RegisteredModel] = []
    if hasRegistry { registeredModels = readRegistry(into: &contribution.diagnostics) }

    contribution.experiments = experiments
    contribution.runs = runs
    contribution.registeredModels = registeredModels
    contribution.counts = MLflowFormat.counts(
      experiments: experiments, runs: runs, registeredModels: registeredModels)
    if experiments.isEmpty && registeredModels.isEmpty {
      contribution.diagnostics.append(
        Diagnostic(
          .warning, source: Self.kind, at: SourceLocation(file: display),
          "\(display) holds no MLflow experiment (no <id>/meta.yaml folder)",
          expected: "an MLflow file store (mlruns/)",
          hint: "if MLflow tracks into a database, point sources.mlflow at it"))
    }
    return contribution
  }

  // MARK: - Experiments

  private func readExperiment(_ relative: String, id: String) -> (
    Experiment?, [String: RunInput], [Diagnostic]
  ) {
    let folder = root + "/" + relative
    let metaShown = shown(relative + "/meta.yaml")
    var sink = DiagnosticSink(source: Self.kind, file: metaShown)
    let outcome = MLflowMetaFile.read(
      folder + "/meta.yaml", limit: options.maxFileSize, sink: &sink,
      what: "experiment \(id) with its runs")
    let entries: [(key: String, value: MLflowMetaValue)]
    switch outcome {
    case .entries(let read): entries = read
    case .failed: return (nil, [:], sink.diagnostics)
    case .missing, .empty:
      // A folder without meta.yaml is not an experiment to MLflow either.
      let runCount = (MLflowDirectory.list(folder) ?? []).filter {
        $0.isDirectory(in: folder) && !Self.isReservedExperimentFolder($0.name)
      }.count
      sink.append(
        Diagnostic(
          .warning, source: Self.kind, at: SourceLocation(file: shown(relative)),
          "experiment folder \(relative) has \(outcome.isEmptyFile ? "an empty" : "no") meta.yaml; it and its \(runCount) run folder\(runCount == 1 ? "" : "s") are skipped",
          expected: "meta.yaml with experiment_id and name",
          hint:
            "MLflow cannot read this experiment either; restore meta.yaml or move the folder out of the store"
        ))
      return (nil, [:], sink.diagnostics)
    }

    var experiment = Experiment(
      id: id, name: "", provenance: Provenance(Self.kind, shown(relative)))
    var recordedID: String?
    for (key, value) in entries {
      switch key {
      case "experiment_id": recordedID = MLflowMetaFile.text(value, &sink)
      case "name": experiment.name = MLflowMetaFile.text(value, &sink) ?? ""
      case "lifecycle_stage":
        experiment.deleted = MLflowMetaFile.text(value, &sink)?.lowercased() == "deleted"
      case "tags":
        // Deleted experiments keep their tags in meta.yaml as a mapping.
        for (tagKey, tagValue) in value.children(&sink) {
          if let text = MLflowMetaFile.text(tagValue, &sink) { experiment.tags[tagKey] = text }
        }
      default: break
      }
    }
    if let recordedID, recordedID != id {
      sink.report(
        .warning, keyPath: "experiment_id",
        "meta.yaml says experiment_id `\(recordedID)` but the folder is \(id); MLflow ignores such an experiment, and so it is skipped with its runs",
        expected: "experiment_id `\(id)`", hint: "restore the folder's name or its meta.yaml")
      return (nil, [:], sink.diagnostics)
    }
    if experiment.name.isEmpty {
      sink.report(
        .warning, "experiment \(id) has no name; its id is shown instead",
        expected: "a `name:` line")
      experiment.name = id
    }
    var diagnostics = sink.diagnostics
    let tags = readKeyValueFolder(folder + "/tags", shownFolder: shown(relative + "/tags"))
    experiment.tags.merge(tags.values) { _, new in new }
    diagnostics += tags.diagnostics
    let datasets = readDatasets(folder + "/datasets", shownFolder: shown(relative + "/datasets"))
    diagnostics += datasets.diagnostics
    return (experiment, datasets.values, diagnostics)
  }

  private func readDatasets(_ folder: String, shownFolder: String) -> (
    values: [String: RunInput], diagnostics: [Diagnostic]
  ) {
    guard let entries = MLflowDirectory.list(folder) else { return ([:], []) }
    var datasets: [String: RunInput] = [:]
    var diagnostics: [Diagnostic] = []
    for entry in entries where entry.isDirectory(in: folder) {
      var sink = DiagnosticSink(
        source: Self.kind, file: shownFolder + "/" + entry.name + "/meta.yaml")
      switch MLflowMetaFile.read(
        folder + "/" + entry.name + "/meta.yaml", limit: options.maxFileSize, sink: &sink,
        what: "dataset \(entry.name)")
      {
      case .entries(let fields):
        var input = RunInput(name: "")
        for (key, value) in fields {
          switch key {
          case "name": input.name = MLflowMetaFile.text(value, &sink) ?? ""
          case "digest": input.digest = MLflowMetaFile.text(value, &sink)
          case "source":
            input.source = MLflowFormat.datasetSource(MLflowMetaFile.text(value, &sink))
          default: break
          }
        }
        if input.name.isEmpty { input.name = entry.name }
        datasets[entry.name] = input
      case .missing, .empty:
        sink.report(
          .warning, "dataset folder \(entry.name) has no meta.yaml; runs that used it lose it",
          expected: "meta.yaml with name and digest")
      case .failed: break
      }
      diagnostics += sink.diagnostics
    }
    return (datasets, diagnostics)
  }

  // MARK: - Logged models

  /// Reads `<experiment>/models/<model id>/meta.yaml` (MLflow 3 logged models), by source run.
  private func readLoggedModels(_ relative: String, into diagnostics: inout [Diagnostic])
    -> [String: [LoggedModel]]
  {
    let folder = root + "/" + relative + "/models"
    var models: [String: [LoggedModel]] = [:]
    for entry in MLflowDirectory.list(folder) ?? [] where entry.isDirectory(in: folder) {
      let modelFolder = folder + "/" + entry.name
      var sink = DiagnosticSink(
        source: Self.kind, file: shown(relative + "/models/" + entry.name + "/meta.yaml"))
      defer { diagnostics += sink.diagnostics }
      guard
        case .entries(let fields) = MLflowMetaFile.read(
          modelFolder + "/meta.yaml", limit: options.maxFileSize, sink: &sink,
          what: "logged model \(entry.name)")
      else { continue }
      var model = LoggedModel(id: entry.name, name: entry.name)
      var runID: String?
      var deleted = false
      for (key, value) in fields {
        switch key {
        case "model_id": model.id = MLflowMetaFile.text(value, &sink) ?? entry.name
        case "name": model.name = MLflowMetaFile.text(value, &sink) ?? model.name
        case "artifact_location": model.artifactLocation = MLflowMetaFile.text(value, &sink)
        case "source_run_id": runID = MLflowMetaFile.text(value, &sink)
        case "lifecycle_stage":
          deleted = MLflowMetaFile.text(value, &sink)?.lowercased() == "deleted"
        default: break
        }
      }
      guard let runID, !runID.isEmpty, !deleted else { continue }
      model.artifacts = MLflowLoggedModelFiles.list(
        location: model.artifactLocation, defaultFolder: modelFolder + "/artifacts",
        projectRoot: projectRoot)
      models[runID, default: []].append(model)
    }
    return models
  }

  // MARK: - Runs

  private func readRuns(_ experiments: [ExperimentFolder], into diagnostics: inout [Diagnostic])
    -> [Run]
  {
    // The cache key of every run folder, its experiment's part computed once.
    let prefixes = experiments.map { Self.cacheKey($0, "") }
    var found: [RunJob] = []
    var listings: [RunCache.Listing] = []
    for (index, experiment) in experiments.enumerated() {
      let names = runFolderNames(experiment, key: prefixes[index], listings: &listings)
      found.reserveCapacity(found.count + names.count)
      for name in names {
        found.append(RunJob(experiment: index, name: name))
      }
    }
    let jobs = found
    guard !jobs.isEmpty else {
      cache?.update(
        store: root, changed: [], present: [], listings: listings, experiments: Set(prefixes))
      return []
    }
    let seeds = templateSeeds(jobs, prefixes: prefixes)
    // Experiments by the byte order of their key prefixes: the order of the runs' cache keys
    // is their experiment's rank, then their name (a prefix ends with the only `/` in it, so no
    // prefix begins another).
    var ranking = [Int](repeating: 0, count: prefixes.count)
    for (rank, experiment) in prefixes.indices.sorted(by: {
      ByteOrder.precedes(prefixes[$0], prefixes[$1])
    }).enumerated() {
      ranking[experiment] = rank
    }
    let ranks = ranking
    let progress = options.progress
    progress?.started("MLflow runs", total: jobs.count)
    // Many small chunks, so that the cores finish together (a chunk of a large store's warm
    // open takes about 2 ms; each costs one query of the cache).
    let chunkSize = max(16, jobs.count / (ProcessInfo.processInfo.activeProcessorCount * 32))
    var chunks = ParallelChunks.map(count: jobs.count, chunkSize: chunkSize) { range in
      let chunk = readRuns(
        jobs[range], of: experiments, prefixes: prefixes, ranks: ranks, seeds: seeds)
      progress?.advanced("MLflow runs", by: range.count)
      return chunk
    }
    progress?.finished("MLflow runs")
    // Nothing of a cancelled load is kept, and the cache is not written.
    if options.isCancelled { return [] }
    var runs: [Run] = []
    var changed: [(folder: String, entry: RunCache.Entry)] = []
    var hits = 0
    runs.reserveCapacity(jobs.count)
    for index in chunks.indices {
      // Moved out of the chunk, not copied: a copy retains each run, and freeing the chunk
      // releases it again, two writes to 20,000 objects no thread has touched for a while.
      // (The chunk is not copied either: a second reference to its array would make the first
      // `take` copy the whole array.)
      for slot in chunks[index].runs.indices {
        if let run = chunks[index].runs[slot].take() { runs.append(run) }
      }
      diagnostics += chunks[index].diagnostics
      changed += chunks[index].changed.map {
        (prefixes[jobs[$0.job].experiment] + jobs[$0.job].name, $0.entry)
      }
      hits += chunks[index].hits
    }
    // A warm open that took every run folder from the cache, and found no cached folder gone,
    // writes nothing (each hit is a different cached folder).
    if let cache,
      !listings.isEmpty || hits != jobs.count || cache.count(store: root) != jobs.count
    {
      cache.update(
        store: root, changed: changed,
        present: Set(jobs.map { prefixes[$0.experiment] + $0.name }), listings: listings,
        experiments: Set(prefixes))
    }
    return runs
  }

  /// The run folders of an experiment folder, sorted by their bytes. With a cache, an
  /// experiment folder that has not changed since it was listed is not listed again: one `stat`
  /// of it finds its cached listing (``RunFolderListing``). A listing that may be cached is
  /// given to `listings`.
  private func runFolderNames(
    _ experiment: ExperimentFolder, key: String, listings: inout [RunCache.Listing]
  ) -> [String] {
    let signature = cache.flatMap {
      RunFolderListing.signature(ofFolder: experiment.absolute, settle: $0.settleSeconds)
    }
    if let cache, let signature,
      let names = cache.runFolders(store: root, folder: key, signature: signature)
    {
      return names
    }
    guard let entries = MLflowDirectory.list(experiment.absolute) else { return [] }
    var names: [String] = []
    // Whether every entry's type came from the listing as a folder or a file.
    var typed = true
    for entry in entries
    where !entry.name.hasPrefix(".") && !Self.isReservedExperimentFolder(entry.name) {
      if !entry.hasKnownType { typed = false }
      if entry.isDirectory(in: experiment.absolute) { names.append(entry.name) }
    }
    if let signature, let cache, typed,
      RunFolderListing.signature(ofFolder: experiment.absolute, settle: cache.settleSeconds)
        == signature
    {
      listings.append(RunCache.Listing(folder: key, signature: signature, names: names))
    }
    return names
  }

  /// What one thread read of its share of the run folders, in the folders' order.
  private struct RunChunk: Sendable {
    /// The runs read (each taken out when the chunks are joined).
    var runs: [Run?] = []
    /// The diagnostics of reading them.
    var diagnostics: [Diagnostic] = []
    /// The cache entries to write for runs read from their files, by job position.
    var changed: [(job: Int, entry: RunCache.Entry)] = []
    /// How many runs came from the cache.
    var hits = 0
  }

  /// What reading one run folder gave: the run and its diagnostics, the cache entry to write
  /// (for a run read from its files that may be cached), and whether it came from the cache.
  private struct RunOutcome {
    var result: RunResult
    var entry: RunCache.Entry?
    var hit: Bool
  }

  /// A run folder to read: its experiment (a position in the experiment list) and its name.
  /// Its cache key is its experiment's key prefix and its name, compared in place and joined
  /// only for a run whose cache entry is written.
  private struct RunJob: Sendable {
    var experiment: Int
    var name: String
  }

  /// Reads run folders one after another (one thread's share). The folders are matched with
  /// the cache's rows in one ordered pass (by the UTF-8 bytes of their keys, the order of the
  /// cache's index), and a payload is decoded in place. Stops early when the load is
  /// cancelled.
  private func readRuns(
    _ jobs: ArraySlice<RunJob>, of experiments: [ExperimentFolder], prefixes: [String],
    ranks: [Int], seeds: [Int: RunCacheCodec.Templates]
  ) -> RunChunk {
    var chunk = RunChunk()
    chunk.runs.reserveCapacity(jobs.count)
    guard let cache, !jobs.isEmpty else {
      for job in jobs where !options.isCancelled {
        let result = readRun(experiments[job.experiment], folder: job.name)
        if let run = result.run { chunk.runs.append(run) }
        chunk.diagnostics += result.diagnostics
      }
      return chunk
    }
    // Each folder's outcome, by its position among the jobs (the cache's rows come in key
    // order). A struct, not a tuple: an optional tuple in an array is copied and destroyed
    // through the runtime's generic value witnesses, which retained every field of every run.
    var results = [RunOutcome?](repeating: nil, count: jobs.count)
    var templates = RunCacheCodec.Templates()
    // The experiment of the last run: its folder, open (run signatures are looked up from it),
    // and its logged models. They are taken once per experiment, not copied for each run: a
    // copy retains what the other threads' runs share, and that is an atomic write to memory
    // both cores then contend for.
    var current = (experiment: -1, descriptor: Int32(-1), models: [String: [LoggedModel]]())
    defer { if current.descriptor >= 0 { close(current.descriptor) } }
    let histories = options.metricHistories
    let cancellation = options.cancellation
    func read(_ position: Int, _ stored: RunCache.StoredRun?) {
      let experiment = jobs[position].experiment
      if current.experiment != experiment {
        if current.descriptor >= 0 { close(current.descriptor) }
        let folder = experiments[experiment]
        current = (
          experiment, open(folder.absolute, O_RDONLY | O_DIRECTORY | O_CLOEXEC), folder.loggedModels
        )
        // This thread's own copy of the shared templates, for the same reason.
        templates = seeds[experiment]?.copied() ?? RunCacheCodec.Templates()
      }
      let slot = position - jobs.startIndex
      let status =
        current.descriptor >= 0
        ? RunSignature.status(runFolder: jobs[position].name, in: current.descriptor)
        : RunSignature.status(
          runFolder: experiments[experiment].absolute + "/" + jobs[position].name)
      if let stored,
        let result = cachedRun(
          stored, status: status, models: current.models, histories: histories,
          templates: &templates)
      {
        results[slot] = RunOutcome(result: result, entry: nil, hit: true)
      } else {
        results[slot] = readRun(
          experiments[experiment], folder: jobs[position].name, status: status)
      }
    }
    let order = jobs.indices.sorted {
      let (left, right) = (jobs[$0], jobs[$1])
      return left.experiment == right.experiment
        ? ByteOrder.precedes(left.name, right.name)
        : ranks[left.experiment] < ranks[right.experiment]
    }
    func key(_ position: Int) -> String {
      prefixes[jobs[position].experiment] + jobs[position].name
    }
    func compare(_ position: Int, _ key: UnsafeRawBufferPointer) -> Int {
      ByteOrder.compare(prefixes[jobs[position].experiment], jobs[position].name, key)
    }
    var next = 0
    cache.forEach(store: root, from: key(order[0]), through: key(order[order.count - 1])) {
      key, stored in
      // A cancelled load stops between run folders.
      if cancellation?.isCancelled == true { return }
      while next < order.count && compare(order[next], key) < 0 { next += 1 }
      guard next < order.count, compare(order[next], key) == 0 else { return }
      read(order[next], stored)
      next += 1
    }
    // The folders the cache does not hold.
    for position in jobs.indices where results[position - jobs.startIndex] == nil {
      if cancellation?.isCancelled == true { break }
      read(position, nil)
    }
    var finished = 0
    for offset in results.indices {
      // Moved out of its slot, so the run is not retained for the chunk and released here.
      guard var outcome = results[offset].take() else { continue }
      finished += 1
      if !outcome.result.diagnostics.isEmpty { chunk.diagnostics += outcome.result.diagnostics }
      guard let run = outcome.result.run.take() else { continue }
      chunk.runs.append(run)
      if outcome.hit { chunk.hits += 1 }
      if let entry = outcome.entry { chunk.changed.append((jobs.startIndex + offset, entry)) }
    }
    cache.count(hits: chunk.hits, misses: finished - chunk.hits)
    return chunk
  }

  /// Map templates per experiment, from one of its cached runs: every thread starts an
  /// experiment from the same templates, so that the maps of its runs share one layout
  /// (``ParamKeyTally`` then counts their keys without hashing them).
  private func templateSeeds(_ jobs: [RunJob], prefixes: [String]) -> [Int: RunCacheCodec.Templates]
  {
    guard let cache else { return [:] }
    var seeds: [Int: RunCacheCodec.Templates] = [:]
    var tried: Set<Int> = []
    for job in jobs where tried.insert(job.experiment).inserted {
      let key = prefixes[job.experiment] + job.name
      cache.forEach(store: root, from: key, through: key) { _, stored in
        var templates = RunCacheCodec.Templates()
        if RunCacheCodec.decode(stored.payload, reusing: &templates) != nil {
          seeds[job.experiment] = templates
        }
      }
    }
    return seeds
  }

  /// The cache key of a run folder: its experiment folder (`.trash/` included) and its name.
  static func cacheKey(_ experiment: ExperimentFolder?, _ name: String) -> String {
    ((experiment?.absolute as NSString?)?.lastPathComponent ?? "")
      + (experiment?.deleted == true ? "@deleted/" : "/") + name
  }

  /// The run the cache holds (`stored`), when its run folder did not change: `status` is the
  /// folder's ``RunSignature`` status now. `models` are the experiment's logged models by run
  /// id, and `templates` carry the maps of the last cached run decoded on this thread.
  private func cachedRun(
    _ stored: RunCache.StoredRun, status: stat?, models: [String: [LoggedModel]],
    histories: Bool, templates: inout RunCacheCodec.Templates
  ) -> RunResult? {
    guard RunSignature.matches(status, stored.signature), stored.histories || !histories,
      let payload = RunCacheCodec.decode(stored.payload, reusing: &templates)
    else { return nil }
    var run = payload.run
    // Changed only where needed: a change would copy the run's fields the payload shares.
    if !models.isEmpty, let logged = models[run.id] { run.loggedModels = logged }
    if !histories && !run.metricHistory.isEmpty { run.metricHistory = [:] }
    return RunResult(run: run, diagnostics: payload.diagnostics)
  }

  /// Reads one run folder from its files, with the cache entry to write when the run may be
  /// cached: `status` is the folder's ``RunSignature`` status, taken before it was read.
  private func readRun(_ experiment: ExperimentFolder, folder name: String, status: stat?)
    -> RunOutcome
  {
    let result = readRun(experiment, folder: name)
    guard var run = result.run, [.finished, .failed, .killed].contains(run.status),
      run.endTime != nil
    else {
      return RunOutcome(result: result, entry: nil, hit: false)
    }
    run.loggedModels = []
    let payload = RunCache.encode(run, diagnostics: result.diagnostics)
    let entry = RunCache.Entry(
      signature: RunSignature.text(status), histories: options.metricHistories, payload: payload)
    return RunOutcome(result: result, entry: entry, hit: false)
  }

  /// Reads one run folder.
  func readRun(_ experiment: ExperimentFolder, folder name: String) -> RunResult {
    let folder = experiment.absolute + "/" + name
    let shownFolder = experiment.shown + "/" + name
    // One open of the run folder, and its files and folders opened from it: no walk of the
    // store's whole path for each. When it cannot be opened, they are opened by their paths.
    let opened = MLflowDirectory.openFolder(folder)
    defer { if let opened { close(opened) } }
    let base = opened ?? AT_FDCWD
    let prefix = opened == nil ? folder + "/" : ""
    var sink = DiagnosticSink(source: Self.kind, file: shownFolder + "/meta.yaml")
    let outcome = MLflowMetaFile.read(
      in: base, prefix + "meta.yaml", path: folder + "/meta.yaml", limit: options.maxFileSize,
      sink: &sink, what: "run \(name)")
    let entries: [(key: String, value: MLflowMetaValue)]
    switch outcome {
    case .entries(let read): entries = read
    case .failed: return RunResult(run: nil, diagnostics: sink.diagnostics)
    case .missing, .empty:
      return RunResult(
        run: nil,
        diagnostics: [
          Diagnostic(
            .warning, source: Self.kind, at: SourceLocation(file: shownFolder),
            "run folder \(name) in experiment \(experiment.id) has \(outcome.isEmptyFile ? "an empty" : "no") meta.yaml; the run is skipped",
            expected: "meta.yaml with run_id, status and start_time",
            hint: "MLflow cannot read this run either; it may have been copied or deleted halfway")
        ])
    }

    var run = Run(
      id: name, experimentID: experiment.id, status: .running,
      provenance: Provenance(Self.kind, shownFolder))
    var recordedID: String?
    var legacyID: String?
    var recordedExperiment: String?
    var lifecycle: String?
    for (key, value) in entries {
      switch key {
      case "run_id": recordedID = MLflowMetaFile.text(value, &sink)
      case "run_uuid": legacyID = MLflowMetaFile.text(value, &sink)
      case "experiment_id": recordedExperiment = MLflowMetaFile.text(value, &sink)
      case "run_name": run.name = MLflowMetaFile.text(value, &sink)
      case "name": if run.name?.isEmpty ?? true { run.name = MLflowMetaFile.text(value, &sink) }
      case "user_id": run.user = MLflowMetaFile.text(value, &sink)
      case "artifact_uri": run.artifactURI = MLflowMetaFile.text(value, &sink)
      case "lifecycle_stage": lifecycle = MLflowMetaFile.text(value, &sink)
      case "start_time": run.startTime = MLflowMetaFile.integer(value, &sink)
      case "end_time": run.endTime = MLflowMetaFile.integer(value, &sink)
      case "status":
        guard let text = MLflowMetaFile.text(value, &sink) else { break }
        if let status = MLflowFormat.status(text) {
          run.status = status
        } else {
          value.report(
            .warning, "`\(text)` is not a run status; the run is taken as RUNNING",
            expected: MLflowFormat.statusNames, into: &sink)
        }
      default: break
      }
    }
    let id = recordedID ?? legacyID
    if let id, id != name {
      sink.report(
        .warning, keyPath: "run_id",
        "meta.yaml says run_id `\(id)` but the folder is \(name); MLflow ignores such a run, and so it is skipped",
        expected: "run_id `\(name)`", hint: "restore the folder's name or its meta.yaml")
      return RunResult(run: nil, diagnostics: sink.diagnostics)
    }
    if let recordedExperiment, recordedExperiment != experiment.id {
      sink.report(
        .warning, keyPath: "experiment_id",
        "run \(name) says experiment_id `\(recordedExperiment)` but lies in experiment \(experiment.id); MLflow ignores such a run, and so it is skipped",
        expected: "experiment_id `\(experiment.id)`",
        hint: "move the run folder into its experiment, or fix meta.yaml")
      return RunResult(run: nil, diagnostics: sink.diagnostics)
    }
    run.deleted = lifecycle?.lowercased() == "deleted" || experiment.deleted
    var diagnostics = sink.diagnostics

    let params = readKeyValueFolder(
      folder + "/params", shownFolder: shownFolder + "/params", in: base, prefix + "params")
    run.params = params.values
    diagnostics += params.diagnostics
    let tags = readKeyValueFolder(
      folder + "/tags", shownFolder: shownFolder + "/tags", in: base, prefix + "tags")
    run.tags = tags.values
    diagnostics += tags.diagnostics
    diagnostics += readMetrics(
      into: &run, folder: folder + "/metrics", shownFolder: shownFolder + "/metrics", in: base,
      prefix + "metrics")
    diagnostics += readInputs(
      into: &run, experiment, folder: folder, shownFolder: shownFolder, in: base,
      prefix + "inputs")
    run.loggedModels = experiment.loggedModels[run.id] ?? []
    MLflowFormat.applySystemTags(&run)
    return RunResult(run: run, diagnostics: diagnostics)
  }

  /// Reads a folder of one-file-per-key values (`params/`, `tags/`); nested folders make keys
  /// with `/`, as MLflow writes them. The folder is opened as `name` from the open folder
  /// `parent` (by default as `folder`, its path); `folder` is its path for messages.
  private func readKeyValueFolder(
    _ folder: String, shownFolder: String, in parent: Int32 = AT_FDCWD, _ name: String? = nil
  ) -> (values: [String: String], diagnostics: [Diagnostic]) {
    // One open of the folder, to list it and to open its files from (no path walk per file).
    let read = MLflowDirectory.withFolder(in: parent, name ?? folder) { descriptor, entries in
      let files = MLflowDirectory.filesRecursively(in: descriptor, entries: entries)
      var values: [String: String] = [:]
      var diagnostics: [Diagnostic] = []
      values.reserveCapacity(files.count)
      for file in files {
        let key = file.path
        switch MLflowDirectory.readSmallText(
          in: descriptor, key, path: folder + "/" + key, limit: options.maxFileSize,
          listedRegular: file.isRegular)
        {
        case .success(let text): values[key] = text
        case .failure(let error):
          diagnostics.append(error.diagnostic(source: Self.kind, file: shownFolder + "/" + key))
        }
      }
      return (values: values, diagnostics: diagnostics)
    }
    return read ?? ([:], [])
  }

  /// Reads the metrics folder, opened as `name` from the open folder `parent`; `folder` is its
  /// path for messages.
  private func readMetrics(
    into run: inout Run, folder: String, shownFolder: String, in parent: Int32, _ name: String
  ) -> [Diagnostic] {
    MLflowDirectory.withFolder(in: parent, name) { descriptor, entries in
      readMetrics(
        into: &run, folder: folder, shownFolder: shownFolder, descriptor: descriptor,
        entries: entries)
    } ?? []
  }

  private func readMetrics(
    into run: inout Run, folder: String, shownFolder: String, descriptor: Int32,
    entries: [MLflowDirectory.Entry]
  ) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let files = MLflowDirectory.filesRecursively(in: descriptor, entries: entries)
    run.metrics.reserveCapacity(files.count)
    for file in files {
      let key = file.path
      let parsed: MLflowMetricFile.Parsed
      switch MLflowDirectory.withContents(
        in: descriptor, key, path: folder + "/" + key, limit: options.maxFileSize,
        listedRegular: file.isRegular,
        { MLflowMetricFile.parse($0, keepHistory: options.metricHistories) })
      {
      case .success(let read): parsed = read
      case .failure(let error):
        diagnostics.append(error.diagnostic(source: Self.kind, file: shownFolder + "/" + key))
        continue
      }
      for problem in parsed.problems {
        let others =
          parsed.pointCount == 0
          ? "no point of this metric could be read"
          : "the line is skipped and the other \(parsed.pointCount) point\(parsed.pointCount == 1 ? " is" : "s are") kept"
        diagnostics.append(
          Diagnostic(
            .warning, source: Self.kind,
            at: SourceLocation(file: shownFolder + "/" + key, line: problem.line),
            "metric `\(key)` of run \(run.id): \(problem.message); \(others)",
            expected: problem.expected))
      }
      guard let latest = parsed.latest else {
        if parsed.problems.isEmpty {
          diagnostics.append(
            Diagnostic(
              .warning, source: Self.kind, at: SourceLocation(file: shownFolder + "/" + key),
              "metric `\(key)` of run \(run.id) has no points (the file is empty)",
              expected: MLflowMetricFile.lineFormat))
        }
        continue
      }
      run.metrics[key] = latest.value
      if options.metricHistories { run.metricHistory[key] = parsed.history }
    }
    return diagnostics
  }

  /// Reads the inputs folder, listed as `name` from the open folder `parent`.
  private func readInputs(
    into run: inout Run, _ experiment: ExperimentFolder, folder: String, shownFolder: String,
    in parent: Int32, _ name: String
  ) -> [Diagnostic] {
    let inputsFolder = folder + "/inputs"
    guard let entries = MLflowDirectory.list(in: parent, name) else { return [] }
    var diagnostics: [Diagnostic] = []
    for entry in entries where entry.isDirectory(in: inputsFolder) {
      let metaShown = shownFolder + "/inputs/" + entry.name + "/meta.yaml"
      var sink = DiagnosticSink(source: Self.kind, file: metaShown)
      guard
        case .entries(let fields) = MLflowMetaFile.read(
          inputsFolder + "/" + entry.name + "/meta.yaml", limit: options.maxFileSize,
          sink: &sink, what: "input \(entry.name)")
      else {
        diagnostics += sink.diagnostics
        continue
      }
      var sourceType: String?
      var sourceID: String?
      var context: String?
      for (key, value) in fields {
        switch key {
        case "source_type": sourceType = MLflowMetaFile.text(value, &sink)
        case "source_id": sourceID = MLflowMetaFile.text(value, &sink)
        case "tags":
          for (tagKey, tagValue) in value.children(&sink)
          where tagKey == MLflowFormat.datasetContextTag {
            context = MLflowMetaFile.text(tagValue, &sink)
          }
        default: break
        }
      }
      // Only dataset inputs; MLflow 3 also records logged models as inputs.
      guard sourceType?.uppercased() == "DATASET", let sourceID else {
        diagnostics += sink.diagnostics
        continue
      }
      if var input = experiment.datasets[sourceID] {
        input.context = context
        run.inputs.append(input)
      } else {
        sink.report(
          .warning,
          "run \(run.id) names dataset \(sourceID) as an input, but experiment \(experiment.id) has no such dataset; the input is skipped",
          expected: "a folder datasets/\(sourceID) in the experiment")
      }
      diagnostics += sink.diagnostics
    }
    return diagnostics
  }

  // MARK: - Model registry

  private func readRegistry(into diagnostics: inout [Diagnostic]) -> [RegisteredModel] {
    let folder = root + "/models"
    var models: [RegisteredModel] = []
    for entry in MLflowDirectory.list(folder) ?? [] where entry.isDirectory(in: folder) {
      let modelFolder = folder + "/" + entry.name
      let modelShown = shown("models/" + entry.name)
      var sink = DiagnosticSink(source: Self.kind, file: modelShown + "/meta.yaml")
      var name = entry.name
      var aliases: [String: String] = [:]
      switch MLflowMetaFile.read(
        modelFolder + "/meta.yaml", limit: options.maxFileSize, sink: &sink,
        what: "registered model \(entry.name)")
      {
      case .entries(let fields):
        for (key, value) in fields {
          switch key {
          case "name": name = MLflowMetaFile.text(value, &sink) ?? name
          case "aliases":
            for (alias, version) in value.children(&sink) {
              if let text = MLflowMetaFile.text(version, &sink) { aliases[alias] = text }
            }
          default: break
          }
        }
      case .missing, .empty:
        sink.report(
          .warning, "registered model folder \(entry.name) has no meta.yaml; it is skipped",
          expected: "meta.yaml with the model's name")
        diagnostics += sink.diagnostics
        continue
      case .failed:
        diagnostics += sink.diagnostics
        continue
      }
      diagnostics += sink.diagnostics
      let aliasFiles = readKeyValueFolder(
        modelFolder + "/aliases", shownFolder: modelShown + "/aliases")
      diagnostics += aliasFiles.diagnostics
      for (alias, version) in aliasFiles.values {
        aliases[alias] = version.trimmingCharacters(in: .whitespacesAndNewlines)
      }

      var versions: [ModelVersion] = []
      for versionEntry in MLflowDirectory.list(modelFolder) ?? []
      where versionEntry.name.hasPrefix("version-") && versionEntry.isDirectory(in: modelFolder) {
        if let version = readModelVersion(
          modelFolder + "/" + versionEntry.name, shown: modelShown + "/" + versionEntry.name,
          into: &diagnostics)
        {
          versions.append(version)
        }
      }
      versions.sort { (Int($0.version) ?? 0, $0.version) < (Int($1.version) ?? 0, $1.version) }
      for (alias, version) in aliases.sorted(by: { $0.key < $1.key }) {
        if let index = versions.firstIndex(where: { $0.version == version }) {
          versions[index].aliases.append(alias)
        } else {
          diagnostics.append(
            Diagnostic(
              .warning, source: Self.kind,
              at: SourceLocation(file: modelShown, keyPath: "aliases.\(alias)"),
              "alias `\(alias)` of registered model \(name) points at version \(version), which does not exist",
              expected: "an existing version", hint: "move the alias in MLflow"))
        }
      }
      models.append(
        RegisteredModel(
          name: name, versions: versions, provenance: Provenance(Self.kind, modelShown)))
    }
    return models
  }

  private func readModelVersion(
    _ folder: String, shown: String, into diagnostics: inout [Diagnostic]
  )
    -> ModelVersion?
  {
    var sink = DiagnosticSink(source: Self.kind, file: shown + "/meta.yaml")
    defer { diagnostics += sink.diagnostics }
    let folderVersion = String((folder as NSString).lastPathComponent.dropFirst("version-".count))
    switch MLflowMetaFile.read(
      folder + "/meta.yaml", limit: options.maxFileSize, sink: &sink,
      what: "model version \(folderVersion)")
    {
    case .entries(let fields):
      var version = ModelVersion(version: folderVersion)
      for (key, value) in fields {
        switch key {
        case "version": version.version = MLflowMetaFile.text(value, &sink) ?? folderVersion
        case "run_id":
          version.runID = MLflowMetaFile.text(value, &sink).flatMap { $0.isEmpty ? nil : $0 }
        case "current_stage": version.stage = MLflowFormat.stage(MLflowMetaFile.text(value, &sink))
        default: break
        }
      }
      // MLflow marks a deleted version with this stage and hides it.
      if version.stage == MLflowFormat.deletedStage { return nil }
      return version
    case .missing, .empty:
      sink.report(
        .warning, "model version folder has no meta.yaml; the version is skipped",
        expected: "meta.yaml with version and run_id")
      return nil
    case .failed:
      return nil
    }
  }
}

extension MLflowMetaFile.Outcome {
  fileprivate var isEmptyFile: Bool {
    if case .empty = self { return true }
    return false
  }
}
