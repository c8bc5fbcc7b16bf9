// id: sections
// title_zh: 报告提纲
// title_en: Report outline
// description: The outline of each report (parts, chapters and lead phrases, in reading order) with how many entities, projects and targets each holds, sub-sections included.
// mode: read
MATCH (s:Section)-[:IN_DOCUMENT]->(d:Document)
WHERE s.kind IN ['part', 'chapter', 'lead']
OPTIONAL MATCH (sub:Section)-[:IN_SECTION*0..4]->(s)
WITH d, s, collect(DISTINCT sub) AS subs
UNWIND subs AS sub
OPTIONAL MATCH (e:Entity)-[:MENTIONED_IN]->(sub)
WITH d, s, subs, collect(DISTINCT e) AS ents
OPTIONAL MATCH (t:Target)
WHERE t.doc = d.key AND t.section IN [x IN subs | x.key]
WITH d, s, ents, count(DISTINCT t) AS targets
RETURN d.key AS document, s.order AS position, s.level AS level, s.kind AS kind, s.number AS number,
       s.title AS title, size(ents) AS entities, size([e IN ents WHERE 'Project' IN labels(e)]) AS projects, targets
ORDER BY document, position
