extension DetectorCatalog {
  /// Undeclared Consumers: declared consumers without an API contract.
  static let undeclaredConsumers: [any Detector] = [
    RuleDetector(
      "consumers.no-contract", .undeclaredConsumers,
      "Declared consumers of a model's output without an API contract"
    ) { context in
      context.project.consumers.filter { $0.declared && $0.contract == nil }.map { consumer in
        Finding(
          rule: "consumers.no-contract", area: .undeclaredConsumers, severity: .medium,
          title:
            "\(consumer.id) reads \(consumer.reads.map(\.description).joined(separator: ", ")) without a contract",
          why:
            "Without a schema and version, any change to the model's output can break this consumer unannounced.",
          fix: "Agree on a contract (schema, version) and declare it under the consumer.",
          evidence: [.node(consumer.id)] + consumer.reads.map { .node($0) })
      }
    }
  ]
}
