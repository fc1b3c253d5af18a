extension DetectorCatalog {
  /// The lineage signals (docs/lineage.md), computed once over the project's graph.
  static let lineage: [any Detector] = [
    RuleDetector(
      "lineage", .dataDependencies,
      "Feedback loops, correction cascades, unused features, undeclared consumers, hot spots, unpinned training inputs and pipeline jungles in the lineage graph"
    ) { context in
      LineageSignals.findings(in: context.graph)
    }
  ]
}
