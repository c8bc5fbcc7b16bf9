// id: project-stages
// title_zh: 项目阶段
// title_en: Project stages
// description: Projects grouped by the stage each report gives them (谋划, 开工, 在建, 建成; 未标明 when no stage verb is near), report by report.
// mode: read
MATCH (p:Project)-[r:REPORTED_IN]->(d:Document)
WITH d, coalesce(r.stage, '未标明') AS stage, p
ORDER BY p.name
WITH d, stage, collect(p.name) AS projects
WITH d, stage, projects,
     CASE stage WHEN '谋划' THEN 0 WHEN '开工' THEN 1 WHEN '在建' THEN 2 WHEN '建成' THEN 3 ELSE 4 END AS step
RETURN d.key AS document, d.year AS year, stage, size(projects) AS projects_count, projects
ORDER BY year, document, step
