// id: projects-by-district
// title_zh: 各区域项目
// title_en: Projects by district
// description: For each place, the projects located directly in it (LOCATED_IN) and the larger place it belongs to; district-profile rolls places up.
// mode: read
MATCH (p:Project)-[:LOCATED_IN]->(d:District)
OPTIONAL MATCH (d)-[:PART_OF]->(parent:District)
WITH d, collect(DISTINCT parent.name) AS part_of, collect(DISTINCT p.name) AS projects
RETURN d.name AS district, part_of, size(projects) AS projects_count, projects
ORDER BY projects_count DESC, district
