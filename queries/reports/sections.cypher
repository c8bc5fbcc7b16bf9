// id: sections
// title_zh: 报告提纲
// title_en: Report outline
// description: The outline of each report (parts, chapters and lead phrases, in reading order) with how many entities, projects and targets each holds, sub-sections included.
// mode: read
MATCH (s:Section)-[:IN_DOCUMENT]->(d:Document)
WHERE s.kind IN ['part', 'chapter', 'lead']
OPTIONAL MATCH (sub)-[:IN_SECTION*0..4]->(s)
WITH d, s, collect(DISTINCT sub) AS subs
UNWIND subs AS sub
OPTIONAL MATCH (e:Entity)-[:MENTIONED_IN]->(sub)
WITH d, s, subs, count(DISTINCT e) AS entities,
     count(DISTINCT CASE WHEN 'Project' IN labels(e) THEN e END) AS projects
UNWIND subs AS sub
OPTIONAL MATCH (t:Target {section: sub.key})
WHERE t.doc = d.key
WITH d, s, entities, projects, count(DISTINCT t) AS targets
RETURN d.key AS document, s.order AS position, s.level AS level, s.kind AS kind, s.number AS number,
       s.title AS title, entities, projects, targets
ORDER BY document, position
