@testable import MLDebt

/// Small hand-built projects for the lineage tests.
enum LineageTestProjects {
  static func dataset(
    _ name: String, pin: String? = nil, owner: String? = nil, aliases: [String] = [],
    from source: SourceKind = .manifest
  ) -> Dataset {
    Dataset(
      id: NodeID(.dataset, name), owner: owner, versionPin: pin, aliases: aliases,
      provenance: [Provenance(source, "mldebt.yaml")])
  }

  static func feature(
    _ name: String, from sources: [NodeID], owner: String? = nil, tags: [String] = []
  ) -> Feature {
    Feature(
      id: NodeID(.feature, name), owner: owner, derivedFrom: sources, tags: tags,
      provenance: [Provenance(.manifest, "mldebt.yaml")])
  }

  static func model(
    _ name: String, inputs: [NodeID] = [], training: [NodeID] = [], outputs: [NodeID] = [],
    owner: String? = nil
  ) -> Model {
    Model(
      id: NodeID(.model, name), owner: owner, inputs: inputs, trainingData: training,
      outputs: outputs, provenance: [Provenance(.manifest, "mldebt.yaml")])
  }

  static func job(
    _ name: String, reads: [NodeID] = [], writes: [NodeID] = [], owner: String? = nil,
    from source: SourceKind = .manifest
  ) -> Job {
    Job(
      id: NodeID(.job, name), owner: owner, inputs: reads, outputs: writes,
      provenance: [Provenance(source, source == .openLineage ? "lineage/events.jsonl" : "x")])
  }

  static func consumer(
    _ name: String, reads: [NodeID] = [], influences: [NodeID] = [], declared: Bool = true,
    owner: String? = nil
  ) -> Consumer {
    Consumer(
      id: NodeID(.consumer, name), declared: declared, owner: owner, reads: reads,
      influences: influences,
      provenance: [Provenance(declared ? .manifest : .openLineage, "mldebt.yaml")])
  }

  static func d(_ name: String) -> NodeID { NodeID(.dataset, name) }
  static func f(_ name: String) -> NodeID { NodeID(.feature, name) }
  static func m(_ name: String) -> NodeID { NodeID(.model, name) }
  static func c(_ name: String) -> NodeID { NodeID(.consumer, name) }
  static func j(_ name: String) -> NodeID { NodeID(.job, name) }

  /// raw → {age, income, orphan}; build: raw → train_set; risk(age, income; train_set) →
  /// predictions → approvals (consumer); job `approvals` also reads predictions; island alone.
  static var small: Project {
    var project = Project(root: "/tmp/small", name: "small")
    project.datasets = [
      dataset("raw", pin: "md5:1", owner: "data-eng", aliases: ["warehouse/raw"]),
      dataset("train_set", owner: "ml"), dataset("predictions", owner: "ml"), dataset("island"),
    ]
    project.features = [
      feature("age", from: [d("raw")], owner: "ml", tags: ["demographic"]),
      feature("income", from: [d("raw")], owner: "ml"),
      feature("orphan", from: [d("raw")]),
    ]
    project.models = [
      model(
        "risk", inputs: [f("age"), f("income")], training: [d("train_set")],
        outputs: [d("predictions")], owner: "ml")
    ]
    project.consumers = [
      consumer("approvals", reads: [d("predictions")], owner: "lending")
    ]
    project.jobs = [
      job("build", reads: [d("raw")], writes: [d("train_set")], owner: "data-eng"),
      job("approvals", reads: [d("predictions")], from: .openLineage),
    ]
    return project
  }

  /// model a → scores_a → feature fb → model b → scores_b → consumer c ⇢ labels → model a:
  /// a hidden loop through two models and a consumer's influences edge.
  static var hiddenLoop: Project {
    var project = Project(root: "/tmp/loop", name: "loop")
    project.datasets = [dataset("scores_a"), dataset("scores_b"), dataset("labels", pin: "v1")]
    project.features = [feature("fb", from: [d("scores_a")], owner: "ml")]
    project.models = [
      model("a", training: [d("labels")], outputs: [d("scores_a")], owner: "team-a"),
      model("b", inputs: [f("fb")], outputs: [d("scores_b")], owner: "team-b"),
    ]
    project.consumers = [
      consumer("c", reads: [d("scores_b")], influences: [d("labels")], owner: "ops")
    ]
    return project
  }

  /// model m → preds → job relabel → train → model m: a direct loop; plus a model-free cycle
  /// x → j1 → y → j2 → x.
  static var directLoop: Project {
    var project = Project(root: "/tmp/direct", name: "direct")
    project.datasets = [
      dataset("preds", pin: "v"), dataset("train", pin: "v"), dataset("x", pin: "v"),
      dataset("y", pin: "v"),
    ]
    project.models = [model("m", training: [d("train")], outputs: [d("preds")], owner: "ml")]
    project.jobs = [
      job("relabel", reads: [d("preds")], writes: [d("train")], owner: "ml"),
      job("j1", reads: [d("x")], writes: [d("y")], owner: "ml"),
      job("j2", reads: [d("y")], writes: [d("x")], owner: "ml"),
    ]
    return project
  }

  /// model A → scores_a → feature fa → model B → feature fb (derived from B itself) → model C:
  /// a correction cascade two levels deep.
  static var cascade: Project {
    var project = Project(root: "/tmp/cascade", name: "cascade")
    project.datasets = [dataset("raw", pin: "v"), dataset("scores_a", pin: "v")]
    project.features = [
      feature("fa", from: [d("scores_a")], owner: "ml"),
      feature("fb", from: [m("B")], owner: "ml"),
      feature("base", from: [d("raw")], owner: "ml"),
    ]
    project.models = [
      model("A", inputs: [f("base")], outputs: [d("scores_a")], owner: "ml"),
      model("B", inputs: [f("fa")], owner: "ml"),
      model("C", inputs: [f("fb"), f("base")], owner: "ml"),
    ]
    return project
  }
}
