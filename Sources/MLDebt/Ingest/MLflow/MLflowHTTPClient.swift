import Dispatch
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A small synchronous client for MLflow's REST API, for use inside a reader.
///
/// Each call blocks the calling thread until the answer arrives or the timeout passes (readers
/// run on a concurrent queue, so blocking one of its threads is fine). Credentials travel only
/// in the `Authorization` header and never appear in a URL, a message or a log.
final class MLflowHTTPClient: @unchecked Sendable {
  /// Why a call failed.
  enum Failure: Error {
    /// The request could not be sent or answered (refused, timed out, no such host, TLS).
    case transport(code: Int, description: String)
    /// The server answered with an HTTP error status; `body` is its text (cut short).
    case status(Int, body: String)
    /// The answer is not a JSON object.
    case malformed(String)
  }

  /// The server's base URL, without credentials and without a trailing slash.
  let base: String
  /// The `Authorization` header's value, when credentials were given.
  private let authorization: String?
  /// Where the credentials came from, for messages (never the credentials themselves).
  let credentialSource: String?
  /// Secrets to blank out of any text shown.
  private let secrets: [String]
  /// The timeout for one request, in seconds.
  let timeout: TimeInterval
  /// The network session (none when a responder answers).
  private let session: URLSession?
  /// Answers calls in place of the network (fuzzing and tests): path → HTTP status and body.
  private let responder: (@Sendable (String) -> (status: Int, body: Data))?

  /// Creates a client for `base` (which may hold `user:password@`, taken as Basic credentials).
  ///
  /// Credentials come from `MLFLOW_TRACKING_TOKEN` (Bearer), else `MLFLOW_TRACKING_USERNAME`
  /// and `MLFLOW_TRACKING_PASSWORD` (Basic), else the URL's user information.
  init(base: String, environment: [String: String], timeout: TimeInterval = 30) {
    var url = base
    var userInfo: (String, String)?
    if let components = URLComponents(string: base), let user = components.user {
      userInfo = (
        user.removingPercentEncoding ?? user,
        (components.password ?? "").removingPercentEncoding ?? ""
      )
      url = MLflowStoreLocation.redacted(base)
    }
    self.base = url
    var secrets: [String] = []
    if let token = environment["MLFLOW_TRACKING_TOKEN"], !token.isEmpty {
      authorization = "Bearer " + token
      credentialSource = "MLFLOW_TRACKING_TOKEN"
      secrets.append(token)
    } else if let user = environment["MLFLOW_TRACKING_USERNAME"], !user.isEmpty {
      let password = environment["MLFLOW_TRACKING_PASSWORD"] ?? ""
      authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
      credentialSource = "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"
      secrets.append(password)
    } else if let userInfo {
      authorization = "Basic " + Data("\(userInfo.0):\(userInfo.1)".utf8).base64EncodedString()
      credentialSource = "the user and password in the URL"
      secrets.append(userInfo.1)
    } else {
      authorization = nil
      credentialSource = nil
    }
    if let authorization { secrets.append(authorization) }
    self.secrets = secrets.filter { $0.count >= 3 }
    self.timeout = timeout
    responder = nil
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout * 4
    configuration.httpShouldSetCookies = false
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
  }

  /// Creates a client whose calls are answered by `responder` instead of a server; the
  /// answers go through the same checks as a server's (status, JSON object).
  init(base: String, responder: @escaping @Sendable (String) -> (status: Int, body: Data)) {
    self.base = base
    authorization = nil
    credentialSource = nil
    secrets = []
    timeout = 1
    self.responder = responder
    session = nil
  }

  deinit { session?.finishTasksAndInvalidate() }

  /// Blanks out every credential in a text that will be shown.
  func redact(_ text: String) -> String {
    secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "•••") }
  }

  /// `GET base/path?query` and the JSON object of the answer.
  func get(_ path: String, _ query: [(String, String)]) -> Result<[String: Any], Failure> {
    var components = URLComponents(string: base + path)
    components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
    guard let url = components?.url else {
      return .failure(.transport(code: 0, description: "the URL \(base + path) is not valid"))
    }
    return send(URLRequest(url: url), path: path)
  }

  /// `POST base/path` with a JSON body, and the JSON object of the answer.
  func post(_ path: String, _ body: [String: Any]) -> Result<[String: Any], Failure> {
    guard let url = URL(string: base + path) else {
      return .failure(.transport(code: 0, description: "the URL \(base + path) is not valid"))
    }
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.httpBody = try? JSONSerialization.data(withJSONObject: body)
    return send(request, path: path)
  }

  private final class Box: @unchecked Sendable {
    var data: Data?
    var response: URLResponse?
    var error: (any Error)?
  }

  private func send(_ request: URLRequest, path: String) -> Result<[String: Any], Failure> {
    var request = request
    request.timeoutInterval = timeout
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    request.setValue("mldebt", forHTTPHeaderField: "User-Agent")
    if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
    guard let session else {
      let answer = responder?(path) ?? (status: 0, body: Data())
      return decode(status: answer.status, data: answer.body)
    }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request) { data, response, error in
      box.data = data
      box.response = response
      box.error = error
      done.signal()
    }
    task.resume()
    if done.wait(timeout: .now() + timeout * 4 + 5) == .timedOut {
      task.cancel()
      return .failure(
        .transport(
          code: URLError.timedOut.rawValue, description: "no answer within \(Int(timeout)) s"))
    }
    if let error = box.error {
      let code = (error as? URLError)?.code.rawValue ?? (error as NSError).code
      return .failure(.transport(code: code, description: redact(error.localizedDescription)))
    }
    let status = (box.response as? HTTPURLResponse)?.statusCode ?? 0
    return decode(status: status, data: box.data ?? Data())
  }

  /// An answer's JSON object, or why there is none (an HTTP error status, or not JSON).
  func decode(status: Int, data: Data) -> Result<[String: Any], Failure> {
    guard (200..<300).contains(status) else {
      let text = String(decoding: data.prefix(2000), as: UTF8.self)
      return .failure(.status(status, body: redact(text)))
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) else {
      return .failure(.malformed(redact(Self.snippet(data))))
    }
    guard let dictionary = object as? [String: Any] else {
      return .failure(.malformed(redact(Self.snippet(data))))
    }
    return .success(dictionary)
  }

  /// The start of a body, on one line, for a message.
  static func snippet(_ data: Data) -> String {
    if data.isEmpty { return "an empty answer" }
    let text = String(decoding: data.prefix(80), as: UTF8.self)
    let line = String(
      text.unicodeScalars.map {
        $0.properties.generalCategory == .control ? " " : Character($0)
      })
    return "`\(line)\(data.count > 80 ? "…" : "")`"
  }
}
