// id: find
// title_zh: 查找实体
// title_en: Find entities
// description: Entities whose name or an alias contains the text given, with their label, aliases, and how many links and mentions they have; use it to find the exact name other reports need.
// param: text | string | 港 | 实验室 | part of a name
// mode: read
MATCH (n:Entity)
WHERE n.name CONTAINS $text OR any(a IN coalesce(n.aliases, []) WHERE a CONTAINS $text)
OPTIONAL MATCH (n)-[r]-(:Entity)
WITH n, count(r) AS links
OPTIONAL MATCH (n)-[rep:REPORTED_IN]->(:Document)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, n.aliases AS aliases, links,
       sum(rep.mentions) AS mentions
ORDER BY label, name
