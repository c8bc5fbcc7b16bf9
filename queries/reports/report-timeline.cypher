// id: report-timeline
// title_zh: 跨年度跟踪
// title_en: Report timeline
// description: Entities named in more than one report, with the years, the stage each report gives a project, and the number of mentions in each, oldest report first.
// param: min_reports | int | 2 | 3 | the least number of reports an entity must appear in
// mode: read
MATCH (n:Entity)-[r:REPORTED_IN]->(d:Document)
WITH n, r, d
ORDER BY d.year, d.key
WITH n, collect(coalesce(toString(d.year), d.key)) AS years, collect(coalesce(r.stage, '-')) AS stages,
     collect(r.mentions) AS mentions, count(d) AS reports
WHERE reports >= $min_reports
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, reports, years, stages, mentions
ORDER BY reports DESC, label, name
