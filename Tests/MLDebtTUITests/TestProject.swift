import MLDebt

@testable import MLDebtTUI

/// A small hand-built project, so goldens do not depend on the example project.
enum TestProject {
  static let manifest = Provenance(.manifest, "mldebt.yaml")
  static let mlflow = Provenance(.mlflowFileStore, "mlruns")

  static func make() -> Project {
    let raw = NodeID(.dataset, "loans_raw")
    let clean = NodeID(.dataset, "loans_clean")
    let preds = NodeID(.dataset, "predictions")
    let age = NodeID(.feature, "age")
    let income = NodeID(.feature, "income")
    let ratio = NodeID(.feature, "debt_ratio")
    let model = NodeID(.model, "default_risk")
    let approvals = NodeID(.consumer, "approvals")
    let marketing = NodeID(.consumer, "marketing_export")
    let prepare = NodeID(.job, "prepare")
    let edges = [
      LineageEdge(from: raw, to: prepare, kind: .reads),
      LineageEdge(from: prepare, to: clean, kind: .writes),
      LineageEdge(from: clean, to: age, kind: .derives),
      LineageEdge(from: clean, to: income, kind: .derives),
      LineageEdge(from: clean, to: ratio, kind: .derives),
      LineageEdge(from: income, to: ratio, kind: .derives),
      LineageEdge(from: age, to: model, kind: .trains),
      LineageEdge(from: income, to: model, kind: .trains),
      LineageEdge(from: ratio, to: model, kind: .trains),
      LineageEdge(from: model, to: preds, kind: .serves),
      LineageEdge(from: preds, to: approvals, kind: .consumes),
      LineageEdge(from: preds, to: marketing, kind: .consumes),
      LineageEdge(from: approvals, to: raw, kind: .influences),
    ]
    let start: Int64 = 1_717_200_000_000
    func run(
      _ n: Int, _ name: String, _ status: Run.Status, _ c: String, _ auc: Double, minutes: Int64
    ) -> Run {
      let history = (0..<8).map { step in
        MetricPoint(
          timestamp: start + Int64(step) * 1000, value: auc - 0.02 * Double(7 - step) / 7,
          step: Int64(step))
      }
      return Run(
        id: String(repeating: String(n), count: 32), experimentID: "1", name: name, status: status,
        startTime: start + Int64(n) * 86_400_000,
        endTime: start + Int64(n) * 86_400_000 + minutes * 60_000,
        user: "ana", params: ["C": c, "penalty": "l2"],
        tags: n == 2 ? [:] : ["mlflow.source.git.commit": "abc123def4567890"],
        metrics: ["auc": auc, "f1": auc - 0.1, "logloss": 1 - auc],
        metricHistory: ["auc": history], provenance: mlflow)
    }
    return Project(
      root: "/tmp/car-loans", name: "car-loans",
      description: "Default-risk scoring for car loans, with a feedback path through approvals.",
      manifestPath: "mldebt.yaml",
      owners: [Owner(id: "risk-team")],
      datasets: [
        Dataset(id: clean, owner: "data-eng"), Dataset(id: preds, owner: "risk-team"),
        Dataset(id: raw, owner: "data-eng", description: "Loan applications as submitted."),
      ],
      features: [
        Feature(id: age, owner: "risk-team", status: .production),
        Feature(id: ratio, status: .experimental),
        Feature(id: income, owner: "risk-team", description: "Declared monthly income, EUR."),
      ],
      models: [
        Model(
          id: model, owner: "risk-team", description: "Probability of default within 12 months.")
      ],
      consumers: [
        Consumer(id: approvals, declared: true, owner: "credit-ops"),
        Consumer(id: marketing, declared: false),
      ],
      jobs: [Job(id: prepare, command: "python prepare.py", owner: "data-eng")],
      edges: edges,
      experiments: [Experiment(id: "1", name: "default-risk", provenance: mlflow)],
      runs: [
        run(1, "baseline", .finished, "1.0", 0.81, minutes: 4),
        run(2, "more-features", .failed, "0.5", 0.79, minutes: 1),
        run(3, "tuned", .finished, "0.1", 0.84, minutes: 12),
      ],
      monitoring: [
        MonitoringSource(
          name: "default", model: model, reference: "data/reference.csv",
          current: "monitoring/current.csv", timestampColumn: "timestamp", window: "1w",
          predictionColumn: "score", labelColumn: "defaulted", provenance: [manifest])
      ],
      attestations: [
        Attestation(item: "infra.canary", status: .manual, by: "ana", at: "2024-05-01")
      ],
      sources: [
        SourceSummary(
          kind: .manifest, path: "mldebt.yaml", status: .loaded, counts: ["features": 3]),
        SourceSummary(
          kind: .mlflowFileStore, path: "mlruns", status: .partial, counts: ["runs": 3],
          errorCount: 1),
        SourceSummary(kind: .dvc, path: "dvc.yaml", status: .loaded, counts: ["stages": 1]),
      ],
      diagnostics: [
        Diagnostic(
          .warning, source: .manifest, at: SourceLocation(file: "mldebt.yaml", line: 12, column: 5),
          "feature debt_ratio has no owner", hint: "add `owner:` to the feature"),
        Diagnostic(
          .error, source: .mlflowFileStore,
          at: SourceLocation(file: "mlruns/1/abc/meta.yaml", line: 3),
          "run meta.yaml is not valid YAML", expected: "a mapping"),
        Diagnostic(
          .info, source: .manifest, at: SourceLocation(file: "mldebt.yaml"),
          "no Feast registry found"),
      ])
  }

  static func state(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) -> AppState {
    AppState(project: make(), size: Size(width: width, height: height), glyphs: glyphs)
  }
}
