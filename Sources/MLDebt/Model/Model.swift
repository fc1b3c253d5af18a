/// A trained model: what it reads, what it writes, and which tracked run produced it.
public struct Model: Sendable, Hashable, Codable, Identifiable {
  /// The model's identifier (`model:NAME`).
  public var id: NodeID
  /// The team or person responsible for it.
  public var owner: String?
  /// What it predicts.
  public var description: String?
  /// Its inputs: features (or datasets and other models' outputs, where declared so).
  public var inputs: [NodeID]
  /// What it was trained on: the datasets that hold its training examples and labels.
  public var trainingData: [NodeID]
  /// Where its predictions go: datasets such as a predictions table.
  public var outputs: [NodeID]
  /// The MLflow registered model name, if it is registered.
  public var registeredModel: String?
  /// The run that produced the model in use, if known.
  public var linkedRun: String?
  /// Free-form labels.
  public var tags: [String]
  /// Which sources mentioned this model.
  public var provenance: [Provenance]

  /// Creates a model.
  public init(
    id: NodeID, owner: String? = nil, description: String? = nil, inputs: [NodeID] = [],
    trainingData: [NodeID] = [], outputs: [NodeID] = [], registeredModel: String? = nil,
    linkedRun: String? = nil, tags: [String] = [], provenance: [Provenance] = []
  ) {
    self.id = id
    self.owner = owner
    self.description = description
    self.inputs = inputs
    self.trainingData = trainingData
    self.outputs = outputs
    self.registeredModel = registeredModel
    self.linkedRun = linkedRun
    self.tags = tags
    self.provenance = provenance
  }
}
