import Foundation

extension DetectorCatalog {
  /// File extensions counted as scripts.
  static let scriptExtensions: Set<String> = ["py", "sh", "ipynb", "R", "r", "jl", "scala", "sql"]
  /// Folders never searched for scripts.
  static let ignoredFolders: Set<String> = [
    "tests", "test", "generate", "node_modules", "venv", "mlruns", "mlartifacts", "__pycache__",
    "docs", "site-packages", "build", "dist",
  ]

  /// Glue Code: scripts no pipeline runs, stages without inputs or outputs, duplicated commands.
  static let glueCode: [any Detector] = [
    RuleDetector(
      "glue.orphan-script", .glueCode, "Scripts in the project that no pipeline stage runs"
    ) { context in
      let jobs = context.project.jobs
      guard !jobs.isEmpty else { return [] }
      let referenced = Set(jobs.flatMap(\.code))
      let commands = jobs.compactMap(\.command).joined(separator: "\n")
      return scripts(in: context.project.root).filter { script in
        !referenced.contains(script) && !commands.contains(script)
          && !commands.contains((script as NSString).lastPathComponent)
      }.map { script in
        Finding(
          rule: "glue.orphan-script", area: .glueCode, severity: .low,
          title: "\(script) is not run by any pipeline stage",
          why:
            "Scripts run by hand are glue code: their steps are invisible to lineage and easy to forget or run twice.",
          fix: "Make it a pipeline stage (dvc stage add) or delete it.",
          evidence: [.file(SourceLocation(file: script))])
      }
    },
    RuleDetector(
      "glue.stage-without-io", .glueCode, "Pipeline stages that declare no inputs or no outputs"
    ) { context in
      context.project.jobs.filter { job in
        job.provenance.contains { $0.source == .dvc }
          && (job.inputs.isEmpty && job.code.isEmpty || job.outputs.isEmpty)
      }.map { job in
        let missing = job.outputs.isEmpty ? "outputs" : "dependencies"
        return Finding(
          rule: "glue.stage-without-io", area: .glueCode, severity: .low,
          title: "\(job.id) declares no \(missing)",
          why:
            "The orchestrator cannot tell when it must run or what it changes, so it runs blind.",
          fix: "Declare its deps: and outs: in dvc.yaml.",
          evidence: [.node(job.id)])
      }
    },
    RuleDetector(
      "glue.duplicate-command", .glueCode, "Pipeline stages that run the very same command"
    ) { context in
      let byCommand = Dictionary(grouping: context.project.jobs.filter { $0.command != nil }) {
        $0.command!
      }
      return byCommand.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }.map {
        command, jobs in
        Finding(
          rule: "glue.duplicate-command", area: .glueCode, severity: .low,
          title: "\(jobs.count) stages run the same command `\(command)`",
          why: "Copies of one step drift apart when one of them is changed.",
          fix: "Keep one stage, or parameterize it with foreach/matrix.",
          evidence: jobs.map { .node($0.id) })
      }
    },
  ]

  /// Script files under the root (relative paths), skipping hidden, test and tool folders.
  static func scripts(in root: String) -> [String] {
    FileAccess.files(
      under: root, maxDepth: 5,
      skipping: { ignoredFolders.contains($0) || $0.hasPrefix("venv") },
      where: { scriptExtensions.contains(($0 as NSString).pathExtension) }
    ).map { FileAccess.relative($0, to: root) }.sorted()
  }
}
