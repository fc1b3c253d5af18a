import CCurl
import Dispatch
import Foundation

/// Reads an MLflow tracking server through its REST API (`/api/2.0/mlflow/…`).
///
/// It calls `experiments/search` and `runs/search` (both paged, all lifecycle stages),
/// `metrics/get-history` for each metric when histories are wanted, and
/// `registered-models/search` and `model-versions/search` for the registry. Credentials come
/// from `MLFLOW_TRACKING_TOKEN` (Bearer) or `MLFLOW_TRACKING_USERNAME` and
/// `MLFLOW_TRACKING_PASSWORD` (Basic) in ``LoadOptions/environment``; they are sent only in the
/// `Authorization` header and never shown. The server is only read from.
public struct MLflowServerReader: SourceReader {
  /// The MLflow tracking server source.
  public static let kind = SourceKind.mlflowServer
  /// The server's base URL, without credentials.
  public let path: String
  /// The URL as given (it may hold `user:password@`); never shown.
  let url: String
  /// Why the tracking URI cannot be read, for a URI mldebt does not support.
  let problem: String?

  /// The paths of the endpoints, below the base URL.
  enum Endpoint {
    static let experiments = "/api/2.0/mlflow/experiments/search"
    static let runs = "/api/2.0/mlflow/runs/search"
    static let history = "/api/2.0/mlflow/metrics/get-history"
    static let registeredModels = "/api/2.0/mlflow/registered-models/search"
    static let modelVersions = "/api/2.0/mlflow/model-versions/search"
  }

  /// Creates a reader for the server at `url` (`http://host:port`, or `https://…`).
  public init(url: String) {
    self.url = url
    self.path = MLflowStoreLocation.redacted(url)
    self.problem = nil
  }

  init(unsupported uri: String, reason: String) {
    self.url = uri
    self.path = MLflowStoreLocation.redacted(uri)
    self.problem = reason
  }

  /// Finds the server: `--mlflow`, the manifest's `sources.mlflow`, or `MLFLOW_TRACKING_URI`.
  ///
  /// A tracking URI mldebt cannot read (`postgresql://…`, `databricks`) also lands here, so
  /// that reading it gives a diagnostic.
  public static func discover(_ context: LoadContext) -> [MLflowServerReader] {
    MLflowStoreLocation.discover(context).compactMap {
      switch $0 {
      case .server(let url): MLflowServerReader(url: url)
      case .unsupported(let uri, let reason): MLflowServerReader(unsupported: uri, reason: reason)
      default: nil
      }
    }
  }

  /// Reads the server.
  public func read(_ context: LoadContext) -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: path)
    if let problem {
      contribution.fail(
        Diagnostic(
          .error, source: Self.kind, at: SourceLocation(file: path),
          "the MLflow tracking URI \(path) cannot be read: \(problem)",
          expected: "an mlruns/ folder, sqlite:///path or an http(s):// tracking server",
          hint: "run `mlflow server --backend-store-uri <this URI>` and point mldebt at it"))
      return contribution
    }
    let client = MLflowHTTPClient(base: url, environment: context.options.environment)
    var session = MLflowServerSession(
      client: client, shown: path, metricHistories: context.options.metricHistories)
    session.read(into: &contribution)
    contribution.diagnostics = contribution.diagnostics.map {
      var diagnostic = $0
      diagnostic.message = client.redact(diagnostic.message)
      diagnostic.hint = diagnostic.hint.map(client.redact)
      diagnostic.expected = diagnostic.expected.map(client.redact)
      return diagnostic
    }
    return contribution
  }
}

/// One read of a tracking server.
struct MLflowServerSession {
  let client: MLflowHTTPClient
  let shown: String
  let metricHistories: Bool
  var diagnostics: [Diagnostic] = []

  static let kind = SourceKind.mlflowServer
  typealias Endpoint = MLflowServerReader.Endpoint

  init(client: MLflowHTTPClient, shown: String, metricHistories: Bool) {
    self.client = client
    self.shown = shown
    self.metricHistories = metricHistories
  }

  private mutating func report(
    _ severity: Diagnostic.Severity, _ keyPath: String?, _ message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        severity, source: Self.kind, at: SourceLocation(file: shown, keyPath: keyPath), message,
        expected: expected, hint: hint))
  }

  mutating func read(into contribution: inout SourceContribution) {
    guard let experiments = readExperiments() else {
      contribution.failed = true
      contribution.diagnostics = diagnostics
      return
    }
    var runs = readRuns(experimentIDs: experiments.map(\.id))
    if metricHistories { readHistories(into: &runs) }
    let models = readRegistry()
    contribution.experiments = experiments
    contribution.runs = runs
    contribution.registeredModels = models
    contribution.counts = MLflowFormat.counts(
      experiments: experiments, runs: runs, registeredModels: models)
    contribution.diagnostics = diagnostics
  }

  // MARK: - Calls and their failures

  /// The diagnostic for a failed call.
  static func diagnostic(
    _ failure: MLflowHTTPClient.Failure, endpoint: String, client: MLflowHTTPClient, shown: String,
    severity: Diagnostic.Severity = .error
  ) -> Diagnostic {
    let location = SourceLocation(file: shown, keyPath: String(endpoint.dropFirst()))
    switch failure {
    case .transport(let code, let description):
      let message: String
      let hint: String
      switch code {
      case MLDEBT_CURLE_COULDNT_CONNECT:
        message = "nothing answers at \(shown): the connection was refused"
        hint = "start the tracking server (mlflow server --host … --port …) or fix the URL"
      case MLDEBT_CURLE_OPERATION_TIMEDOUT:
        message = "the tracking server at \(shown) did not answer within \(Int(client.timeout)) s"
        hint = "check that the server is up and reachable from here"
      case MLDEBT_CURLE_COULDNT_RESOLVE_HOST:
        message = "the host of \(shown) cannot be found"
        hint = "check the host name in the URL"
      case MLDEBT_CURLE_SSL_CONNECT_ERROR, MLDEBT_CURLE_SSL_CERTPROBLEM,
        MLDEBT_CURLE_PEER_FAILED_VERIFICATION, MLDEBT_CURLE_SSL_CACERT_BADFILE:
        message = "the TLS connection to \(shown) failed: \(description)"
        hint = "check the server's certificate"
      case MLDEBT_CURL_NOT_LOADED:
        message = "mldebt cannot talk to \(shown): \(description)"
        hint = "install libcurl (Debian: apt install libcurl4), or read the store's files instead"
      default:
        message = "the request to \(shown)\(endpoint) failed: \(description) (error \(code))"
        hint = "check the URL and that the tracking server is up"
      }
      return Diagnostic(severity, source: kind, at: location, message, hint: hint)
    case .status(let status, let body):
      let serverMessage = Self.serverMessage(body)
      switch status {
      case 401, 403:
        let given = client.credentialSource.map { "the credentials from \($0) were refused" }
        return Diagnostic(
          severity, source: kind, at: location,
          "the tracking server refused access (HTTP \(status))\(given.map { ": \($0)" } ?? "")",
          hint: client.credentialSource == nil
            ? "set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"
            : "check the credentials and that this user may read the experiments")
      case 404:
        return Diagnostic(
          severity, source: kind, at: location,
          "\(shown)\(endpoint) is not found (HTTP 404)\(serverMessage.map { ": \($0)" } ?? "")",
          expected: "an MLflow tracking server",
          hint: "give the server's base URL, the one `mlflow server` prints (without /api/…)")
      default:
        return Diagnostic(
          severity, source: kind, at: location,
          "the tracking server answered HTTP \(status) to \(endpoint)\(serverMessage.map { ": \($0)" } ?? "")",
          hint: status >= 500 ? "the server failed; its log says why" : nil)
      }
    case .malformed(let snippet):
      return Diagnostic(
        severity, source: kind, at: location,
        "the answer to \(endpoint) is not a JSON object: it starts with \(snippet)",
        expected: "MLflow's JSON answer",
        hint: "check that the URL names an MLflow tracking server and not, say, a login page")
    }
  }

  /// MLflow's error message from an error body (`{"error_code": …, "message": …}`), cut short.
  static func serverMessage(_ body: String) -> String? {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
      let message = object["message"] as? String
    else { return nil }
    let code = object["error_code"] as? String
    let text = message.count > 300 ? String(message.prefix(300)) + "…" : message
    return code.map { "\($0): \(text)" } ?? text
  }

  /// Fetches every page of a paged call and hands each page's object to `page`; `nil` when the
  /// first page failed (after reporting why).
  private mutating func paged(
    _ endpoint: String, severity: Diagnostic.Severity = .error,
    call: (String?) -> Result<[String: Any], MLflowHTTPClient.Failure>,
    page: (inout Self, JSONValue) -> Void
  ) -> Bool {
    var token: String?
    var seen: Set<String> = []
    var pages = 0
    while true {
      switch call(token) {
      case .failure(let failure):
        diagnostics.append(
          Self.diagnostic(
            failure, endpoint: endpoint, client: client, shown: shown, severity: severity))
        return pages > 0
      case .success(let object):
        pages += 1
        page(&self, JSONValue(object, path: ""))
        guard let next = object["next_page_token"] as? String, !next.isEmpty else { return true }
        guard seen.insert(next).inserted, pages < 1_000_000 else {
          report(
            .error, String(endpoint.dropFirst()),
            "the tracking server gave the same page token twice; the rest is not read")
          return true
        }
        token = next
      }
    }
  }

  // MARK: - Experiments and runs

  private mutating func readExperiments() -> [Experiment]? {
    var experiments: [Experiment] = []
    let client = client
    let ok = paged(Endpoint.experiments) { token in
      var body: [String: Any] = ["max_results": 1000, "view_type": "ALL"]
      if let token { body["page_token"] = token }
      return client.post(Endpoint.experiments, body)
    } page: { session, page in
      for item in page.array("experiments", &session.diagnostics, session.shown) {
        guard let id = item.string("experiment_id") else {
          session.report(
            .warning, item.path, "an experiment without experiment_id is skipped",
            expected: "experiment_id")
          continue
        }
        var experiment = Experiment(
          id: id, name: item.string("name") ?? id,
          deleted: item.string("lifecycle_stage")?.lowercased() == "deleted",
          provenance: Provenance(Self.kind, session.shown))
        experiment.tags = item.keyValues("tags")
        experiments.append(experiment)
      }
    }
    return ok ? experiments : nil
  }

  private mutating func readRuns(experimentIDs: [String]) -> [Run] {
    var runs: [Run] = []
    var seen: Set<String> = []
    let client = client
    // Ask for a few experiments at a time: servers bound the request's size.
    for start in stride(from: 0, to: experimentIDs.count, by: 100) {
      let ids = Array(experimentIDs[start..<min(start + 100, experimentIDs.count)])
      _ = paged(Endpoint.runs) { token in
        var body: [String: Any] = [
          "experiment_ids": ids, "max_results": 1000, "run_view_type": "ALL",
        ]
        if let token { body["page_token"] = token }
        return client.post(Endpoint.runs, body)
      } page: { session, page in
        for item in page.array("runs", &session.diagnostics, session.shown) {
          if let run = session.run(item), seen.insert(run.id).inserted { runs.append(run) }
        }
      }
    }
    return runs
  }

  private mutating func run(_ item: JSONValue) -> Run? {
    let info = item.object("info")
    guard let id = info.string("run_id") ?? info.string("run_uuid"), !id.isEmpty else {
      report(.warning, info.path, "a run without run_id is skipped", expected: "info.run_id")
      return nil
    }
    var run = Run(
      id: id, experimentID: info.string("experiment_id") ?? "", name: info.string("run_name"),
      status: .running, startTime: info.int64("start_time"), endTime: info.int64("end_time"),
      deleted: info.string("lifecycle_stage")?.lowercased() == "deleted",
      user: info.string("user_id"), artifactURI: info.string("artifact_uri"),
      provenance: Provenance(Self.kind, shown))
    if let text = info.string("status") {
      if let status = MLflowFormat.status(text) {
        run.status = status
      } else {
        report(
          .warning, info.path + ".status",
          "run \(id) has status `\(text)`, which is not a run status; it is taken as RUNNING",
          expected: MLflowFormat.statusNames)
      }
    }
    let data = item.object("data")
    run.params = data.keyValues("params")
    run.tags = data.keyValues("tags")
    for metric in data.array("metrics", &diagnostics, shown) {
      guard let key = metric.string("key") else { continue }
      guard let value = metric.double("value") else {
        report(
          .warning, metric.path + ".value",
          "metric `\(key)` of run \(id) has no numeric value; it is skipped",
          expected: "a number, NaN, Infinity or -Infinity")
        continue
      }
      run.metrics[key] = value
    }
    for input in item.object("inputs").array("dataset_inputs", &diagnostics, shown) {
      let dataset = input.object("dataset")
      guard let name = dataset.string("name") else { continue }
      run.inputs.append(
        RunInput(
          name: name, digest: dataset.string("digest"),
          source: MLflowFormat.datasetSource(dataset.string("source")),
          context: input.keyValues("tags")[MLflowFormat.datasetContextTag]))
    }
    MLflowFormat.applySystemTags(&run)
    return run
  }

  private mutating func readHistories(into runs: inout [Run]) {
    var work: [(run: Int, key: String)] = []
    for (index, run) in runs.enumerated() {
      for key in run.metrics.keys.sorted() { work.append((index, key)) }
    }
    guard !work.isEmpty else { return }
    let jobs = work
    let client = client
    let shown = shown
    let slots = ResultSlots<([MetricPoint], [Diagnostic])>(count: jobs.count)
    let runIDs = runs.map(\.id)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let job = jobs[index]
      slots[index] = Self.history(
        client: client, shown: shown, runID: runIDs[job.run], key: job.key)
    }
    var failures = 0
    for (index, job) in jobs.enumerated() {
      guard let (points, problems) = slots[index] else { continue }
      if problems.isEmpty {
        runs[job.run].metricHistory[job.key] = points
      } else {
        failures += 1
        // One failing history says why; the rest would only repeat it.
        if failures == 1 { diagnostics += problems }
      }
    }
    if failures > 1 {
      report(
        .warning, String(Endpoint.history.dropFirst()),
        "\(failures) metric histories could not be fetched (the first failure is reported above); their latest values are kept"
      )
    }
  }

  private static func history(
    client: MLflowHTTPClient, shown: String, runID: String, key: String
  ) -> ([MetricPoint], [Diagnostic]) {
    var points: [MetricPoint] = []
    var token: String?
    var seen: Set<String> = []
    while true {
      var query = [("run_id", runID), ("metric_key", key), ("max_results", "25000")]
      if let token { query.append(("page_token", token)) }
      switch client.get(Endpoint.history, query) {
      case .failure(let failure):
        return (
          points,
          [
            diagnostic(
              failure, endpoint: Endpoint.history, client: client, shown: shown,
              severity: .warning)
          ]
        )
      case .success(let object):
        var ignored: [Diagnostic] = []
        for metric in JSONValue(object, path: "").array("metrics", &ignored, shown) {
          guard let value = metric.double("value") else { continue }
          points.append(
            MetricPoint(
              timestamp: metric.int64("timestamp") ?? 0, value: value,
              step: metric.int64("step") ?? 0))
        }
        guard let next = object["next_page_token"] as? String, !next.isEmpty,
          seen.insert(next).inserted
        else { return (points, []) }
        token = next
      }
    }
  }

  // MARK: - Model registry

  private mutating func readRegistry() -> [RegisteredModel] {
    var models: [RegisteredModel] = []
    var index: [String: Int] = [:]
    var aliases: [String: [(alias: String, version: String)]] = [:]
    var latest: [String: [ModelVersion]] = [:]
    let client = client
    let registryOK = paged(Endpoint.registeredModels, severity: .warning) { token in
      var query = [("max_results", "1000")]
      if let token { query.append(("page_token", token)) }
      return client.get(Endpoint.registeredModels, query)
    } page: { session, page in
      for item in page.array("registered_models", &session.diagnostics, session.shown) {
        guard let name = item.string("name"), index[name] == nil else { continue }
        index[name] = models.count
        models.append(RegisteredModel(name: name, provenance: Provenance(Self.kind, session.shown)))
        var ignored: [Diagnostic] = []
        for alias in item.array("aliases", &ignored, session.shown) {
          if let text = alias.string("alias"), let version = alias.string("version") {
            aliases[name, default: []].append((text, version))
          }
        }
        for version in item.array("latest_versions", &ignored, session.shown) {
          if let modelVersion = Self.modelVersion(version) {
            latest[name, default: []].append(modelVersion)
          }
        }
      }
    }
    guard registryOK, !models.isEmpty else { return models }

    var versions: [String: [ModelVersion]] = [:]
    let versionsOK = paged(Endpoint.modelVersions, severity: .warning) { token in
      var query = [("max_results", "10000")]
      if let token { query.append(("page_token", token)) }
      return client.get(Endpoint.modelVersions, query)
    } page: { session, page in
      for item in page.array("model_versions", &session.diagnostics, session.shown) {
        guard let name = item.string("name"), let version = Self.modelVersion(item) else {
          continue
        }
        versions[name, default: []].append(version)
      }
    }
    for (name, slot) in index {
      // Without model-versions/search (older servers), the latest versions per stage remain.
      var list = versionsOK ? versions[name] ?? [] : latest[name] ?? []
      list.sort { (Int($0.version) ?? 0, $0.version) < (Int($1.version) ?? 0, $1.version) }
      for (alias, version) in aliases[name] ?? [] {
        if let position = list.firstIndex(where: { $0.version == version }),
          !list[position].aliases.contains(alias)
        {
          list[position].aliases.append(alias)
          list[position].aliases.sort()
        }
      }
      models[slot].versions = list
    }
    return models.sorted { $0.name < $1.name }
  }

  private static func modelVersion(_ item: JSONValue) -> ModelVersion? {
    guard let version = item.string("version") else { return nil }
    let stage = MLflowFormat.stage(item.string("current_stage"))
    if stage == MLflowFormat.deletedStage { return nil }
    var ignored: [Diagnostic] = []
    let aliases = item.array("aliases", &ignored, "").compactMap { $0.scalar }
    return ModelVersion(
      version: version, runID: item.string("run_id").flatMap { $0.isEmpty ? nil : $0 },
      stage: stage, aliases: aliases.sorted())
  }
}

/// A value in a decoded JSON answer, with its key path for messages.
struct JSONValue {
  /// The value (`[String: Any]`, `[Any]`, `String`, `NSNumber`, `NSNull`).
  let value: Any?
  /// The key path from the answer's root, such as `runs[3].info`.
  let path: String

  init(_ value: Any?, path: String) {
    self.value = value
    self.path = path
  }

  private func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

  /// The member `key` of an object (an empty value when absent).
  func object(_ key: String) -> JSONValue {
    JSONValue((value as? [String: Any])?[key], path: child(key))
  }

  /// The value as text: a string, or a number written out.
  var scalar: String? {
    switch value {
    case let text as String: return text
    case let number as NSNumber:
      let double = number.doubleValue
      if double == double.rounded() && abs(double) < 9e15 { return String(number.int64Value) }
      return String(double)
    default: return nil
    }
  }

  /// The member `key` as text (numbers are written out, as MLflow sends ids either way).
  func string(_ key: String) -> String? { object(key).scalar }

  /// The member `key` as a whole number (MLflow sends int64 as numbers, protobuf as strings).
  func int64(_ key: String) -> Int64? {
    switch (value as? [String: Any])?[key] {
    case let number as NSNumber: return number.int64Value
    case let text as String: return Int64(text)
    default: return nil
    }
  }

  /// The member `key` as a number; `"NaN"`, `"Infinity"` and `"-Infinity"` as protobuf's JSON
  /// writes them.
  func double(_ key: String) -> Double? {
    switch (value as? [String: Any])?[key] {
    case let number as NSNumber: return number.doubleValue
    case let text as String: return MLflowMetricFile.number(text)
    default: return nil
    }
  }

  /// The member `key` as a list; a member of another shape gives a warning, and an absent
  /// member an empty list (MLflow leaves out empty lists).
  func array(_ key: String, _ diagnostics: inout [Diagnostic], _ shown: String) -> [JSONValue] {
    let member = (value as? [String: Any])?[key]
    guard let member, !(member is NSNull) else { return [] }
    guard let items = member as? [Any] else {
      diagnostics.append(
        Diagnostic(
          .warning, source: .mlflowServer, at: SourceLocation(file: shown, keyPath: child(key)),
          "`\(child(key))` is not a list; it is ignored", expected: "a JSON list"))
      return []
    }
    return items.enumerated().map { JSONValue($1, path: "\(child(key))[\($0)]") }
  }

  /// A list of `{"key": …, "value": …}` objects as a dictionary.
  func keyValues(_ key: String) -> [String: String] {
    var result: [String: String] = [:]
    for case let item as [String: Any] in (value as? [String: Any])?[key] as? [Any] ?? [] {
      let pair = JSONValue(item, path: "")
      if let name = pair.string("key") { result[name] = pair.string("value") ?? "" }
    }
    return result
  }
}
