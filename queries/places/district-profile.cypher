// id: district-profile
// title_zh: 区域画像
// title_en: District profile
// description: Everything located in a place and in the places within it (LOCATED_IN, CONNECTS, PART_OF, three levels down; a place named after it, such as 董家口港区 for 董家口, counts as within), plus things whose name carries the place's name (relation NAME).
// param: district | name:District | 董家口 | 西海岸新区 | a place; aliases work
// mode: read
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
WITH d
MATCH (sub:Entity)-[:PART_OF*0..3]->(d)
MATCH (e:Entity)-[r]->(sub)
WHERE type(r) IN ['LOCATED_IN', 'CONNECTS', 'PART_OF']
RETURN sub.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, type(r) AS relation,
       r.evidence AS evidence
UNION
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
UNWIND [d.name] + coalesce(d.aliases, []) AS form
MATCH (sub:District)
WHERE sub <> d AND sub.name CONTAINS form
MATCH (e:Entity)-[r]->(sub)
WHERE type(r) IN ['LOCATED_IN', 'CONNECTS', 'PART_OF']
RETURN sub.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, type(r) AS relation,
       r.evidence AS evidence
UNION
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
WITH d, [d.name] + coalesce(d.aliases, []) AS forms
MATCH (e:Entity)
WITH d, e, forms, [e.name] + coalesce(e.aliases, []) AS names
WHERE e <> d AND NOT 'District' IN labels(e) AND any(x IN names WHERE any(a IN forms WHERE x CONTAINS a))
OPTIONAL MATCH (e)-[:LOCATED_IN|CONNECTS]->(p:Entity)
WITH d, e, forms, collect(p.name) AS places
WHERE none(x IN places WHERE any(a IN forms WHERE x CONTAINS a))
RETURN d.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, 'NAME' AS relation,
       e.name AS evidence
