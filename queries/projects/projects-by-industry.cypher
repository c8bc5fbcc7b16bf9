// id: projects-by-industry
// title_zh: 各产业项目
// title_en: Projects by industry
// description: For each industry or track, the projects that serve it (IN_INDUSTRY) and the industry a track belongs to.
// mode: read
MATCH (p:Project)-[:IN_INDUSTRY]->(i:Industry)
OPTIONAL MATCH (i)-[:PART_OF]->(parent:Industry)
WITH i, collect(DISTINCT parent.name) AS track_of, collect(DISTINCT p.name) AS projects
RETURN i.name AS industry, track_of, size(projects) AS projects_count, projects
ORDER BY projects_count DESC, industry
