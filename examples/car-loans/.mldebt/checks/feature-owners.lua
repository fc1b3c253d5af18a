-- Every feature that a production model reads must be owned by a team in the manifest's
-- owners list. A model counts as "in production" when a consumer is downstream of it.
return mldebt.check{
  id = "team.feature-owner",
  area = "feature-audits",
  severity = "high",
  title = "A feature a production model reads has no owner from the team list",
  why = "Nobody is paged when the feature breaks, and nobody can say whether it may change.",
  fix = "Set owner: on the feature in mldebt.yaml to one of the teams under owners:.",
  run = function(project)
    local teams = {}
    for _, owner in ipairs(project.owners) do teams[owner.id] = true end
    local findings = {}
    for _, model in ipairs(project:models()) do
      local in_production = false
      for _, node in ipairs(model:downstream()) do
        if node.kind == "consumer" then in_production = true end
      end
      if in_production then
        for _, input in ipairs(model.inputs) do
          local feature = project:node(input)
          if feature and feature.kind == "feature" and not teams[feature.owner or ""] then
            findings[#findings + 1] = {
              title = feature.id .. " is read by " .. model.id .. " but "
                .. (feature.owner and ("its owner " .. feature.owner .. " is not a team")
                  or "has no owner"),
              evidence = { feature.id, model.id },
            }
          end
        end
      end
    end
    return findings
  end,
}
