// id: transport-links
// title_zh: 交通连接
// title_en: Transport links
// description: Transport projects and the places each one joins (CONNECTS, from names such as 董家口至五莲铁路), with the sentence.
// mode: read
MATCH (p:Project)-[r:CONNECTS]->(place:Entity)
WITH p, place, r
ORDER BY place.name
WITH p, collect(DISTINCT place.name) AS places, collect(r.evidence)[0] AS evidence
RETURN p.name AS project, places, evidence
ORDER BY project
