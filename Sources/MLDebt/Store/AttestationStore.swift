import Foundation

/// Saves attestations to the attestations file: under a lock, re-reading the file first so that
/// two mldebt processes editing at once both keep their edits, and writing atomically.
///
/// The hand-written manifest is never touched. Entries are written sorted by item, so a change
/// reads as a small diff; the comment lines at the top of the file are kept.
public enum AttestationStore {
  /// Why saving failed.
  public enum SaveError: Error, CustomStringConvertible {
    /// The current file has errors; saving would lose what mldebt could not read.
    case unreadable([Diagnostic])
    /// The file or its lock could not be written.
    case write(AtomicFile.WriteError)

    /// What went wrong and what to do.
    public var description: String {
      switch self {
      case .unreadable(let diagnostics):
        "the attestations file has errors, so mldebt will not rewrite it: "
          + (diagnostics.first?.description ?? "") + " (fix it by hand first)"
      case .write(let error): error.description
      }
    }
  }

  /// Sets (or replaces) the answer for `attestation.item` in the project's attestations file, and
  /// returns every attestation now in the file.
  @discardableResult
  public static func save(_ attestation: Attestation, in project: Project) throws(SaveError)
    -> [Attestation]
  {
    let path = FileAccess.resolve(project.attestationsPath, relativeTo: project.root)
    let stateFolder = project.root + "/.mldebt"
    mkdir(stateFolder, 0o755)
    let lock: FileLock
    do {
      lock = try FileLock(path: stateFolder + "/attestations.lock")
    } catch {
      throw .write(error)
    }
    defer { lock.unlock() }
    var header =
      "# Checklist answers recorded with mldebt (docs/manifest.md). Edit by hand or in the TUI.\n"
    var current: [Attestation] = []
    if FileAccess.entry(at: path) != .missing {
      guard let text = try? FileAccess.readText(path) else {
        throw .unreadable([
          Diagnostic(
            .error, source: .attestations, at: SourceLocation(file: project.attestationsPath),
            "cannot be read as UTF-8 text")
        ])
      }
      let (parsed, diagnostics) = AttestationsFile.parse(text, file: project.attestationsPath)
      let errors = diagnostics.filter { $0.severity == .error }
      guard errors.isEmpty else { throw .unreadable(errors) }
      current = parsed
      let comments = text.split(separator: "\n", omittingEmptySubsequences: false).prefix {
        $0.hasPrefix("#")
      }
      if !comments.isEmpty { header = comments.joined(separator: "\n") + "\n" }
    }
    current.removeAll { $0.item == attestation.item }
    current.append(attestation)
    current.sort { $0.item < $1.item }
    do {
      try AtomicFile.write(Data((header + AttestationsFile.render(current)).utf8), to: path)
    } catch {
      throw .write(error)
    }
    return current
  }
}

extension AttestationsFile {
  /// The YAML text of a list of attestations (without a header comment).
  public static func render(_ attestations: [Attestation]) -> String {
    var lines = ["version: 1", "attestations:"]
    for attestation in attestations {
      lines.append("  - item: \(scalar(attestation.item))")
      lines.append("    status: \(attestation.status.rawValue)")
      if let by = attestation.by { lines.append("    by: \(scalar(by))") }
      if let at = attestation.at { lines.append("    at: \(scalar(at))") }
      if let note = attestation.note { lines.append("    note: \(scalar(note))") }
      if let evidence = attestation.evidence { lines.append("    evidence: \(scalar(evidence))") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A YAML scalar: plain when that is safe, double-quoted with escapes otherwise.
  static func scalar(_ text: String) -> String {
    let plain =
      !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "-_./@ ".contains($0) }
      && text.first?.isWhitespace == false && text.last?.isWhitespace == false
      && !["true", "false", "yes", "no", "null", "on", "off", "~"].contains(text.lowercased())
      && NumberParsing.double(text) == nil
    if plain && !text.contains(": ") { return text }
    var escaped = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          escaped += String(format: "\\x%02X", scalar.value)
        } else {
          escaped.unicodeScalars.append(scalar)
        }
      }
    }
    return escaped + "\""
  }
}
