// id: project-trajectory
// title_zh: 项目轨迹
// title_en: Project trajectory
// description: Every report a project appears in, oldest first: the year, the stage the report gives it (and apart: what its review of the past year says, what its plan says), the name the report uses (when it differs), and the sentence that says so.
// param: project | name:Project | 三峡深远海海上风电 | 官路水库 | a project; aliases and names of other years work
// mode: read
MATCH (p:Project {name: $project})-[r:REPORTED_IN]->(d:Document)
OPTIONAL MATCH (p)-[m:MENTIONED_IN]->(:Section)
WHERE m.doc = d.key
WITH p, r, d, m
ORDER BY m.start
WITH p, r, d, collect(CASE WHEN m.stage = r.stage THEN m.sentence END) + collect(m.sentence) AS sentences,
     collect(m.text) AS forms
WITH p, r, d, sentences, [f IN forms WHERE f <> p.name] AS other_forms
ORDER BY d.year, d.key
RETURN d.year AS year, d.title AS document, coalesce(r.stage, '未标明') AS stage,
       coalesce(r.stage_reviewed, '') AS stage_reviewed, coalesce(r.stage_planned, '') AS stage_planned,
       CASE WHEN size(coalesce(r.merged_names, [])) > 0 THEN r.merged_names[0]
            WHEN size(other_forms) > 0 THEN other_forms[0] ELSE p.name END AS named_as,
       coalesce(head(sentences), '') AS sentence
