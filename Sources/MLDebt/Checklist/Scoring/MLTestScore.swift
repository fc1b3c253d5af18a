import Foundation

/// The ML Test Score rubric (Breck, Cai, Nielsen, Salib, Sculley, 2017) as a second view of the
/// same evidence: 28 tests in four sections, each 0, 0.5 (manual) or 1 (automated); a section
/// scores the sum of its tests, and the final score is the minimum over the sections.
public struct MLTestScore: Sendable, Hashable, Codable {
  /// The rubric's four sections.
  public enum Section: String, Sendable, Hashable, Codable, CaseIterable {
    /// Data and features.
    case data
    /// Model development.
    case model
    /// ML infrastructure.
    case infrastructure
    /// Monitoring.
    case monitoring

    /// The section's title.
    public var title: String {
      switch self {
      case .data: "Data and features"
      case .model: "Model development"
      case .infrastructure: "ML infrastructure"
      case .monitoring: "Monitoring"
      }
    }
  }

  /// One test's result.
  public struct TestResult: Sendable, Hashable, Codable {
    /// The test id, such as `data-1`; attest it with this id (or the practice item named).
    public var id: String
    /// Its section.
    public var section: Section
    /// What it asks.
    public var title: String
    /// 0, 0.5 or 1.
    public var points: Double
    /// What the points rest on.
    public var evidence: String
    /// What is missing for the next step, or `nil` at 1.
    public var missing: String?
  }

  /// Every test, in rubric order.
  public var tests: [TestResult]

  /// Each section's score (the sum of its tests, 0–7).
  public var sections: [Section: Double] {
    Dictionary(grouping: tests, by: \.section).mapValues { $0.map(\.points).reduce(0, +) }
  }

  /// The final score: the minimum section score.
  public var final: Double { Section.allCases.map { sections[$0] ?? 0 }.min() ?? 0 }

  /// The paper's reading of a final score.
  public var band: String {
    switch final {
    case 0: "more a research project than a production system"
    case ..<1.0001: "not totally untested, but serious holes in reliability are possible"
    case ..<2.0001: "a first pass at basic productionization"
    case ..<3.0001: "reasonably tested; more may be automated"
    case ..<5.0001: "strong automated testing and monitoring, fit for mission-critical systems"
    default: "exceptional levels of automated testing and monitoring"
    }
  }
}

extension MLTestScore {
  /// A test of the rubric: its id, title, the practice items that attest it, and what automatic
  /// evidence can give it without an attestation.
  struct Test {
    var id: String
    var section: Section
    var title: String
    var items: [String]
    var evidence: (@Sendable (EvidenceView) -> (Double, String)?)? = nil
  }

  /// What the evidence rules may look at.
  struct EvidenceView: Sendable {
    var project: Project
    var rules: Set<String>
  }

  static let rubric: [Test] = [
    Test(
      id: "data-1", section: .data, title: "Feature expectations are captured in a schema",
      items: ["data.schema-validation"]
    ) { view in
      let undocumented =
        view.rules.contains("data.dataset-undocumented")
        || view.rules.contains("data.schema-disagreement")
      return undocumented || view.project.datasets.allSatisfy({ $0.schema.isEmpty })
        ? nil : (0.5, "every dataset feeding the system declares a schema, and the sources agree")
    },
    Test(
      id: "data-2", section: .data, title: "All features are beneficial", items: ["features.review"]
    ) { view in
      guard !view.project.features.isEmpty, !view.project.models.isEmpty else { return nil }
      return view.rules.contains("lineage.unused-feature")
        || view.rules.contains("features.bundled")
        ? nil : (0.5, "no unused or never-ablated features found")
    },
    Test(
      id: "data-3", section: .data, title: "No feature costs more than it is worth",
      items: ["mltest.data-3"]),
    Test(
      id: "data-4", section: .data, title: "Features adhere to meta-level requirements",
      items: ["mltest.data-4"]),
    Test(
      id: "data-5", section: .data, title: "The data pipeline has appropriate privacy controls",
      items: ["mltest.data-5"]),
    Test(
      id: "data-6", section: .data, title: "New features can be added quickly",
      items: ["mltest.data-6"]),
    Test(
      id: "data-7", section: .data, title: "All input feature code is tested",
      items: ["features.tests"]),
    Test(
      id: "model-1", section: .model, title: "Model specs are reviewed and submitted",
      items: ["mltest.model-1"]
    ) { view in
      !view.project.jobs.isEmpty && view.project.jobs.allSatisfy({ $0.upToDate != false })
        && view.project.jobs.contains { $0.provenance.contains { $0.source == .dvc } }
        ? (0.5, "the pipeline is versioned in dvc.yaml and dvc.lock matches it") : nil
    },
    Test(
      id: "model-2", section: .model, title: "Offline and online metrics correlate",
      items: ["mltest.model-2"]),
    Test(
      id: "model-3", section: .model, title: "All hyperparameters have been tuned",
      items: ["mltest.model-3"]
    ) { view in
      view.project.runs.contains { $0.parentRunID != nil }
        ? (0.5, "nested sweep runs are recorded in MLflow") : nil
    },
    Test(
      id: "model-4", section: .model, title: "The impact of model staleness is known",
      items: ["monitoring.staleness"]),
    Test(
      id: "model-5", section: .model, title: "A simpler model is not better",
      items: ["mltest.model-5"]),
    Test(
      id: "model-6", section: .model,
      title: "Model quality is sufficient on all important data slices", items: ["mltest.model-6"]),
    Test(
      id: "model-7", section: .model, title: "The model is tested for considerations of inclusion",
      items: ["mltest.model-7"]),
    Test(
      id: "infra-1", section: .infrastructure, title: "Training is reproducible",
      items: ["repro.retrain"]
    ) { view in
      guard !view.project.runs.isEmpty else { return nil }
      return view.rules.contains("repro.production-run")
        || view.rules.contains("repro.runs-without-commit")
        || view.rules.contains("repro.runs-not-reproducible")
        ? nil : (0.5, "recorded runs carry commits, and the production run is fully recorded")
    },
    Test(
      id: "infra-2", section: .infrastructure, title: "Model specs are unit tested",
      items: ["mltest.infra-2"]),
    Test(
      id: "infra-3", section: .infrastructure, title: "The ML pipeline is integration tested",
      items: ["pipeline.integration-tests"]),
    Test(
      id: "infra-4", section: .infrastructure, title: "Model quality is validated before serving",
      items: ["mltest.infra-4"]
    ) { view in
      view.project.datasets.contains { $0.tags.contains("metric") }
        ? (0.5, "the pipeline computes evaluation metrics (DVC metrics)") : nil
    },
    Test(
      id: "infra-5", section: .infrastructure,
      title: "The model allows debugging on a single example", items: ["mltest.infra-5"]),
    Test(
      id: "infra-6", section: .infrastructure, title: "Models are canaried before serving",
      items: ["infra.canary"]),
    Test(
      id: "infra-7", section: .infrastructure, title: "Serving models can be rolled back",
      items: ["infra.rollback"]
    ) { view in
      view.project.registeredModels.contains { $0.versions.count > 1 }
        ? (0.5, "the model registry keeps earlier versions to return to") : nil
    },
    Test(
      id: "monitor-1", section: .monitoring, title: "Dependency changes result in notification",
      items: ["deps.upstream-tests"]),
    Test(
      id: "monitor-2", section: .monitoring,
      title: "Data invariants hold in training and serving inputs",
      items: ["data.schema-validation"]
    ) { view in
      view.project.monitoring.isEmpty
        ? nil : (0.5, "production inputs are compared with a reference sample")
    },
    Test(
      id: "monitor-3", section: .monitoring,
      title: "Training and serving features compute the same values", items: ["mltest.monitor-3"]),
    Test(
      id: "monitor-4", section: .monitoring, title: "Models are not too stale",
      items: ["monitoring.staleness"]),
    Test(
      id: "monitor-5", section: .monitoring, title: "The model is numerically stable",
      items: ["mltest.monitor-5"]),
    Test(
      id: "monitor-6", section: .monitoring, title: "Computing performance has not regressed",
      items: ["mltest.monitor-6"]),
    Test(
      id: "monitor-7", section: .monitoring, title: "Prediction quality has not regressed",
      items: ["monitoring.alerts"]
    ) { view in
      view.project.monitoring.contains { $0.labelColumn != nil }
        ? (0.5, "labels are monitored against predictions") : nil
    },
  ]

  /// Evaluates the rubric from a project's findings and attestations.
  public static func evaluate(project: Project, findings: [Finding], staleAfterDays: Int, now: Date)
    -> MLTestScore
  {
    let answers = Dictionary(project.attestations.map { ($0.item, $0) }) { _, latest in latest }
    let view = EvidenceView(project: project, rules: Set(findings.map(\.rule)))
    let tests = rubric.map { test in
      var points = 0.0
      var basis = "no evidence and no attestation"
      for item in [test.id, "mltest.\(test.id)"] + test.items {
        guard let answer = answers[item] else { continue }
        let stale = Scorer.isStale(answer, days: staleAfterDays, now: now)
        let value =
          stale
          ? min(ScoringRules.value(answer.status, stale: false), 0.5)
          : ScoringRules.value(answer.status, stale: false)
        if value > points {
          points = value
          basis = "attested \(answer.status.rawValue) (\(item))" + (stale ? ", stale" : "")
        }
      }
      if let rule = test.evidence, let (value, reason) = rule(view), value > points {
        points = value
        basis = reason
      }
      let missing: String? =
        points >= 1
        ? nil
        : points >= 0.5
          ? "automate it, then attest `\(test.items.first ?? test.id)` as automated"
          : "do it (by hand counts half) and attest `\(test.items.first ?? test.id)`"
      return TestResult(
        id: test.id, section: test.section, title: test.title, points: points, evidence: basis,
        missing: missing)
    }
    return MLTestScore(tests: tests)
  }
}
