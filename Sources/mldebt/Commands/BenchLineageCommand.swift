import ArgumentParser
import Foundation
import MLDebt

/// `mldebt bench-lineage`: times the lineage graph on a seeded synthetic project (hidden; used by
/// Benchmarks/lineage/run and the benchmark harness). Prints one JSON object.
struct BenchLineageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-lineage",
    abstract:
      "Time building the lineage graph, its signals and its queries on a synthetic project.",
    shouldDisplay: false
  )

  @Option(help: "Nodes in the synthetic graph.")
  var nodes: Int = 100_000

  @Option(help: "Distinct edges in the synthetic graph.")
  var edges: Int = 300_000

  @Option(help: "Queries of each kind to time.")
  var queries: Int = 200

  @Option(help: "The generator's seed.")
  var seed: UInt64 = 42

  @Option(
    help: ArgumentHelp(
      "Write the synthetic graph as a tab-separated edge list (from, to, kind) and time nothing.",
      valueName: "FILE"))
  var export: String?

  func validate() throws {
    guard nodes >= 2, edges >= 1, queries >= 1 else {
      throw ValidationError("--nodes must be at least 2, --edges and --queries at least 1.")
    }
  }

  func run() throws {
    var project: Project?
    let generate = Timing.measure {
      project = SyntheticLineage.project(nodes: nodes, edges: edges, seed: seed)
    }
    if let export {
      var text = ""
      for edge in project!.edges {
        text += "\(edge.from)\t\(edge.to)\t\(edge.kind.rawValue)\n"
      }
      do {
        try text.write(toFile: export, atomically: true, encoding: .utf8)
      } catch {
        Console.error("mldebt: cannot write \(export): \(error.localizedDescription)")
        throw ExitCode(ExitStatus.usageOrLoadError)
      }
      return
    }
    var graph: LineageGraph?
    let build = Timing.measure { graph = LineageGraph(project!) }
    let lineage = graph!

    var perSignal: [String: Timing] = [:]
    var findings = 0
    func time(_ name: String, _ body: () -> [Finding]) {
      var result: [Finding] = []
      perSignal[name] = Timing.measure { result = body() }
      findings += result.count
    }
    let signals = Timing.measure {
      time("feedback_loops") { LineageSignals.feedbackLoops(in: lineage) }
      time("correction_cascades") { LineageSignals.correctionCascades(in: lineage) }
      time("unused_features") { LineageSignals.unusedFeatures(in: lineage) }
      time("undeclared_consumers") { LineageSignals.undeclaredConsumers(in: lineage) }
      time("fan_in_hot_spots") { LineageSignals.fanInHotSpots(in: lineage) }
      time("unpinned_training_inputs") { LineageSignals.unpinnedTrainingInputs(in: lineage) }
      time("pipeline_jungle") { LineageSignals.pipelineJungle(in: lineage) }
    }

    var random = SyntheticLineage.Random(seed: seed ^ 0x5EED)
    func pick() -> Int { Int(random.next() % UInt64(lineage.nodeCount)) }
    var samples: [String: [Timing]] = [:]
    var checksum = 0
    func sample(_ name: String, _ body: () -> Int) {
      samples[name, default: []].append(Timing.measure { checksum &+= body() })
    }
    for _ in 0..<queries {
      let a = pick()
      let b = pick()
      sample("closure_down") { lineage.closure(of: a, direction: .downstream).count }
      sample("closure_up") { lineage.closure(of: a, direction: .upstream).count }
      sample("closure_down_depth_3") {
        lineage.closure(of: a, direction: .downstream, maxDepth: 3).count
      }
      sample("impact") { lineage.impact(of: a).groups.count }
      sample("path") { lineage.path(from: a, to: b).length }
      sample("cycle_through") { lineage.cycle(through: a)?.steps.count ?? 0 }
      let name = lineage[b].name
      sample("search") { lineage.search(name, limit: 10).count }
    }

    let shape = LineageSignals.shape(of: lineage)
    let report = BenchReport(
      nodes: lineage.nodeCount, edges: lineage.edgeCount, seed: seed, queries: queries,
      generateMS: generate.wallMS, buildMS: build.wallMS, buildCPUMS: build.cpuMS,
      signalsMS: signals.wallMS, signalsCPUMS: signals.cpuMS,
      signalMS: perSignal.mapValues(\.wallMS), signalCPUMS: perSignal.mapValues(\.cpuMS),
      findings: findings, cyclicComponents: lineage.cyclicComponents.count, depth: shape.depth,
      width: shape.width,
      queryMicroseconds: samples.mapValues { BenchReport.Stats($0.map(\.wall)) },
      queryCPUMicroseconds: samples.mapValues { BenchReport.Stats($0.map(\.cpu)) },
      checksum: checksum)
    Console.out(try Console.json(report))
  }
}

/// Wall-clock and thread CPU time of one measured block, in microseconds. CPU time is what to
/// compare on a busy machine.
struct Timing {
  var wall: Double
  var cpu: Double

  var wallMS: Double { (wall / 1000).rounded(to: 3) }
  var cpuMS: Double { (cpu / 1000).rounded(to: 3) }

  static func measure(_ body: () -> Void) -> Timing {
    let clock = ContinuousClock()
    let cpuStart = threadCPU()
    let start = clock.now
    body()
    let elapsed = clock.now - start
    let cpu = threadCPU() - cpuStart
    let (seconds, attoseconds) = elapsed.components
    return Timing(wall: Double(seconds) * 1e6 + Double(attoseconds) / 1e12, cpu: cpu)
  }

  private static func threadCPU() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
  }
}

/// What `mldebt bench-lineage` prints.
struct BenchReport: Encodable {
  /// Median, 95th percentile and maximum of a sample.
  struct Stats: Encodable {
    var median: Double
    var p95: Double
    var max: Double

    init(_ samples: [Double]) {
      let sorted = samples.sorted()
      func at(_ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
      }
      median = at(0.5).rounded(to: 1)
      p95 = at(0.95).rounded(to: 1)
      max = (sorted.last ?? 0).rounded(to: 1)
    }
  }

  var nodes: Int
  var edges: Int
  var seed: UInt64
  var queries: Int
  var generateMS: Double
  var buildMS: Double
  var buildCPUMS: Double
  var signalsMS: Double
  var signalsCPUMS: Double
  var signalMS: [String: Double]
  var signalCPUMS: [String: Double]
  var findings: Int
  var cyclicComponents: Int
  var depth: Int
  var width: Int
  var queryMicroseconds: [String: Stats]
  var queryCPUMicroseconds: [String: Stats]
  var checksum: Int

  enum CodingKeys: String, CodingKey {
    case nodes, edges, seed, queries, findings, depth, width, checksum
    case generateMS = "generate_ms"
    case buildMS = "build_ms"
    case buildCPUMS = "build_cpu_ms"
    case signalsMS = "signals_ms"
    case signalsCPUMS = "signals_cpu_ms"
    case signalMS = "signal_ms"
    case signalCPUMS = "signal_cpu_ms"
    case cyclicComponents = "cyclic_components"
    case queryMicroseconds = "query_us"
    case queryCPUMicroseconds = "query_cpu_us"
  }
}

extension Double {
  fileprivate func rounded(to places: Int) -> Double {
    let scale = pow(10, Double(places))
    return (self * scale).rounded() / scale
  }
}
