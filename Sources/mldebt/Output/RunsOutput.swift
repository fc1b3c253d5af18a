import Foundation
import MLDebt

/// What `mldebt runs` prints: the run list, a diff and the audit, as a table, JSON or Markdown.
enum RunsOutput {
  /// The columns shown when none are asked for: the three most common metrics and params.
  static func defaultColumns(_ runs: [Run]) -> [RunColumn] {
    func common(_ keys: [String]) -> [String] {
      var counts: [String: Int] = [:]
      for key in keys { counts[key, default: 0] += 1 }
      return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3).map(\.key)
    }
    return common(runs.flatMap(\.metrics.keys)).map(RunColumn.metric)
      + common(runs.flatMap(\.params.keys)).map(RunColumn.param)
  }

  // MARK: - The list

  static func list(
    _ runs: [Run], index: RunIndex, auditor: RunAuditor, columns: [RunColumn],
    format: OutputFormat, grouped: Bool
  ) {
    if format == .json {
      listJSON(runs, index: index, auditor: auditor)
      return
    }
    let rows = grouped ? index.grouped(runs) : runs.map { ($0, 0) }
    var table = TextTable(
      headers: ["RUN", "NAME", "EXPERIMENT", "STATUS", "START", "DURATION", "REPRO"]
        + columns.map(\.header),
      alignments: [.left, .left, .left, .left, .left, .right, .left]
        + columns.map { $0.isNumeric ? .right : .left })
    for (run, depth) in rows {
      let audit = auditor.audit(run)
      table.rows.append(
        [
          String(run.id.prefix(8)),
          String(repeating: "  ", count: depth) + (run.name ?? ""),
          index.experiment(run.experimentID)?.name ?? run.experimentID,
          run.status.rawValue + (run.deleted ? " (deleted)" : ""),
          run.startTime.map { RunTime.timestamp(milliseconds: $0) } ?? "",
          run.durationMilliseconds.map { RunTime.duration(milliseconds: $0) } ?? "",
          audit.badge + (audit.producesProductionModel ? " prod" : ""),
        ] + columns.map { $0.value(in: run)?.text ?? "" })
    }
    let summary = "\(runs.count) run\(runs.count == 1 ? "" : "s")"
    if format == .markdown {
      Console.out("# Runs\n\n\(summary).\n\n" + sanitized(table).markdown())
    } else {
      Console.out(sanitized(table).plainText() + summary + "\n")
    }
  }

  private static func sanitized(_ table: TextTable) -> TextTable {
    var copy = table
    copy.rows = table.rows.map { $0.map { TerminalText.sanitize($0) } }
    copy.headers = table.headers.map { TerminalText.sanitize($0) }
    return copy
  }

  /// Streams the runs as JSON, one run per line. Runs are audited and written on every core,
  /// a window of chunks at a time (so memory stays bounded), and printed in order.
  private static func listJSON(_ runs: [Run], index: RunIndex, auditor: RunAuditor) {
    var writer = JSONStreamWriter()
    writer.raw("{\"count\":\(runs.count),\"runs\":[")
    var experimentNames: [String: String?] = [:]
    for run in runs where experimentNames[run.experimentID] == nil {
      experimentNames[run.experimentID] = .some(index.experiment(run.experimentID)?.name)
    }
    let names = experimentNames
    let chunkSize = 256
    let window = chunkSize * 8 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    var first = 0
    while first < runs.count {
      let part = runs[first..<min(runs.count, first + window)]
      let start = first
      let chunks = ParallelChunks.map(count: part.count, chunkSize: chunkSize) { range in
        var chunk = JSONStreamWriter(streaming: false, capacity: range.count * 1_536)
        for offset in range {
          let run = part[start + offset]
          chunk.raw(start + offset == 0 ? "\n" : ",\n")
          writeRun(
            run, experiment: names[run.experimentID] ?? nil, audit: auditor.audit(run), to: &chunk)
        }
        return chunk.bytes
      }
      for chunk in chunks { writer.raw(bytes: chunk) }
      first += part.count
    }
    writer.raw(runs.isEmpty ? "]}\n" : "\n]}\n")
    writer.flush()
  }

  /// One run of `mldebt runs --format json`.
  private static func writeRun(
    _ run: Run, experiment: String?, audit: RunAudit, to writer: inout JSONStreamWriter
  ) {
    writer.raw("{\"id\":")
    writer.string(run.id)
    writer.raw(",\"name\":")
    writer.optional(run.name)
    writer.raw(",\"experiment_id\":")
    writer.string(run.experimentID)
    writer.raw(",\"experiment\":")
    writer.optional(experiment)
    writer.raw(",\"status\":")
    writer.string(run.status.rawValue)
    writer.raw(run.deleted ? ",\"deleted\":true" : ",\"deleted\":false")
    writer.raw(",\"start_time\":" + (run.startTime.map(String.init) ?? "null"))
    writer.raw(",\"end_time\":" + (run.endTime.map(String.init) ?? "null"))
    writer.raw(",\"parent_run_id\":")
    writer.optional(run.parentRunID)
    writer.raw(",\"user\":")
    writer.optional(run.user)
    writer.raw(",\"params\":")
    writer.strings(run.params)
    writer.raw(",\"metrics\":")
    writer.numbers(run.metrics)
    writer.raw(",\"tags\":")
    writer.strings(run.tags)
    writer.raw(",\"inputs\":[")
    for (offset, input) in run.inputs.enumerated() {
      writer.raw(offset == 0 ? "{\"name\":" : ",{\"name\":")
      writer.string(input.name)
      writer.raw(",\"digest\":")
      writer.optional(input.digest)
      writer.raw(",\"context\":")
      writer.optional(input.context)
      writer.raw("}")
    }
    writer.raw("],\"logged_models\":[")
    for (offset, model) in run.loggedModels.enumerated() {
      if offset > 0 { writer.raw(",") }
      writer.string(model.id)
    }
    writer.raw(
      audit.isReproducible
        ? "],\"reproducible\":true,\"gaps\":[" : "],\"reproducible\":false,\"gaps\":[")
    for (offset, gap) in audit.gaps.enumerated() {
      if offset > 0 { writer.raw(",") }
      writer.string(gap.check.rawValue)
    }
    writer.raw("]}")
  }

  // MARK: - Diff

  static func diff(_ diff: RunDiff, showEqual: Bool, format: OutputFormat) {
    let rows = diff.rows(hidingEqual: !showEqual)
    if format == .json {
      struct Document: Encodable {
        var runs: [String]
        var names: [String]
        var differing: Int
        var rows: [RunDiff.Row]
      }
      let document = Document(
        runs: diff.runIDs, names: diff.runNames, differing: diff.differingCount, rows: rows)
      Console.out((try? Console.json(document)) ?? "{}\n")
      return
    }
    let hasDeltas = diff.runIDs.count > 1
    var table = TextTable(
      headers: ["SECTION", "KEY"] + diff.runNames + (hasDeltas ? ["Δ LAST−FIRST"] : []),
      alignments: [.left, .left] + diff.runNames.map { _ in .left } + [.right])
    for row in rows {
      let delta: String =
        row.deltas.flatMap { $0.last ?? nil }.map { String(format: "%+.6g", $0) } ?? ""
      table.rows.append(
        [row.section.rawValue, row.key] + row.values.map { $0 ?? "—" }
          + (hasDeltas ? [row.section == .metrics ? delta : ""] : []))
    }
    let summary =
      "\(diff.differingCount) of \(diff.rows.count) rows differ"
      + (showEqual ? "" : "; equal rows hidden (--show-equal shows them)")
    if format == .markdown {
      Console.out("# Run diff\n\n\(summary).\n\n" + sanitized(table).markdown())
    } else {
      Console.out(sanitized(table).plainText() + summary + "\n")
    }
  }

  // MARK: - Audit

  static func audit(_ report: RunAuditReport, runs: [Run], format: OutputFormat) {
    if format == .json {
      Console.out((try? Console.json(report)) ?? "{}\n")
      return
    }
    let names = Dictionary(runs.map { ($0.id, $0) }) { first, _ in first }
    let checks = RunAudit.Check.allCases
    var table = TextTable(
      headers: ["RUN", "NAME", "REPRO"] + checks.map(\.rawValue),
      alignments: [.left, .left, .left] + checks.map { _ in .left })
    for audit in report.audits {
      let symbols = checks.map { check -> String in
        switch audit.result(check)?.verdict {
        case .passed: "✓"
        case .failed: "✗"
        case .unknown: "?"
        case .notApplicable, nil: "-"
        }
      }
      table.rows.append(
        [
          String(audit.runID.prefix(8)), names[audit.runID]?.name ?? "",
          audit.badge + (audit.producesProductionModel ? " prod" : ""),
        ] + symbols)
    }
    var experiments = TextTable(
      headers: ["EXPERIMENT", "FINISHED", "REPRODUCIBLE", "SHARE", "GAPS"],
      alignments: [.left, .right, .right, .right, .left])
    for share in report.experiments {
      experiments.rows.append([
        share.name, String(share.finishedRuns), String(share.reproducibleRuns),
        String(format: "%.0f%%", share.share * 100),
        share.gaps.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
          .map { "\($0.key) \($0.value)" }.joined(separator: ", "),
      ])
    }
    var gaps: [String] = []
    for audit in report.audits {
      for gap in audit.gaps {
        gaps.append(
          "\(audit.runID.prefix(8)) \(names[audit.runID]?.name ?? ""): \(gap.check.label): "
            + gap.detail)
      }
    }
    for missing in report.missingProductionRuns {
      gaps.append(
        "\(missing.model) v\(missing.version) (production): its run "
          + (missing.runID.map { "\($0) is not among the tracked runs" } ?? "is not recorded"))
    }
    let gapText = gaps.map { TerminalText.sanitize($0) }
    if format == .markdown {
      Console.out(
        "# Reproducibility audit\n\n" + sanitized(experiments).markdown() + "\n"
          + sanitized(table).markdown() + "\n## Gaps\n\n"
          + gapText.map { "- \($0)\n" }.joined())
    } else {
      Console.out(
        sanitized(experiments).plainText() + "\n" + sanitized(table).plainText()
          + "\nGaps:\n" + gapText.map { "  \($0)\n" }.joined())
    }
  }
}
