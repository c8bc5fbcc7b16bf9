// id: institutions
// title_zh: 机构与平台
// title_en: Institutions
// description: Each institution (laboratory, university, research institute, platform) with what it builds or backs, who backs it, where it is, and the industries it and its projects serve.
// mode: read
MATCH (n:Institution)
OPTIONAL MATCH (n)-[r]-(m:Entity)
WHERE type(r) IN ['OWNED_BY', 'SUPPORTED_BY', 'IN_INDUSTRY', 'LOCATED_IN']
WITH n,
     collect(DISTINCT CASE WHEN type(r) = 'OWNED_BY' AND endNode(r) = n THEN m.name END) AS builds,
     collect(DISTINCT CASE WHEN type(r) = 'SUPPORTED_BY' AND endNode(r) = n THEN m.name END) AS supports,
     collect(DISTINCT CASE WHEN type(r) = 'SUPPORTED_BY' AND startNode(r) = n THEN m.name END) AS backed_by,
     collect(DISTINCT CASE WHEN type(r) = 'IN_INDUSTRY' AND startNode(r) = n THEN m.name END) AS own_industries,
     collect(DISTINCT CASE WHEN type(r) = 'LOCATED_IN' AND startNode(r) = n THEN m.name END) AS districts
OPTIONAL MATCH (n)<-[:OWNED_BY|SUPPORTED_BY]-(:Project)-[:IN_INDUSTRY]->(ind:Industry)
WITH n, builds, supports, backed_by, districts, own_industries, collect(DISTINCT ind.name) AS project_industries
OPTIONAL MATCH (n)-[rep:REPORTED_IN]->(:Document)
RETURN n.name AS institution, builds, supports, backed_by, districts,
       own_industries + [x IN project_industries WHERE NOT x IN own_industries] AS industries,
       sum(rep.mentions) AS mentions
ORDER BY size(builds) + size(supports) DESC, mentions DESC, institution
