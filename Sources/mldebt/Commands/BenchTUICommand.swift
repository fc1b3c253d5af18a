import ArgumentParser
import Foundation
import MLDebt
import MLDebtTUI

/// `mldebt bench-tui [PATH]`: times `Shell.render` for every view of a project (hidden; used by
/// the benchmark harness, Benchmarks/workloads/tui.py). Prints one JSON object.
///
/// The project is loaded and analysed once, outside the timings; then each view renders
/// `--frames` whole frames of `--width`×`--height` cells into a fresh cell buffer, as the TUI does
/// on every key press. Nothing touches the terminal.
struct BenchTUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-tui",
    abstract: "Time rendering each TUI view of a project into a cell buffer.",
    shouldDisplay: false
  )

  @OptionGroup var project: ProjectOptions
  @OptionGroup var checklistOptions: ChecklistOptions

  @Option(help: "Frames rendered per view.")
  var frames: Int = 1000

  @Option(help: "The screen width in cells.")
  var width: Int = 250

  @Option(help: "The screen height in cells.")
  var height: Int = 70

  func validate() throws {
    guard frames >= 1, width >= 1, height >= 1 else {
      throw ValidationError("--frames, --width and --height must be at least 1.")
    }
  }

  func run() throws {
    let loaded = try project.load()
    let now = try checklistOptions.now()
    var analysis: ProjectAnalysis?
    let analyse = Timing.measure { analysis = ProjectAnalysis.compute(loaded, now: now) }
    let size = Size(width: width, height: height)
    var state = AppState(project: loaded, analysis: analysis, size: size)
    var views: [String: BenchTUIReport.View] = [:]
    var checksum = 0
    for view in ViewID.allCases {
      state.view = view
      var samples: [Double] = []
      samples.reserveCapacity(frames)
      for _ in 0..<frames {
        samples.append(
          Timing.measure {
            let buffer = Shell.render(state, size: size)
            checksum &+= buffer.size.width
          }.wall)
      }
      views[view.rawValue] = BenchTUIReport.View(samples)
    }
    let report = BenchTUIReport(
      project: loaded.name, width: width, height: height, frames: frames,
      analyseMS: analyse.wallMS, views: views, checksum: checksum)
    Console.out(try Console.json(report))
  }
}

/// What `mldebt bench-tui` prints: per view, the median, 95th percentile and maximum frame time
/// in microseconds.
struct BenchTUIReport: Encodable {
  /// One view's frame times.
  struct View: Encodable {
    var medianMicroseconds: Double
    var p95Microseconds: Double
    var maxMicroseconds: Double

    init(_ samples: [Double]) {
      let stats = BenchReport.Stats(samples)
      medianMicroseconds = stats.median
      p95Microseconds = stats.p95
      maxMicroseconds = stats.max
    }

    enum CodingKeys: String, CodingKey {
      case medianMicroseconds = "median_us"
      case p95Microseconds = "p95_us"
      case maxMicroseconds = "max_us"
    }
  }

  var project: String
  var width: Int
  var height: Int
  var frames: Int
  var analyseMS: Double
  var views: [String: View]
  var checksum: Int

  enum CodingKeys: String, CodingKey {
    case project, width, height, frames, views, checksum
    case analyseMS = "analyse_ms"
  }
}
