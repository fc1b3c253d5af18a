import CCurl

/// Whether mldebt can read an MLflow tracking server on this machine: requests go through
/// libcurl, loaded when first needed (`CCurl`), so a machine without it reads file stores and
/// SQLite stores, and only a tracking server's source fails (with a diagnostic that says why).
public enum MLflowServerSupport {
  /// Why a tracking server cannot be read (libcurl could not be loaded, or is too old; with
  /// what to install), or `nil` when it can. The first call loads libcurl.
  public static var problem: String? {
    var why = [CChar](repeating: 0, count: 512)
    if mldebt_http_available(&why, why.count) == 1 { return nil }
    return String(decoding: why.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
