// id: cross-section
// title_zh: 跨章节实体
// title_en: Cross-section entities
// description: Entities a report names in several of its chapters (or several parts), report by report, which usually tie different lines of work together.
// param: min_chapters | int | 2 | 3 | the least number of distinct chapters, or of parts
// mode: read
MATCH (n:Entity)-[:MENTIONED_IN]->(s:Section)
MATCH (s)-[:IN_SECTION*0..4]->(c:Section)
WHERE c.kind IN ['part', 'chapter']
WITH n, s.doc AS document, collect(DISTINCT CASE c.kind WHEN 'part' THEN c END) AS parts,
     collect(DISTINCT CASE c.kind WHEN 'chapter' THEN c END) AS chapters
WHERE size(chapters) >= $min_chapters OR size(parts) >= $min_chapters
RETURN document, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, size(parts) AS parts_count,
       size(chapters) AS chapters_count,
       [c IN chapters | coalesce(c.number, '') + coalesce(c.title, '')] AS chapters,
       [p IN parts | coalesce(p.number, '') + '、' + coalesce(p.title, '')] AS parts
ORDER BY document, chapters_count DESC, parts_count DESC, label, name
