/// Reads the attestations file: checklist answers that mldebt writes beside the manifest.
public struct AttestationsReader: SourceReader {
  /// The attestations source.
  public static let kind = SourceKind.attestations
  /// The file, relative to the root.
  public let path: String

  /// Finds the attestations file named by the manifest (or the default name), if it exists.
  public static func discover(_ context: LoadContext) -> [AttestationsReader] {
    let path = context.manifest?.attestationsPath ?? "mldebt.attestations.yaml"
    guard case .file = FileAccess.entry(at: context.absolute(path)) else { return [] }
    return [AttestationsReader(path: path)]
  }

  /// Reads and parses the file.
  public func read(_ context: LoadContext) -> SourceContribution {
    var contribution = SourceContribution(kind: Self.kind, path: path)
    do {
      let text = try FileAccess.readText(context.absolute(path), limit: context.options.maxFileSize)
      let (attestations, diagnostics) = AttestationsFile.parse(
        text, file: path, maxNodes: context.options.maxYAMLNodes)
      contribution.attestations = attestations
      contribution.diagnostics = diagnostics
      contribution.counts["attestations"] = attestations.count
    } catch {
      contribution.fail(error.diagnostic(source: Self.kind, file: path))
    }
    return contribution
  }
}

/// The attestations file's format: `version: 1` and a list `attestations:` of answers.
public enum AttestationsFile {
  /// Parses the file's text; `maxNodes` bounds the nodes the document may expand to.
  public static func parse(
    _ text: String, file: String, maxNodes: Int = YAMLCursor.defaultMaxNodes
  ) -> ([Attestation], [Diagnostic]) {
    var sink = DiagnosticSink(source: .attestations, file: file)
    guard let root = YAMLParsing.parse(text, sink: &sink) else { return ([], sink.diagnostics) }
    var reader = ManifestParser.Reader(sink: sink)
    var attestations: [Attestation] = []
    reader.fields(
      YAMLCursor(root: root, maxNodes: maxNodes), "the attestations file",
      known: ["version", "attestations"]
    ) {
      reader, key, value in
      guard key == "attestations" else { return }
      attestations = reader.list(value, "attestations") { reader, cursor in
        var attestation = Attestation(item: "", status: .none)
        var statusOK = true
        reader.fields(
          cursor, "an attestation", known: ["item", "status", "by", "at", "note", "evidence"]
        ) {
          reader, key, value in
          switch key {
          case "item": attestation.item = reader.string(value) ?? ""
          case "by": attestation.by = reader.string(value)
          case "at": attestation.at = reader.string(value)
          case "note": attestation.note = reader.string(value)
          case "evidence": attestation.evidence = reader.string(value)
          case "status":
            let text = reader.string(value) ?? ""
            if let status = AttestationStatus(rawValue: text.lowercased()) {
              attestation.status = status
            } else {
              statusOK = false
              value.report(
                .error, "`\(text)` is not an attestation status",
                expected: AttestationStatus.allCases.map(\.rawValue).joined(separator: ", "),
                into: &reader.sink)
            }
          default: break
          }
        }
        guard !attestation.item.isEmpty else {
          cursor.report(
            .error, "this attestation has no `item`", expected: "`item: ID`", into: &reader.sink)
          return nil
        }
        return statusOK ? attestation : nil
      }
    }
    return (attestations, reader.sink.diagnostics)
  }
}
