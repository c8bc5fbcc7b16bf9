// id: merges
// title_zh: 合并核对
// title_en: Merges for review
// description: Names joined to one project (or renamed place) node, for review. Across reports: the name a report wrote, the node it joined and why (planner's alias table, known alias, a renaming the report states, the same name without 工程/项目/一期, an abbreviation); add a not_same_as row to the alias table and reload the report to undo one. Within a report: forms the extractor read as the same project (…工程, …二期).
// param: name | string | '' | 水库 | part of the node's or the written name, or '' for all
// mode: read
MATCH (n:Entity)-[r:REPORTED_IN]->(d:Document)
WHERE size(coalesce(r.merged_names, [])) > 0
UNWIND range(0, size(r.merged_names) - 1) AS i
WITH n, d, r.merged_names[i] AS written, r.merge_reasons[i] AS reason
WHERE $name = '' OR n.name CONTAINS $name OR written CONTAINS $name
WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, written, d.year AS year, d.key AS document,
     '跨报告：' + reason AS reason
ORDER BY name, year, written
RETURN label, name, written, year, document, reason
UNION
MATCH (n:Project)-[m:MENTIONED_IN]->(:Section)
WHERE m.text <> n.name AND ($name = '' OR n.name CONTAINS $name OR m.text CONTAINS $name)
MATCH (d:Document {key: m.doc})
WITH DISTINCT n.name AS name, m.text AS written, d.year AS year, d.key AS document
ORDER BY name, year, written
RETURN 'Project' AS label, name, written, year, document, '同一报告内：抽取时读作同一项目' AS reason
