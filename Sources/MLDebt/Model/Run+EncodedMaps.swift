import Foundation
import Synchronization

extension Run {
  /// A run's params and tags kept in their encoded form until something reads them.
  ///
  /// A warm open of a large store decodes 20,000 runs from the run cache, and most commands read
  /// the params and tags of few of them (a filtered, sorted, limited list; a TUI page). Those
  /// two maps are most of a run's strings and memory (30 params make a 64-bucket dictionary
  /// and 30 value strings), so the cache gives them encoded, and a run's ``Run/params`` or
  /// ``Run/tags`` decodes both on first read, on whatever thread reads them.
  protocol EncodedMaps: AnyObject, Sendable {
    /// Decodes the params and the tags.
    func decode() -> (params: [String: String], tags: [String: String])
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
  /// The lock that guards `encodedMaps`.
  var decodingLock: NSLock {
    decodingLocks[Int((UInt(bitPattern: ObjectIdentifier(self).hashValue) >> 4) & 63)]
  }

  /// Decodes the encoded params and tags if they still are. Threads may call it at once: one
  /// decodes, the others wait for it, and none reads the maps before they are stored.
  @inline(__always)
  func decodeMapsIfNeeded() {
    guard hasEncodedMaps.load(ordering: .acquiring) else { return }
    decodeMaps()
  }

  @inline(never)
  private func decodeMaps() {
    decodingLock.withLock {
      guard let encoded = encodedMaps else { return }
      let maps = encoded.decode()
      storedParams = maps.params
      storedTags = maps.tags
      encodedMaps = nil
      hasEncodedMaps.store(false, ordering: .releasing)
    }
  }

  /// The param keys' shared layout while the params are encoded, else `nil` (then read the
  /// keys of ``params``).
  var encodedParamKeys: Run.KeyLayout? {
    guard hasEncodedMaps.load(ordering: .acquiring) else { return nil }
    return decodingLock.withLock { encodedMaps?.paramKeys }
  }
}

extension Run {
  /// Replaces the run's params and tags with `encoded`, decoded when first read.
  mutating func replaceMaps(with encoded: any EncodedMaps) {
    makeUnique()
    storage.storedParams = [:]
    storage.storedTags = [:]
    storage.encodedMaps = encoded
    storage.hasEncodedMaps.store(true, ordering: .releasing)
  }

  /// The param keys' shared layout while the params are still encoded, else `nil`.
  var encodedParamKeys: KeyLayout? { storage.encodedParamKeys }
}
