// id: targets
// title_zh: 目标指标
// title_en: Targets
// description: Quantitative goals (全市生产总值增长5.5%左右): the part and chapter that sets each, who carries it, the metric, value, unit and comparator; filter by part of the metric name.
// param: metric | string | '' | 增长 | part of the metric name, or '' for all
// mode: read
MATCH (t:Target)
WHERE $metric = '' OR t.metric CONTAINS $metric
OPTIONAL MATCH (owner)-[:HAS_TARGET]->(t)
OPTIONAL MATCH (s:Section {key: t.section})
OPTIONAL MATCH (s)-[:IN_SECTION*0..4]->(c)
WHERE c.kind IN ['part', 'chapter']
WITH t, owner, s, c
ORDER BY c.level
WITH t, owner, s, collect(coalesce(c.number, '') + ' ' + coalesce(c.title, '')) AS outline
RETURN t.doc AS document, outline, coalesce(owner.name, '') AS owner, t.metric AS metric, t.value AS value,
       t.unit AS unit, t.comparator AS comparator, t.text AS text, s.order AS position
ORDER BY document, position, metric
