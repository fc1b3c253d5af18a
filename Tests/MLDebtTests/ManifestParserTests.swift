import Testing

@testable import MLDebt

@Suite("Manifest parser")
struct ManifestParserTests {
  static let valid = """
    version: 1
    project:
      name: car-loans
      description: Default prediction
    owners:
      - id: credit-ml
        name: Credit ML
        members: [ana, raj]
    sources:
      dvc: .
      mlflow: sqlite:///mlflow.db
      openlineage: [lineage]
    datasets:
      - id: applications
        location: data/raw/applications.csv
        owner: data-eng
        version: md5:abc
        aliases: ["car-loans/applications"]
        schema:
          - {name: car_value, type: float}
          - {name: salary_range, type: string}
    features:
      - id: car_value
        dtype: float
        owner: credit-ml
        status: production
        since: 2025-01-10
        derived_from: [dataset:applications]
      - id: fraud_score
        derived_from: [model:fraud_model]
        status: experimental
    models:
      - id: default_risk
        inputs: [car_value, feature:fraud_score]
        training_data: [applications]
        outputs: [dataset:predictions]
        mlflow: {registered_model: car-loan-default, run: 0123abcd}
    consumers:
      - id: loan_approval
        reads: [default_risk]
        influences: [dataset:labels]
        contract: {schema: approvals.v2, version: "2"}
        policy: {threshold: 0.5, calibrated: false}
    edges:
      - {from: dataset:labels, to: model:default_risk, kind: trains}
    monitoring:
      - name: production
        model: default_risk
        reference: data/reference.csv
        current: data/analysis.csv
        timestamp: timestamp
        window: 1w
        prediction: y_pred_proba
        label: repaid
        types: {salary_range: categorical}
    thresholds:
      drift_share: 0.3
      psi: 0.25
      features: {car_value: {psi: 0.4}}
    checklist:
      attestations: answers.yaml
      stale_after_days: 90
    checks: [.mldebt/checks/*.lua]
    """

  @Test func parsesEverySection() {
    let (manifest, diagnostics) = ManifestParser.parse(Self.valid, file: "mldebt.yaml")
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    #expect(manifest.name == "car-loans")
    #expect(manifest.owners.first?.members == ["ana", "raj"])
    #expect(manifest.sources.mlflow == "sqlite:///mlflow.db")
    #expect(manifest.sources.openLineage == ["lineage"])
    #expect(manifest.datasets.first?.schema.map(\.name) == ["car_value", "salary_range"])
    #expect(manifest.datasets.first?.versionPin == "md5:abc")
    #expect(
      manifest.features.map(\.id.description) == ["feature:car_value", "feature:fraud_score"])
    #expect(manifest.features[0].since == "2025-01-10")
    #expect(manifest.features[1].derivedFrom == [NodeID(.model, "fraud_model")])
    #expect(manifest.features[1].status == .experimental)
    let model = manifest.models[0]
    #expect(model.inputs == [NodeID(.feature, "car_value"), NodeID(.feature, "fraud_score")])
    #expect(model.trainingData == [NodeID(.dataset, "applications")])
    #expect(model.registeredModel == "car-loan-default")
    #expect(model.linkedRun == "0123abcd")
    let consumer = manifest.consumers[0]
    #expect(consumer.declared)
    #expect(consumer.reads == [NodeID(.model, "default_risk")])
    #expect(consumer.policy?.threshold == 0.5)
    #expect(consumer.policy?.calibrated == false)
    #expect(consumer.contract?.version == "2")
    #expect(manifest.edges.first?.kind == .trains)
    #expect(manifest.monitoring.first?.window == "1w")
    #expect(manifest.monitoring.first?.columnTypes["salary_range"] == .categorical)
    #expect(manifest.thresholds.driftShare == 0.3)
    #expect(manifest.thresholds.psi == 0.25)
    #expect(manifest.thresholds.pValue == Thresholds.defaults.pValue)
    #expect(manifest.thresholds.perFeature["car_value"]?.psi == 0.4)
    #expect(manifest.thresholds.attestationDays == 90)
    #expect(manifest.attestationsPath == "answers.yaml")
    #expect(manifest.checks == [".mldebt/checks/*.lua"])
  }

  @Test func syntaxErrorNamesLineAndColumn() {
    let (_, diagnostics) = ManifestParser.parse(
      "features:\n  - id: a\n    dtype: [float\n", file: "m.yaml")
    let error = diagnostics.first { $0.severity == .error }
    #expect(error?.location.file == "m.yaml")
    #expect(error?.location.line == 4)
    #expect(error?.location.column != nil)
    #expect(error?.message.contains("not valid YAML") == true)
  }

  @Test func wrongTypeIsAnErrorAtTheValue() {
    let (manifest, diagnostics) = ManifestParser.parse(
      "project:\n  name: x\nfeatures: 3\nmodels:\n  - id: m\n", file: "m.yaml")
    #expect(manifest.name == "x")
    #expect(manifest.models.count == 1)
    #expect(diagnostics.count == 1)
    let error = diagnostics[0]
    #expect(error.severity == .error)
    #expect(error.location.line == 3)
    #expect(error.location.column == 11)
    #expect(error.location.keyPath == "features")
    #expect(error.expected == "a list of features")
  }

  @Test func unknownKeysAreWarningsAndTheRestLoads() {
    let (manifest, diagnostics) = ManifestParser.parse(
      "featurs: []\nfeatures:\n  - id: a\n    colour: red\n", file: "m.yaml")
    #expect(manifest.features.count == 1)
    #expect(diagnostics.map(\.severity) == [.warning, .warning])
    #expect(diagnostics[0].message.contains("`featurs`"))
    #expect(diagnostics[0].location.line == 1)
    #expect(diagnostics[1].location.keyPath == "features[0].colour")
    #expect(diagnostics[1].location.line == 4)
  }

  @Test func entryWithoutIDIsSkippedOthersLoad() {
    let (manifest, diagnostics) = ManifestParser.parse(
      "features:\n  - dtype: float\n  - id: b\n", file: "m.yaml")
    #expect(manifest.features.map(\.id.name) == ["b"])
    #expect(diagnostics.count == 1)
    #expect(diagnostics[0].message.contains("no `id`"))
    #expect(diagnostics[0].location.line == 2)
  }

  @Test(arguments: [
    ("models:\n  - id: m\n    inputs: [foo:bar]\n", "is not a node id", 3),
    ("features:\n  - id: f\n    status: retired\n", "is not a feature status", 3),
    ("monitoring:\n  reference: r.csv\n  window: weekly\n", "is not a window length", 3),
    ("version: 2\n", "not supported", 1),
    ("thresholds:\n  drift_share: 3\n", "out of range", 2),
    ("edges:\n  - {from: dataset:a, to: model:b, kind: feeds}\n", "is not an edge kind", 2),
    ("features:\n  - id: model:x\n", "is a model", 2),
    ("features:\n  - id: f\n    since: yesterday\n", "is not a date", 3),
    ("monitoring:\n  current: c.csv\n", "no reference data", 2),
  ])
  func invalidValuesAreLocatedErrors(yaml: String, message: String, line: Int) {
    let (_, diagnostics) = ManifestParser.parse(yaml, file: "m.yaml")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(diagnostics)")
    #expect(errors.first?.message.contains(message) == true, "\(errors)")
    #expect(errors.first?.location.line == line)
    #expect(errors.first?.expected != nil)
  }

  @Test func emptyManifestIsAWarningNotAnError() {
    let (_, diagnostics) = ManifestParser.parse("# nothing yet\n", file: "m.yaml")
    #expect(diagnostics.map(\.severity) == [.warning])
  }

  @Test func aliasBombStopsAtTheNodeBudget() {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      yaml += "a\(level): &a\(level) [\(refs)]\n"
    }
    var sink = DiagnosticSink(source: .dvc, file: "params.yaml")
    guard let root = YAMLParsing.parse(yaml, sink: &sink) else {
      Issue.record("the bomb should parse: \(sink.diagnostics)")
      return
    }
    let scalars = YAMLCursor(root: root, maxNodes: 100_000).flattenedScalars(&sink)
    #expect(scalars.count < 100_000)
    #expect(sink.diagnostics.contains { $0.message.contains("too many nodes") })
  }
}
