import Foundation
import MLDebt

/// The fields and methods each kind of object shows Lua.
extension ScriptContext {
  /// Methods of a project, by name: a Swift function, or a prelude function that unpacks an
  /// options table.
  static let projectMethods: [String: ScriptFunction] = [
    "features": .features, "datasets": .datasets, "models": .models, "consumers": .consumers,
    "jobs": .jobs, "nodes": .nodes, "node": .node, "edges": .edges, "upstream": .upstream,
    "downstream": .downstream, "impact": .impact, "path": .path, "cycles": .cycles, "run": .run,
    "diff": .diff, "score": .score, "history": .history, "diagnostics": .diagnostics,
  ]
  static let projectPreludeMethods: [String: String] = [
    "runs": "project_runs", "findings": "project_findings", "drift": "project_drift",
  ]
  static let nodeMethods: [String: ScriptFunction] = [
    "upstream": .upstream, "downstream": .downstream, "impact": .impact, "edges": .edges,
  ]
  static let runMethods: [String: ScriptFunction] = ["history": .metricHistory]

  /// The fields of an object, in a stable order.
  func fields(of object: ScriptObject) -> [(String, LuaValue)] {
    switch object {
    case .project(let box): projectFields(box)
    case .node(let box, let id): nodeFields(box, id)
    case .run(let box, let index): runFields(box, box.project.runs[index])
    case .finding(let finding): findingFields(finding)
    }
  }

  /// The text `tostring` gives an object.
  func describe(_ object: ScriptObject) -> String {
    switch object {
    case .project(let box): "project \(box.project.name)"
    case .node(_, let id): id.description
    case .run(let box, let index): "run:\(box.project.runs[index].id)"
    case .finding(let finding): "\(finding.rule): \(finding.title)"
    }
  }

  /// What makes two objects equal (`==`).
  func identity(_ object: ScriptObject) -> String {
    switch object {
    case .project(let box): "project \(ObjectIdentifier(box).hashValue)"
    case .node(let box, let id): "node \(ObjectIdentifier(box).hashValue) \(id)"
    case .run(let box, let index): "run \(ObjectIdentifier(box).hashValue) \(index)"
    case .finding(let finding): "finding \(finding.fingerprint)"
    }
  }

  private func projectFields(_ box: ProjectBox) -> [(String, LuaValue)] {
    let project = box.project
    return [
      ("name", .string(project.name)), ("root", .string(project.root)),
      ("description", .text(project.description)), ("manifest", .text(project.manifestPath)),
      (
        "owners",
        .list(
          project.owners.map { owner in
            .map([
              ("id", .string(owner.id)), ("name", .text(owner.name)),
              ("contact", .text(owner.contact)), ("members", .strings(owner.members)),
            ])
          })
      ),
      ("check_files", .strings(project.checkFiles)),
    ]
  }

  private func nodeFields(_ box: ProjectBox, _ id: NodeID) -> [(String, LuaValue)] {
    var fields: [(String, LuaValue)] = [
      ("id", .string(id.description)), ("kind", .string(id.kind.rawValue)),
      ("name", .string(id.name)),
    ]
    func common(owner: String?, description: String?, tags: [String], provenance: [Provenance]) {
      fields += [
        ("owner", .text(owner)), ("description", .text(description)), ("tags", .strings(tags)),
        ("sources", .strings(provenance.map(\.description))),
      ]
    }
    switch id.kind {
    case .feature:
      guard let feature = box.features[id] else { break }
      common(
        owner: feature.owner, description: feature.description, tags: feature.tags,
        provenance: feature.provenance)
      fields += [
        ("dtype", .text(feature.dtype)), ("status", .text(feature.status?.rawValue)),
        ("since", .text(feature.since)), ("derived_from", .ids(feature.derivedFrom)),
      ]
    case .dataset:
      guard let dataset = box.datasets[id] else { break }
      common(
        owner: dataset.owner, description: dataset.description, tags: dataset.tags,
        provenance: dataset.provenance)
      fields += [
        ("location", .text(dataset.location)), ("version", .text(dataset.versionPin)),
        ("aliases", .strings(dataset.aliases)),
        (
          "schema",
          .list(
            dataset.schema.map { column in
              .map([
                ("name", .string(column.name)), ("type", .text(column.dtype)),
                ("description", .text(column.description)),
              ])
            })
        ),
      ]
    case .model:
      guard let model = box.models[id] else { break }
      common(
        owner: model.owner, description: model.description, tags: model.tags,
        provenance: model.provenance)
      fields += [
        ("inputs", .ids(model.inputs)), ("training_data", .ids(model.trainingData)),
        ("outputs", .ids(model.outputs)), ("registered_model", .text(model.registeredModel)),
        ("run", .text(model.linkedRun)),
      ]
    case .consumer:
      guard let consumer = box.consumers[id] else { break }
      common(
        owner: consumer.owner, description: consumer.description, tags: consumer.tags,
        provenance: consumer.provenance)
      fields += [
        ("declared", .bool(consumer.declared)), ("reads", .ids(consumer.reads)),
        ("influences", .ids(consumer.influences)),
        (
          "contract",
          consumer.contract.map {
            .map([("schema", .text($0.schema)), ("version", .text($0.version))])
          } ?? .none
        ),
        (
          "policy",
          consumer.policy.map {
            .map([
              ("threshold", $0.threshold.map(LuaValue.number) ?? .none),
              ("calibrated", $0.calibrated.map(LuaValue.bool) ?? .none),
              ("holdout", .text($0.holdout)),
            ])
          } ?? .none
        ),
      ]
    case .job:
      guard let job = box.jobs[id] else { break }
      common(
        owner: job.owner, description: job.description, tags: job.tags,
        provenance: job.provenance)
      fields += [
        ("command", .text(job.command)), ("inputs", .ids(job.inputs)),
        ("outputs", .ids(job.outputs)), ("params", .strings(job.params)),
        ("code", .strings(job.code)), ("up_to_date", job.upToDate.map(LuaValue.bool) ?? .none),
      ]
    case .column:
      break
    }
    return fields
  }

  private func runFields(_ box: ProjectBox, _ run: Run) -> [(String, LuaValue)] {
    func seconds(_ milliseconds: Int64?) -> LuaValue {
      milliseconds.map { .number(Double($0) / 1000) } ?? .none
    }
    return [
      ("id", .string(run.id)), ("experiment", .string(run.experimentID)),
      ("experiment_name", .text(box.experimentNames[run.experimentID])),
      ("name", .text(run.name)), ("status", .string(run.status.rawValue)),
      ("start_time", seconds(run.startTime)), ("end_time", seconds(run.endTime)),
      ("deleted", .bool(run.deleted)), ("user", .text(run.user)),
      ("artifact_uri", .text(run.artifactURI)), ("parent", .text(run.parentRunID)),
      ("git_commit", .text(run.gitCommit)), ("params", .stringMap(run.params)),
      ("tags", .stringMap(run.tags)),
      ("metrics", .map(run.metrics.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })),
      (
        "inputs",
        .list(
          run.inputs.map { input in
            .map([
              ("name", .string(input.name)), ("digest", .text(input.digest)),
              ("source", .text(input.source)), ("context", .text(input.context)),
            ])
          })
      ),
      ("source", .string(run.provenance.description)),
    ]
  }

  private func findingFields(_ finding: Finding) -> [(String, LuaValue)] {
    [
      ("rule", .string(finding.rule)), ("area", .string(finding.area.rawValue)),
      ("severity", .string(finding.severity.rawValue)), ("title", .string(finding.title)),
      ("why", .string(finding.why)), ("fix", .string(finding.fix)),
      ("evidence", .strings(finding.evidence.map(\.description))),
      ("fingerprint", .string(finding.fingerprint)),
    ]
  }
}
