// id: entity-neighbourhood
// title_zh: 实体关联
// title_en: Entity neighbourhood
// description: Every direct link of one named entity with its type, direction, report and evidence sentence; then the entities named in the same section of the report but not linked (relation SAME_SECTION, evidence = their sentence).
// param: name | name | 崂山实验室 | 上合示范区 | any entity name; aliases work
// mode: read
MATCH (n:Entity)
WHERE n.name = $name OR $name IN coalesce(n.aliases, [])
MATCH (n)-[r]-(m)
WHERE type(r) IN ['LOCATED_IN', 'PART_OF', 'IN_INDUSTRY', 'OWNED_BY', 'SUPPORTED_BY', 'CONNECTS', 'HAS_TARGET', 'RELATED_TO']
WITH n, r, m, CASE type(r) WHEN 'RELATED_TO' THEN 1 ELSE 0 END AS weak
ORDER BY weak, type(r), coalesce(m.name, m.text), r.doc
RETURN n.name AS entity, CASE WHEN startNode(r) = n THEN '→' ELSE '←' END AS direction, type(r) AS relation,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS other_label, coalesce(m.name, m.text) AS other,
       coalesce(r.evidence, m.sentence) AS evidence, r.doc AS document, r.count AS count
UNION ALL
MATCH (n:Entity)
WHERE n.name = $name OR $name IN coalesce(n.aliases, [])
MATCH (n)-[:MENTIONED_IN]->(s:Section)<-[mm:MENTIONED_IN]-(m:Entity)
WITH n, m, mm
WHERE m <> n AND NOT (n)--(m)
WITH DISTINCT n, m, mm.sentence AS sentence, mm.doc AS document
ORDER BY document, m.name
RETURN n.name AS entity, '–' AS direction, 'SAME_SECTION' AS relation,
       [l IN labels(m) WHERE l <> 'Entity'][0] AS other_label, m.name AS other, sentence AS evidence, document,
       null AS count
