/// A team or person who owns parts of the system.
public struct Owner: Sendable, Hashable, Codable, Identifiable {
  /// The owner's id, as other entries refer to it.
  public var id: String
  /// A display name.
  public var name: String?
  /// How to reach them.
  public var contact: String?
  /// The people in the team.
  public var members: [String]

  /// Creates an owner.
  public init(id: String, name: String? = nil, contact: String? = nil, members: [String] = []) {
    self.id = id
    self.name = name
    self.contact = contact
    self.members = members
  }
}
