// id: companies
// title_zh: 企业
// title_en: Companies
// description: Each company with the projects it owns or builds, the projects it backs, the places and industries of those projects, and how often the reports name it.
// mode: read
MATCH (c:Company)
OPTIONAL MATCH (c)<-[:OWNED_BY]-(p:Project)
OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(pi:Industry)
OPTIONAL MATCH (p)-[:LOCATED_IN]->(d:District)
WITH c, collect(DISTINCT p.name) AS projects, collect(DISTINCT pi.name) AS project_industries,
     collect(DISTINCT d.name) AS districts
OPTIONAL MATCH (c)<-[:SUPPORTED_BY]-(s:Entity)
WITH c, projects, project_industries, districts, collect(DISTINCT s.name) AS backs
OPTIONAL MATCH (c)-[:IN_INDUSTRY]->(ci:Industry)
WITH c, projects, project_industries, districts, backs, collect(DISTINCT ci.name) AS own_industries
OPTIONAL MATCH (c)-[rep:REPORTED_IN]->(:Document)
RETURN c.name AS company, projects, backs,
       own_industries + [x IN project_industries WHERE NOT x IN own_industries] AS industries, districts,
       sum(rep.mentions) AS mentions
ORDER BY size(projects) DESC, mentions DESC, company
