import Foundation
import Testing

@testable import MLDebt

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The URL of a real `mlflow server` over a copy of the SQLite fixture, when one runs.
/// Start one with `Tests/MLDebtTests/Fixtures/mlflow-server/serve.sh` (see its header).
private let serverURL = ProcessInfo.processInfo.environment["MLDEBT_MLFLOW_SERVER_URL"]

@Suite("MLflow tracking server")
struct MLflowServerTests {
  typealias IDs = MLflowSQLiteFixtureIDs

  static func read(_ url: String, options: LoadOptions = LoadOptions()) -> SourceContribution {
    let context = LoadContext(root: NSTemporaryDirectory(), manifest: nil, options: options)
    return MLflowServerReader(url: url).read(context)
  }

  // MARK: - Against a real server (serve.sh)

  @Test(.enabled(if: serverURL != nil, "set MLDEBT_MLFLOW_SERVER_URL; see serve.sh"))
  func readsARealServer() throws {
    let store = Self.read(try #require(serverURL))
    #expect(store.diagnostics.isEmpty, "\(store.diagnostics)")
    #expect(!store.failed)
    #expect(
      Set(store.experiments.map(\.name))
        == ["Default", "churn-model", "fraud-detection", "scratch-deleted"])
    #expect(store.experiments.first { $0.name == "scratch-deleted" }?.deleted == true)
    #expect(store.experiments.first { $0.name == "churn-model" }?.tags["owner"] == "fixture-bot")
    #expect(store.runs.count == 10)
    #expect(Set(store.runs.filter(\.deleted).map(\.id)) == [IDs.deleted, IDs.scratchRun])
    #expect(store.counts["experiments"] == 4)
    #expect(store.counts["runs"] == 10)

    let run = try #require(store.runs.first { $0.id == IDs.baseline })
    #expect(run.name == "baseline-logreg")
    #expect(run.status == .finished)
    #expect(run.experimentID == "1")
    #expect(run.startTime == 1_795_424_367_344)
    #expect(run.params == ["C": "1.0", "penalty": "l2", "max_iter": "200"])
    #expect(run.gitCommit == "3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39")
    #expect(run.metrics == ["train_loss": 0.297728, "val_accuracy": 0.876864, "auc": 0.81])
    #expect(run.metricHistory["train_loss"]?.count == 10)
    #expect(run.metricHistory["train_loss"]?.map(\.step) == Array(0...9))
    #expect(
      Set(run.inputs.map { "\($0.name) \($0.digest ?? "") \($0.context ?? "")" })
        == ["churn-train 06109ab6 training", "churn-eval 12c1ef35 evaluation"])
    #expect(run.inputs.first { $0.name == "churn-train" }?.source == "data/churn_train.csv")
    #expect(store.runs.first { $0.id == IDs.sweepChild }?.parentRunID == IDs.sweep)
    #expect(store.runs.first { $0.id == IDs.crashed }?.status == .failed)

    let model = try #require(store.registeredModels.first)
    #expect(model.name == "churn-classifier")
    #expect(model.versions.map(\.version) == ["1", "2"])
    let production = try #require(model.versions.first { $0.isProduction })
    #expect(production.aliases == ["champion"])
    #expect(production.runID == IDs.baseline)
  }

  @Test(.enabled(if: serverURL != nil, "set MLDEBT_MLFLOW_SERVER_URL; see serve.sh"))
  func loadsARealServerThroughTheProjectLoader() throws {
    let directory = TemporaryDirectory()
    var options = LoadOptions()
    options.mlflowURI = try #require(serverURL)
    options.metricHistories = false
    let project = try Project.load(at: directory.path, options: options)
    #expect(project.runs.count == 10)
    #expect(project.runs.allSatisfy { $0.metricHistory.isEmpty })
    let summary = try #require(project.sources.first { $0.kind == .mlflowServer })
    #expect(summary.status == .loaded)
    #expect(summary.path == serverURL)
    #expect(summary.counts["experiments"] == 4)
    #expect(summary.counts["runs"] == 10)
    #expect(summary.counts["registered_models"] == 1)
  }

  // MARK: - Failures, without a real server

  @Test func refusedConnectionGivesOneClearDiagnostic() throws {
    let port = try #require(LocalHTTPResponder.closedPort())
    var options = LoadOptions()
    options.environment = ["MLFLOW_TRACKING_TOKEN": "s3cr3t-token"]
    let store = Self.read("http://127.0.0.1:\(port)", options: options)
    #expect(store.failed)
    #expect(store.summary.status == .failed)
    let diagnostic = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.file == "http://127.0.0.1:\(port)")
    #expect(diagnostic.location.keyPath == "api/2.0/mlflow/experiments/search")
    #expect(diagnostic.message.contains("connection was refused"))
    #expect(!diagnostic.description.contains("s3cr3t"))
  }

  @Test func anUnknownHostIsReportedAsOne() throws {
    let store = Self.read("http://mldebt-no-such-host.invalid:5000")
    #expect(store.failed)
    let diagnostic = try #require(store.diagnostics.first { $0.severity == .error })
    #expect(diagnostic.message.contains("cannot be found"))
    #expect(diagnostic.hint?.contains("host name") == true)
  }

  @Test func malformedJSONIsReportedWithTheEndpoint() throws {
    let responder = try LocalHTTPResponder { _ in
      (200, "<html><body>Please log in</body></html>")
    }
    defer { responder.stop() }
    let store = Self.read(responder.url)
    #expect(store.failed)
    let diagnostic = try #require(store.diagnostics.first)
    #expect(diagnostic.message.contains("is not a JSON object"))
    #expect(diagnostic.message.contains("<html>"))
    #expect(diagnostic.location.keyPath == "api/2.0/mlflow/experiments/search")
  }

  @Test func refusedCredentialsAreReportedAndNeverShown() throws {
    let responder = try LocalHTTPResponder { _ in
      (401, #"{"error_code": "UNAUTHENTICATED", "message": "bad token"}"#)
    }
    defer { responder.stop() }
    var options = LoadOptions()
    options.environment = [
      "MLFLOW_TRACKING_USERNAME": "alice", "MLFLOW_TRACKING_PASSWORD": "hunter2-password",
    ]
    let url = responder.url.replacingOccurrences(of: "http://", with: "http://bob:url-secret@")
    let store = Self.read(url, options: options)
    #expect(store.failed)
    #expect(store.path == responder.url)
    let diagnostic = try #require(store.diagnostics.first)
    #expect(diagnostic.message.contains("HTTP 401"))
    #expect(diagnostic.message.contains("MLFLOW_TRACKING_USERNAME"))
    let shown = store.diagnostics.map(\.description).joined()
    #expect(!shown.contains("hunter2"))
    #expect(!shown.contains("url-secret"))
    let request = try #require(responder.requests.first)
    let basic = "Basic " + Data("alice:hunter2-password".utf8).base64EncodedString()
    #expect(
      request.contains("Authorization: \(basic)") || request.contains("authorization: \(basic)"))
  }

  @Test func pagesRunsAndReadsAWellFormedAnswer() throws {
    let responder = try LocalHTTPResponder { request in
      if request.contains("/experiments/search") {
        return (
          200,
          #"{"experiments": [{"experiment_id": "7", "name": "e", "lifecycle_stage": "active", "tags": [{"key": "k", "value": "v"}]}]}"#
        )
      }
      if request.contains("/runs/search") && !request.contains("\"page_token\"") {
        return (
          200,
          #"{"runs": [{"info": {"run_id": "r1", "experiment_id": "7", "status": "KILLED", "start_time": 5, "lifecycle_stage": "active"}, "data": {"metrics": [{"key": "loss", "value": "NaN", "timestamp": 1, "step": 2}], "params": [{"key": "p", "value": "1"}], "tags": [{"key": "mlflow.runName", "value": "first"}]}}], "next_page_token": "tok"}"#
        )
      }
      if request.contains("/runs/search") {
        return (
          200, #"{"runs": [{"info": {"run_uuid": "r2", "experiment_id": 7, "status": "DONE"}}]}"#
        )
      }
      if request.contains("/metrics/get-history") {
        return (
          200,
          #"{"metrics": [{"key": "loss", "value": 0.5, "timestamp": 1, "step": 1}, {"key": "loss", "value": "NaN", "timestamp": 2, "step": 2}]}"#
        )
      }
      return (200, "{}")
    }
    defer { responder.stop() }
    let store = Self.read(responder.url)
    #expect(store.experiments.map(\.tags) == [["k": "v"]])
    #expect(store.runs.map(\.id) == ["r1", "r2"])
    #expect(store.runs.map(\.experimentID) == ["7", "7"])
    #expect(store.runs.first?.name == "first")
    #expect(store.runs.first?.status == .killed)
    #expect(store.runs.first?.metrics["loss"]?.isNaN == true)
    #expect(store.runs.first?.metricHistory["loss"]?.count == 2)
    let warning = try #require(store.diagnostics.first)
    #expect(store.diagnostics.count == 1)
    #expect(warning.message.contains("`DONE`"))
    #expect(warning.location.keyPath == "runs[0].info.status")
    #expect(responder.requests.filter { $0.contains("/runs/search") }.count == 2)
  }

  @Test func unsupportedTrackingURIIsAnErrorWithoutItsPassword() throws {
    let directory = TemporaryDirectory()
    var options = LoadOptions()
    options.mlflowURI = "postgresql://mlflow:pg-secret@db.internal/mlflow"
    directory.write("mldebt.yaml", "project: {name: demo}\n")
    let project = try Project.load(at: directory.path, options: options)
    let summary = try #require(project.sources.first { $0.kind == .mlflowServer })
    #expect(summary.status == .failed)
    #expect(summary.path == "postgresql://db.internal/mlflow")
    let diagnostic = try #require(project.diagnostics.first { $0.source == .mlflowServer })
    #expect(diagnostic.message.contains("`postgresql` tracking store"))
    #expect(!project.diagnostics.map(\.description).joined().contains("pg-secret"))
  }
}

@Suite("MLflow tracking URIs")
struct MLflowStoreLocationTests {
  @Test func parsesTrackingURIs() {
    let root = "/project"
    #expect(
      MLflowStoreLocation.parse("sqlite:///mlflow.db", root: root) == .sqlite("/project/mlflow.db"))
    #expect(MLflowStoreLocation.parse("sqlite:////data/m.db", root: root) == .sqlite("/data/m.db"))
    #expect(
      MLflowStoreLocation.parse("file:///data/mlruns", root: root) == .fileStore("/data/mlruns"))
    #expect(MLflowStoreLocation.parse("file:mlruns", root: root) == .fileStore("/project/mlruns"))
    #expect(MLflowStoreLocation.parse("./mlruns", root: root) == .fileStore("/project/./mlruns"))
    #expect(MLflowStoreLocation.parse("store.db", root: root) == .sqlite("/project/store.db"))
    #expect(
      MLflowStoreLocation.parse("https://mlflow.example.com/", root: root)
        == .server("https://mlflow.example.com"))
    guard case .unsupported(let uri, _) = MLflowStoreLocation.parse("mysql://u:p@h/db", root: root)
    else {
      Issue.record("mysql:// should be unsupported")
      return
    }
    #expect(uri == "mysql://h/db")
    #expect(MLflowStoreLocation.redacted("https://u:p@h:5000/x") == "https://h:5000/x")
  }

  @Test func discoveryPrefersOptionThenManifestThenFilesThenEnvironment() throws {
    let directory = TemporaryDirectory()
    directory.write("mlruns/0/meta.yaml", "experiment_id: '0'\nname: Default\n")
    var manifest = Manifest()
    manifest.sources.mlflow = "sqlite:///other.db"
    var options = LoadOptions()
    options.environment = ["MLFLOW_TRACKING_URI": "http://env:5000"]

    func discover(_ manifest: Manifest?, _ options: LoadOptions) -> [MLflowStoreLocation] {
      MLflowStoreLocation.discover(
        LoadContext(root: directory.path, manifest: manifest, options: options))
    }
    #expect(discover(manifest, options) == [.sqlite(directory.path + "/other.db")])
    var withOption = options
    withOption.mlflowURI = "http://cli:5000"
    #expect(discover(manifest, withOption) == [.server("http://cli:5000")])
    #expect(discover(nil, options) == [.fileStore(directory.path + "/mlruns")])
    directory.write("mlflow.db", "")
    #expect(
      discover(nil, options) == [
        .fileStore(directory.path + "/mlruns"), .sqlite(directory.path + "/mlflow.db"),
      ])

    let empty = TemporaryDirectory()
    // An mlruns/ folder that only holds artifacts (MLflow's default beside a SQLite store).
    empty.write("mlruns/1/abc/artifacts/model.pkl", "x")
    let context = LoadContext(root: empty.path, manifest: nil, options: options)
    #expect(MLflowStoreLocation.discover(context) == [.server("http://env:5000")])
    var databricks = options
    databricks.environment = ["MLFLOW_TRACKING_URI": "databricks"]
    #expect(
      MLflowStoreLocation.discover(
        LoadContext(root: empty.path, manifest: nil, options: databricks)
      )
      .isEmpty)
  }
}

/// A tiny HTTP server on 127.0.0.1 that answers every request with what `respond` returns,
/// and records the requests. One connection at a time; ``stop()`` ends it.
final class LocalHTTPResponder: @unchecked Sendable {
  let url: String
  private let socketDescriptor: Int32
  private let lock = NSLock()
  private var recorded: [String] = []
  private let respond: @Sendable (String) -> (Int, String)

  /// The requests received so far (request line, headers and body).
  var requests: [String] { lock.withLock { recorded } }

  init(_ respond: @escaping @Sendable (String) -> (Int, String)) throws {
    self.respond = respond
    let (descriptor, port) = try Self.listen()
    socketDescriptor = descriptor
    url = "http://127.0.0.1:\(port)"
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  /// Stops listening; the serving thread then ends.
  func stop() {
    #if canImport(Glibc)
      shutdown(socketDescriptor, Int32(SHUT_RDWR))
    #else
      shutdown(socketDescriptor, SHUT_RDWR)
    #endif
    close(socketDescriptor)
  }

  struct SocketError: Error {}

  private static func listen() throws -> (Int32, UInt16) {
    #if canImport(Glibc)
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw SocketError() }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listenForConnections(descriptor) == 0 else {
      close(descriptor)
      throw SocketError()
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(descriptor, $0, &length)
      }
    }
    return (descriptor, UInt16(bigEndian: address.sin_port))
  }

  /// A port on 127.0.0.1 where nothing listens (bound, then closed).
  static func closedPort() -> UInt16? {
    guard let (descriptor, port) = try? listen() else { return nil }
    close(descriptor)
    return port
  }

  private func serve() {
    while true {
      let client = accept(socketDescriptor, nil, nil)
      guard client >= 0 else { return }
      let request = Self.readRequest(client)
      lock.withLock { recorded.append(request) }
      let (status, body) = respond(request)
      let reason = status == 200 ? "OK" : "Error"
      let response =
        "HTTP/1.1 \(status) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
      _ = response.withCString { send(client, $0, strlen($0), 0) }
      close(client)
    }
  }

  private static func readRequest(_ client: Int32) -> String {
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = recv(client, &buffer, buffer.count, 0)
      if count <= 0 { break }
      data += buffer[0..<count]
      let text = String(decoding: data, as: UTF8.self)
      guard let end = text.range(of: "\r\n\r\n") else { continue }
      let headers = text[..<end.lowerBound].lowercased()
      let length =
        headers.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
        ?? 0
      if text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// `listen(2)` with a backlog, named apart from the method above.
private func listenForConnections(_ descriptor: Int32) -> Int32 {
  listen(descriptor, 16)
}
