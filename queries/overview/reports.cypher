// id: reports
// title_zh: 已载入报告
// title_en: Loaded reports
// description: Every report in the graph with its year, load status ('loading' means a load was interrupted), and how many sections and entities it contributed.
// mode: read
MATCH (d:Document)
OPTIONAL MATCH (s:Section)-[:IN_DOCUMENT]->(d)
WITH d, count(s) AS sections
OPTIONAL MATCH (e:Entity)-[r:REPORTED_IN]->(d)
RETURN d.key AS document, d.title AS title, d.city AS city, d.year AS year, d.status AS status,
       sections, count(e) AS entities, sum(r.mentions) AS mentions
ORDER BY year, document
