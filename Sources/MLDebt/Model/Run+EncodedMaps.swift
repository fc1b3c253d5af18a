import Foundation
import Synchronization

extension Run {
  /// A run's params, tags and latest metrics kept in their encoded form until something reads
  /// them.
  ///
  /// A warm open of a large store decodes 20,000 runs from the run cache, and most commands read
  /// the maps of few of them (a filtered, sorted, limited list; a TUI page). The three maps are
  /// most of a run's strings and memory (30 params make a 64-bucket dictionary and 30 value
  /// strings), so the cache gives them encoded: the first read of ``Run/params``, ``Run/tags``
  /// or ``Run/metrics`` decodes all three, on whatever thread reads them, and ``Run/metric(_:)``
  /// reads one metric (a filter's or a sort's) without decoding any.
  ///
  /// An implementation is shared between threads: it must not change once made. (It is not
  /// declared `Sendable`, so that the run cache's can keep its bytes in its own allocation, a
  /// `ManagedBuffer`, which the standard library declares not `Sendable`.)
  protocol EncodedMaps: AnyObject {
    /// Decodes the params, the tags and the metrics.
    func decode() -> (params: [String: String], tags: [String: String], metrics: [String: Double])
    /// The latest value of one metric, without decoding the maps.
    func metric(_ key: String) -> Double?
    /// The param keys, one object shared by runs with the same keys in the same layout.
    var paramKeys: KeyLayout { get }
  }

  /// A list of map keys that many runs share: runs whose keys are the same object have the
  /// same keys (runs with the same keys may still have different objects).
  final class KeyLayout: Sendable {
    /// The keys, each once.
    let keys: [String]

    init(_ keys: [String]) { self.keys = keys }
  }
}

/// The locks taken to decode encoded maps: one of 64, by the storage object's address. A lock
/// per run would be 20,000 more allocations for a large store; these are `pthread` mutexes,
/// which ThreadSanitizer follows (it cannot see the futex inside `Synchronization.Mutex`, and
/// reported every decode as a race).
private let decodingLocks = (0..<64).map { _ in NSLock() }

extension Run.Storage {
  /// The lock taken to decode the encoded maps.
  var decodingLock: NSLock {
    decodingLocks[Int((UInt(bitPattern: ObjectIdentifier(self).hashValue) >> 4) & 63)]
  }

  /// Decodes the encoded maps if they are not yet. Threads may call it at once: one decodes,
  /// the others wait for it, and none reads the maps before they are stored.
  @inline(__always)
  func decodeMapsIfNeeded() {
    guard hasEncodedMaps.load(ordering: .acquiring) else { return }
    decodeMaps()
  }

  @inline(never)
  private func decodeMaps() {
    decodingLock.withLock {
      guard hasEncodedMaps.load(ordering: .acquiring), let encodedMaps else { return }
      let maps = encodedMaps.decode()
      storedParams = maps.params
      storedTags = maps.tags
      storedMetrics = maps.metrics
      hasEncodedMaps.store(false, ordering: .releasing)
    }
  }

  /// The param keys' shared layout while the params are encoded, else `nil` (then read the
  /// keys of ``params``).
  var encodedParamKeys: Run.KeyLayout? {
    hasEncodedMaps.load(ordering: .acquiring) ? encodedParamKeyLayout : nil
  }

  /// The latest value of one metric, read from the encoded maps while they are not decoded.
  func metric(_ key: String) -> Double? {
    if hasEncodedMaps.load(ordering: .acquiring), let encodedMaps {
      return encodedMaps.metric(key)
    }
    return storedMetrics[key]
  }
}

extension Run {
  /// A run whose params, tags and metrics are `encoded`, decoded when first read.
  init(
    id: String, experimentID: String, name: String?, status: Status, startTime: Int64?,
    endTime: Int64?, deleted: Bool, user: String?, artifactURI: String?, parentRunID: String?,
    metricHistory: [String: [MetricPoint]], inputs: [RunInput], provenance: Provenance,
    encodedMaps: any EncodedMaps
  ) {
    storage = Storage(
      id: id, experimentID: experimentID, name: name, status: status, startTime: startTime,
      endTime: endTime, deleted: deleted, user: user, artifactURI: artifactURI,
      parentRunID: parentRunID, params: [:], tags: [:], metrics: [:],
      metricHistory: metricHistory, inputs: inputs, loggedModels: [], provenance: provenance,
      encodedMaps: encodedMaps)
  }

  /// The param keys' shared layout while the params are still encoded, else `nil`.
  var encodedParamKeys: KeyLayout? { storage.encodedParamKeys }

  /// The latest value of one metric (as ``metrics`` has it), read without decoding the other
  /// maps of a run from the run cache.
  public func metric(_ key: String) -> Double? { storage.metric(key) }
}
