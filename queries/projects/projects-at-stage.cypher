// id: projects-at-stage
// title_zh: 某阶段的项目
// title_en: Projects at a stage
// description: Projects whose stage in the latest report naming them is the one asked for (default 谋划: what is still only being planned), with place and sentence.
// param: stage | string | 谋划 | 开工 | 谋划, 开工, 在建 or 建成 (the codes planned, starting, under_way, completing work too)
// mode: read
MATCH (p:Project)-[r:REPORTED_IN]->(d:Document)
WITH p, r, d
ORDER BY d.year DESC, d.key DESC
WITH p, collect({stage: r.stage, year: d.year, doc: d.key})[0] AS latest
WHERE latest.stage = CASE $stage WHEN 'planned' THEN '谋划' WHEN 'starting' THEN '开工' WHEN 'under_way' THEN '在建'
                       WHEN 'completing' THEN '建成' ELSE $stage END
OPTIONAL MATCH (p)-[m:MENTIONED_IN]->(:Section)
WHERE m.doc = latest.doc
WITH p, latest, collect(m.sentence)[0] AS sentence
OPTIONAL MATCH (p)-[:LOCATED_IN]->(place:District)
RETURN p.name AS project, latest.year AS year, latest.doc AS document, collect(DISTINCT place.name) AS districts,
       sentence
ORDER BY project
