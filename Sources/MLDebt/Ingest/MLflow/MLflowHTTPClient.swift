import CCurl
import Foundation

/// A small synchronous client for MLflow's REST API, for use inside a reader.
///
/// Each call blocks the calling thread until the answer arrives or the timeout passes (readers
/// run on a concurrent queue, so blocking one of its threads is fine). Credentials travel only
/// in the `Authorization` header and never appear in a URL, a message or a log.
///
/// Requests go through libcurl, loaded when the first one is sent (the `CCurl` shim): linking
/// it, as Foundation's `URLSession` does, cost every mldebt command 20 ms of start-up for the
/// few that read a tracking server. Without libcurl a call fails with a transport error that
/// says so.
final class MLflowHTTPClient: @unchecked Sendable {
  /// Why a call failed.
  enum Failure: Error {
    /// The request could not be sent or answered (refused, timed out, no such host, TLS):
    /// libcurl's result code (one of ``TransportError``'s) and its message.
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
  /// The timeout for connecting and for each answer, in seconds (a whole exchange may take
  /// four times as long).
  let timeout: TimeInterval
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
  }

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
    return send("GET", url.absoluteString, body: nil, path: path)
  }

  /// `POST base/path` with a JSON body, and the JSON object of the answer.
  func post(_ path: String, _ body: [String: Any]) -> Result<[String: Any], Failure> {
    guard let url = URL(string: base + path) else {
      return .failure(.transport(code: 0, description: "the URL \(base + path) is not valid"))
    }
    let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data("{}".utf8)
    return send("POST", url.absoluteString, body: data, path: path)
  }

  /// An answer's body as it arrives.
  private final class Answer {
    var body = Data()
  }

  private func send(_ method: String, _ url: String, body: Data?, path: String)
    -> Result<[String: Any], Failure>
  {
    if let responder {
      let answer = responder(path)
      return decode(status: answer.status, data: answer.body)
    }
    var headers = ["Accept: application/json", "User-Agent: mldebt"]
    if body != nil { headers.append("Content-Type: application/json") }
    if let authorization { headers.append("Authorization: " + authorization) }
    let answer = Answer()
    var result = mldebt_http_result()
    let milliseconds = Int(timeout * 1000)
    let cHeaders = headers.map { strdup($0) }
    defer { for header in cHeaders { free(header) } }
    cHeaders.map { UnsafePointer($0) }.withUnsafeBufferPointer { lines in
      (body ?? Data()).withUnsafeBytes { raw in
        mldebt_http_request(
          url, method, lines.baseAddress, Int32(lines.count), body == nil ? nil : raw.baseAddress,
          raw.count, milliseconds, milliseconds * 4,
          { data, length, context in
            guard let data, let context else { return 0 }
            let answer = Unmanaged<Answer>.fromOpaque(context).takeUnretainedValue()
            answer.body.append(
              UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
            return length
          }, Unmanaged.passUnretained(answer).toOpaque(), &result)
      }
    }
    withExtendedLifetime(answer) {}
    guard Int(result.code) == MLDEBT_CURLE_OK else {
      let message = withUnsafeBytes(of: result.message) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      return .failure(.transport(code: Int(result.code), description: redact(message)))
    }
    return decode(status: Int(result.status), data: answer.body)
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
