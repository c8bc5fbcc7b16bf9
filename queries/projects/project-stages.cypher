// id: project-stages
// title_zh: 项目阶段
// title_en: Project stages
// description: Projects grouped by the stage each report gives them (planned 谋划储备, starting 新开工, under_way 在建, completing 建成投用), report by report.
// mode: read
MATCH (p:Project)-[r:REPORTED_IN]->(d:Document)
WITH d, coalesce(r.stage, 'unknown') AS stage, p
ORDER BY p.name
WITH d, stage, collect(p.name) AS projects
WITH d, stage, projects,
     CASE stage WHEN 'planned' THEN 0 WHEN 'starting' THEN 1 WHEN 'under_way' THEN 2 WHEN 'completing' THEN 3 ELSE 4 END AS step
RETURN d.key AS document, d.year AS year, stage,
       CASE stage WHEN 'planned' THEN '谋划储备' WHEN 'starting' THEN '新开工' WHEN 'under_way' THEN '在建'
         WHEN 'completing' THEN '建成投用' ELSE '未标明' END AS stage_zh,
       size(projects) AS projects_count, projects
ORDER BY year, document, step
