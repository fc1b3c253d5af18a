-- No model may depend on a dataset without a version pin (a DVC hash, a digest or a version
-- tag) anywhere upstream of its features and training data: otherwise retraining on "the same
-- data" can silently train on different data.
return mldebt.check{
  id = "team.dataset-pin",
  area = "data-dependencies",
  severity = "medium",
  title = "A model depends on a dataset without a version pin",
  why = "An unpinned input can change under the model without any record of what changed.",
  fix = "Track the dataset with DVC (or record its version: in mldebt.yaml) so every read names a version.",
  run = function(project)
    local findings = {}
    for _, model in ipairs(project:models()) do
      for _, node in ipairs(model:upstream()) do
        if node.kind == "dataset" and node.version == nil then
          findings[#findings + 1] = {
            title = model.id .. " depends on " .. node.id .. ", which has no version pin",
            evidence = { node.id, model.id },
          }
        end
      end
    end
    return findings
  end,
}
