import Foundation
import Testing

@testable import MLDebt

@Suite(
  "Encoded maps: a cached run's params, tags and metrics decode on first read, once, on any thread")
struct RunEncodedMapsTests {
  /// A run with `keys` as params and four tags, as a file store gives them.
  static func run(_ index: Int, keys: [String]) -> Run {
    var params: [String: String] = [:]
    for (position, key) in keys.enumerated() {
      params[key] =
        position.isMultiple(of: 2) ? "\(index * 7 + position)" : "0.1234567890123\(index)"
    }
    return Run(
      id: String(format: "%032x", index), experimentID: "3", status: .finished,
      startTime: Int64(index), endTime: Int64(index + 5),
      params: params,
      tags: [
        "mlflow.runName": "run-\(index)", "mlflow.user": "ana",
        "mlflow.source.git.commit": String(repeating: "ab", count: 20),
        "team": index.isMultiple(of: 3) ? "risk" : "growth",
      ],
      metrics: ["auc": Double(index) / 100], provenance: Provenance(.mlflowFileStore, "mlruns/3"))
  }

  /// Encodes and decodes runs in order with one set of templates, as one thread of a warm open.
  static func roundTrip(_ runs: [Run]) throws -> [Run] {
    var templates = RunCacheCodec.Templates()
    return try runs.map { original in
      let bytes = RunCacheCodec.encode(original, diagnostics: [])
      return try #require(
        bytes.withUnsafeBytes { RunCacheCodec.decode($0, reusing: &templates) }
      ).run
    }
  }

  @Test func paramsAndTagsStayEncodedUntilReadAndThenEqualTheOriginals() throws {
    let keys = (0..<30).map { "param_\($0)" }
    let originals = (0..<5).map { Self.run($0, keys: keys) }
    let decoded = try Self.roundTrip(originals)
    for (run, original) in zip(decoded, originals) {
      #expect(run.encodedParamKeys != nil)
      // Reading other fields, or one metric, does not decode the maps.
      #expect(run.id == original.id && run.metric("auc") == original.metrics["auc"])
      #expect(run.encodedParamKeys != nil)
      #expect(run.tags == original.tags)
      #expect(run.encodedParamKeys == nil)
      #expect(run.metrics == original.metrics)
      #expect(run.params == original.params)
      #expect(run == original)
    }
  }

  @Test func runsWithTheSameKeysShareOneLayoutAndOthersDoNot() throws {
    let keys = (0..<12).map { "k\($0)" }
    let decoded = try Self.roundTrip([
      Self.run(1, keys: keys), Self.run(2, keys: keys), Self.run(3, keys: ["lr", "seed"]),
      Self.run(4, keys: ["lr", "seed"]),
    ])
    let layouts = try decoded.map { try #require($0.encodedParamKeys) }
    #expect(layouts[0] === layouts[1])
    #expect(layouts[2] === layouts[3])
    #expect(layouts[1] !== layouts[2])
    #expect(layouts[0].keys == keys.sorted())
    #expect(layouts[2].keys == ["lr", "seed"])
  }

  @Test func threadsReadingOneRunAtOnceAllGetTheSameMaps() throws {
    let original = Self.run(9, keys: (0..<40).map { "p\($0)" })
    for _ in 0..<50 {
      let decoded = try #require(try Self.roundTrip([original]).first)
      // Every thread holds its own copy of the run; the copies share the encoded maps.
      let copies = Array(repeating: decoded, count: 8)
      let seen = Collected()
      DispatchQueue.concurrentPerform(iterations: copies.count) { index in
        seen.append((params: copies[index].params, tags: copies[index].tags))
      }
      let all = seen.items
      #expect(all.count == 8)
      #expect(all.allSatisfy { $0.params == original.params && $0.tags == original.tags })
    }
  }

  @Test func changingACopyDecodesItAndLeavesTheOtherAlone() throws {
    let original = Self.run(4, keys: ["alpha", "beta", "gamma"])
    let decoded = try #require(try Self.roundTrip([original]).first)
    var changed = decoded
    changed.params["delta"] = "1"
    changed.tags["team"] = nil
    #expect(changed.params == original.params.merging(["delta": "1"]) { $1 })
    #expect(changed.tags.count == original.tags.count - 1)
    #expect(decoded.encodedParamKeys != nil)
    #expect(decoded.params == original.params)
    #expect(decoded.tags == original.tags)
  }

  @Test func aPayloadWhoseParamsRepeatAKeyIsDecodedAtOnceKeepingTheLastValue() throws {
    let original = Self.run(2, keys: ["key_q", "key_z"])
    var bytes = RunCacheCodec.encode(original, diagnostics: [])
    // Rename the second key to the first: the map now holds "key_q" twice.
    let name = Array("key_z".utf8)
    let at = try #require(
      (0...(bytes.count - name.count)).first { Array(bytes[$0..<$0 + name.count]) == name })
    bytes.replaceSubrange(at..<at + name.count, with: Array("key_q".utf8))
    let decoded = try #require(bytes.withUnsafeBytes { RunCacheCodec.decode($0) }).run
    #expect(decoded.encodedParamKeys == nil)
    #expect(decoded.params == ["key_q": original.params["key_z"]!])
    #expect(decoded.tags == original.tags)
  }

  @Test func aTallyOfEncodedRunsCountsAsOneOfDecodedParams() throws {
    var generator = SystemRandomNumberGenerator()
    let keySets: [[String]] = [
      (0..<30).map { "p\($0)" }, (0..<29).map { "p\($0)" }, ["p0", "seed"], [],
    ]
    let originals = (0..<600).map {
      Self.run($0, keys: keySets[Int.random(in: 0..<keySets.count, using: &generator)])
    }
    let decoded = try Self.roundTrip(originals)
    var tally = ParamKeyTally()
    var expected: [String: Int] = [:]
    for (index, run) in decoded.enumerated() {
      // Some runs were decoded already, as a view that showed them would have.
      if index.isMultiple(of: 7) { _ = run.params }
      tally.add(run)
      for key in originals[index].params.keys { expected[key, default: 0] += 1 }
    }
    #expect(tally.counts() == expected)
    #expect(tally.runs == originals.count)
  }
}

/// Maps read on several threads, behind a `pthread` lock (which ThreadSanitizer follows).
private final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [(params: [String: String], tags: [String: String])] = []

  var items: [(params: [String: String], tags: [String: String])] { lock.withLock { stored } }

  func append(_ maps: (params: [String: String], tags: [String: String])) {
    lock.withLock { stored.append(maps) }
  }
}
