import Foundation

/// A first `mldebt.yaml` for a project that has none, written from what discovery found, with
/// `# TODO` where only a person can answer (owners, consumers, which model feeds which feature).
public enum ManifestDraft {
  /// The draft's text and the three things to fill in first.
  public struct Draft: Sendable {
    /// The manifest text.
    public var text: String
    /// What to fill in first, most valuable first.
    public var nextSteps: [String]
  }

  /// Drafts a manifest for the project at `root`; `project` is what loading found (`nil` when
  /// the directory holds nothing mldebt can read yet).
  public static func draft(root: String, project: Project?) -> Draft {
    var lines: [String] = []
    let name = project?.name ?? (root as NSString).lastPathComponent
    lines += [
      "# mldebt manifest: what no tool records. Written by `mldebt init`; see docs/manifest.md.",
      "# Every `TODO` is something only your team can answer.", "version: 1", "",
      "project:", "  name: \(AttestationsFile.scalar(name))",
      "  # description: TODO one line about what this system predicts", "",
      "owners: []", "  # TODO the teams, for example:", "  # - id: credit-ml",
      "  #   contact: credit-ml@example.com", "  #   members: [ana, raj]", "",
    ]
    var steps: [String] = []
    let sources = project?.sources ?? []
    if !sources.isEmpty {
      lines.append("sources:")
      for source in sources {
        switch source.kind {
        case .dvc: lines.append("  dvc: .")
        case .mlflowFileStore, .mlflowSQLite, .mlflowServer:
          let path =
            source.kind == .mlflowSQLite && !source.path.hasPrefix("sqlite:")
            ? "sqlite:///\(source.path)" : source.path
          lines.append("  mlflow: \(AttestationsFile.scalar(path))")
        case .openLineage: lines.append("  openlineage: [\(AttestationsFile.scalar(source.path))]")
        case .feast: lines.append("  feast: \(AttestationsFile.scalar(source.path))")
        default: break
        }
      }
      lines.append("")
    }
    // Datasets that jobs read but no job writes are the system's inputs: the ones to own.
    let written = Set(project?.jobs.flatMap(\.outputs) ?? [])
    let inputs = (project?.datasets ?? []).filter { dataset in
      !written.contains(dataset.id)
        && (project?.jobs.contains { $0.inputs.contains(dataset.id) } ?? false)
    }
    if inputs.isEmpty {
      lines += [
        "datasets: []", "  # TODO the data the system reads, for example:",
        "  # - id: applications", "  #   location: data/raw/applications.csv",
        "  #   owner: data-eng",
      ]
    } else {
      lines.append("datasets:")
    }
    for dataset in inputs.prefix(20) {
      lines += [
        "  - id: \(AttestationsFile.scalar(dataset.id.name))",
        "    # owner: TODO who to ask when it changes", "    # description: TODO what one row is",
      ]
      if dataset.versionPin == nil {
        lines.append("    # TODO pin a version (dvc add, or a snapshot digest)")
      }
    }
    lines += [
      "", "features: []", "  # TODO the model inputs, for example:", "  # - id: car_value",
      "  #   owner: credit-ml", "  #   description: the car's value in euros",
      "  #   derived_from: [dataset:applications]", "",
    ]
    let registered = project?.registeredModels ?? []
    lines.append(registered.isEmpty ? "models: []" : "models:")
    if registered.isEmpty {
      lines += [
        "  # TODO the models, for example:", "  # - id: default_risk", "  #   inputs: [car_value]",
      ]
    }
    for model in registered {
      let production = model.versions.first { $0.isProduction }
      lines += [
        "  - id: \(AttestationsFile.scalar(model.name))", "    # owner: TODO",
        "    # inputs: [TODO the features it reads]",
        "    # outputs: [TODO the dataset its predictions go to]",
        "    mlflow: {registered_model: \(AttestationsFile.scalar(model.name))"
          + (production?.runID.map { ", run: \($0)" } ?? "") + "}",
      ]
    }
    lines += [
      "", "consumers: []", "  # TODO everyone who reads a model's output, for example:",
      "  # - id: loan_approval_service", "  #   reads: [model:default_risk]",
      "  #   influences: [dataset:labels]   # what its decisions change (feedback loops)",
      "  #   contract: {schema: score.v2, version: \"2\"}", "",
    ]
    if let monitoring = monitoringCandidate(root: root) {
      lines += [
        "# TODO set the reference sample, then uncomment (production data found below):",
        "# monitoring:", "#   - name: production",
        "#     reference: data/reference.csv   # the training or validation sample (CSV)",
        "#     current: \(AttestationsFile.scalar(monitoring.file))",
        "#     timestamp: \(AttestationsFile.scalar(monitoring.timestamp))", "#     window: 1w",
      ]
      if let prediction = monitoring.prediction {
        lines.append("#     prediction: \(AttestationsFile.scalar(prediction))")
      }
      lines.append("#     label: TODO the observed outcome column, for model quality")
      lines.append("")
    } else {
      lines += [
        "# monitoring: TODO where production inputs and predictions are logged (docs/manifest.md)",
        "",
      ]
    }
    lines += ["checklist:", "  attestations: mldebt.attestations.yaml"]
    steps.append("Name the owner of every model and input dataset (owners:, owner:).")
    steps.append(
      "List the consumers of each model's output and what their decisions influence (consumers:).")
    steps.append(
      monitoringCandidate(root: root) == nil
        ? "Point monitoring: at a reference sample and production data, so drift can be measured."
        : "Give monitoring: its reference sample and label column.")
    return Draft(text: lines.joined(separator: "\n") + "\n", nextSteps: steps)
  }

  /// A CSV under the root (three levels deep at most) whose header has a timestamp column, with
  /// a prediction-like column if there is one.
  static func monitoringCandidate(root: String) -> (
    file: String, timestamp: String, prediction: String?
  )? {
    var queue: [(String, Int)] = [(root, 0)]
    while let (folder, depth) = queue.popLast() {
      for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      where !name.hasPrefix(".") && !["mlruns", "mlartifacts", "node_modules"].contains(name) {
        let full = folder + "/" + name
        if name.hasSuffix(".csv"), let header = firstLine(full) {
          let columns = header.split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" \r"))
          }
          let timestamp = columns.first {
            ["timestamp", "date", "event_time", "ts", "time", "datetime"].contains($0.lowercased())
          }
          let prediction = columns.first {
            let lower = $0.lowercased()
            return lower.contains("pred") || lower.contains("score") || lower.contains("proba")
          }
          if let timestamp, prediction != nil || name.contains("monitor") || name.contains("prod") {
            return (FileAccess.relative(full, to: root), timestamp, prediction)
          }
        } else if depth < 3, FileAccess.entry(at: full) == .directory {
          queue.append((full, depth + 1))
        }
      }
    }
    return nil
  }

  static func firstLine(_ path: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 8192)) ?? Data()
    return String(decoding: head, as: UTF8.self).split(separator: "\n").first.map(String.init)
  }
}
