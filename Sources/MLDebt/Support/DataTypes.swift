/// Comparison of the type names that different tools write for the same column.
public enum DataTypes {
  /// The family of a type name: `int`, `float`, `string`, `bool`, `datetime`, or the name itself.
  public static func family(_ name: String) -> String {
    let lower = name.lowercased()
    if lower.hasPrefix("int") || lower.hasPrefix("uint") || lower == "long" || lower == "bigint" {
      return "int"
    }
    if lower.hasPrefix("float") || lower == "double" || lower.hasPrefix("decimal")
      || lower == "real"
    {
      return "float"
    }
    if ["str", "string", "text", "varchar", "object", "utf8", "category", "categorical"].contains(
      lower)
    {
      return "string"
    }
    if lower.hasPrefix("bool") { return "bool" }
    if lower.hasPrefix("timestamp") || lower.hasPrefix("datetime") || lower == "date" {
      return "datetime"
    }
    return lower
  }

  /// Whether two type names mean the same kind of value.
  public static func compatible(_ a: String, _ b: String) -> Bool { family(a) == family(b) }
}
