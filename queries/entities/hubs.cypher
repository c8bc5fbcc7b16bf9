// id: hubs
// title_zh: 枢纽实体
// title_en: Hubs
// description: The most connected entities: links of every kind, typed links (not co-mentions), distinct neighbours and how often the reports name them.
// param: limit | int | 20 | 10 | how many entities to list
// mode: read
MATCH (n:Entity)-[r]-(m)
WHERE type(r) IN ['LOCATED_IN', 'PART_OF', 'IN_INDUSTRY', 'OWNED_BY', 'SUPPORTED_BY', 'CONNECTS', 'HAS_TARGET', 'RELATED_TO']
WITH n, count(r) AS degree, sum(CASE type(r) WHEN 'RELATED_TO' THEN 0 ELSE 1 END) AS typed_links,
     count(DISTINCT m) AS neighbours
OPTIONAL MATCH (n)-[rep:REPORTED_IN]->(:Document)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, degree, typed_links, neighbours,
       sum(rep.mentions) AS mentions
ORDER BY degree DESC, typed_links DESC, name
LIMIT $limit
