// id: district-profile
// title_zh: 区域画像
// title_en: District profile
// description: Everything located in a place and in the places within it (LOCATED_IN, CONNECTS, PART_OF, followed down three levels), plus things whose name carries the place's name or alias.
// param: district | name:District | 董家口 | 西海岸新区 | a place; aliases work
// mode: read
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
MATCH (sub:Entity)-[:PART_OF*0..3]->(d)
MATCH (e:Entity)-[r]->(sub)
WHERE type(r) IN ['LOCATED_IN', 'CONNECTS', 'PART_OF']
RETURN sub.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, type(r) AS relation,
       r.evidence AS evidence
UNION
MATCH (d:Entity)
WHERE d.name = $district OR $district IN coalesce(d.aliases, [])
MATCH (e:Entity)
WHERE e <> d AND NOT (e)-->(d) AND any(a IN [d.name] + coalesce(d.aliases, []) WHERE e.name CONTAINS a)
RETURN d.name AS place, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name, 'NAME' AS relation,
       e.name AS evidence
