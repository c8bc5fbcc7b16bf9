// id: mentions
// title_zh: 提及位置
// title_en: Where an entity is mentioned
// description: Every sentence that names an entity, with the report, the part and chapter it sits in, and the stage the sentence gives a project.
// param: name | name | 上合示范区 | 崂山实验室 | any entity name; aliases work
// mode: read
MATCH (n:Entity)
WHERE n.name = $name OR $name IN coalesce(n.aliases, [])
MATCH (n)-[m:MENTIONED_IN]->(s:Section)
OPTIONAL MATCH (s)-[:IN_SECTION*0..4]->(c:Section)
WHERE c.kind IN ['part', 'chapter']
WITH n, m, s, c
ORDER BY c.level
WITH n, m, s, collect(coalesce(c.number, '') + ' ' + coalesce(c.title, '')) AS outline
RETURN n.name AS entity, m.doc AS document, outline, m.text AS text, m.sentence AS sentence, m.stage AS stage,
       s.order AS position
ORDER BY document, position, m.start
