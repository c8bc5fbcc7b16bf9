// id: industry-chain
// title_zh: 产业链
// title_en: Industry chain
// description: One industry with its tracks, the projects, institutions and companies that serve it or its tracks, who owns or backs those projects, and projects co-mentioned with it in one sentence.
// param: industry | name:Industry | 绿色能源 | 生命健康 | an industry or track; aliases work
// mode: read
MATCH (i:Entity)
WHERE i.name = $industry OR $industry IN coalesce(i.aliases, [])
MATCH (t:Industry)-[r:PART_OF]->(i)
RETURN 'track' AS role, 'Industry' AS label, t.name AS name, 'PART_OF' AS via, r.evidence AS evidence
UNION
MATCH (i:Entity)
WHERE i.name = $industry OR $industry IN coalesce(i.aliases, [])
MATCH (t:Entity)-[:PART_OF*0..2]->(i)
MATCH (e:Entity)-[r:IN_INDUSTRY]->(t)
WITH e, r, t, [l IN labels(e) WHERE l <> 'Entity'][0] AS label
RETURN toLower(label) AS role, label, e.name AS name, 'IN_INDUSTRY ' + t.name AS via, r.evidence AS evidence
UNION
MATCH (i:Entity)
WHERE i.name = $industry OR $industry IN coalesce(i.aliases, [])
MATCH (t:Entity)-[:PART_OF*0..2]->(i)
MATCH (p:Project)-[:IN_INDUSTRY]->(t)
MATCH (p)-[r]->(o:Entity)
WHERE type(r) IN ['OWNED_BY', 'SUPPORTED_BY']
WITH o, r, p, [l IN labels(o) WHERE l <> 'Entity'][0] AS label
RETURN toLower(label) AS role, label, o.name AS name, type(r) + ' ← ' + p.name AS via, r.evidence AS evidence
UNION
MATCH (i:Entity)
WHERE i.name = $industry OR $industry IN coalesce(i.aliases, [])
MATCH (p:Project)-[r:RELATED_TO]-(i)
WHERE NOT (p)-[:IN_INDUSTRY]->(i)
RETURN 'project' AS role, 'Project' AS label, p.name AS name, 'RELATED_TO' AS via, r.evidence AS evidence
