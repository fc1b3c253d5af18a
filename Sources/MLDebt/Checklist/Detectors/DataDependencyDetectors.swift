extension DetectorCatalog {
  /// Data Dependencies: undocumented datasets and schema disagreements between sources.
  static let dataDependencies: [any Detector] = [
    RuleDetector(
      "data.dataset-undocumented", .dataDependencies,
      "Datasets that feed features or models without a declared schema or owner"
    ) { context in
      let graph = context.project
      let feeding = Set(graph.edges.filter { [.derives, .trains].contains($0.kind) }.map(\.from))
      return graph.datasets.filter { feeding.contains($0.id) }.compactMap { dataset in
        var missing: [String] = []
        if dataset.schema.isEmpty { missing.append("schema") }
        if dataset.owner == nil { missing.append("owner") }
        guard !missing.isEmpty else { return nil }
        return Finding(
          rule: "data.dataset-undocumented", area: .dataDependencies,
          severity: missing.count == 2 ? .medium : .low,
          title: "\(dataset.id) feeds the system but has no \(missing.joined(separator: " and "))",
          why: "Nobody can tell when an upstream change breaks this data, or whom to ask.",
          fix: "Declare its schema and owner under datasets: in mldebt.yaml.",
          evidence: [.node(dataset.id)])
      }
    },
    RuleDetector(
      "data.schema-disagreement", .dataDependencies,
      "Sources that disagree on a dataset's schema, a type or an owner"
    ) { context in
      context.project.disagreements.map { disagreement in
        Finding(
          rule: "data.schema-disagreement", area: .dataDependencies,
          severity: disagreement.field.contains("column") || disagreement.field == "schema"
            ? .medium : .low,
          title: "Sources disagree on \(disagreement.field) of \(disagreement.node)",
          why: "\(disagreement.kept.source.rawValue) says `\(disagreement.kept.value)`, "
            + "\(disagreement.other.source.rawValue) says `\(disagreement.other.value)`: "
            + "one of them is wrong, and code that trusts it will misread the data.",
          fix: "Make the producer and the declaration agree (and pin the schema).",
          evidence: [.node(disagreement.node)] + disagreement.locations.map { .file($0) })
      }
    },
  ]
}
