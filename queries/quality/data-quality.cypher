// id: data-quality
// title_zh: 数据质量
// title_en: Data quality
// description: What to check by hand: projects without a place or an industry, names that look like duplicates (one contains the other, or one name under two labels), entities with no typed link, and reports whose load did not finish.
// mode: read
MATCH (p:Project)
WHERE NOT (p)-[:LOCATED_IN]->() AND NOT (p)-[:CONNECTS]->()
RETURN 'no_place' AS issue, 'Project' AS label, p.name AS name, '无所在区域 (LOCATED_IN)' AS detail
UNION ALL
MATCH (p:Project)
WHERE NOT (p)-[:IN_INDUSTRY]->()
RETURN 'no_industry' AS issue, 'Project' AS label, p.name AS name, '无所属产业 (IN_INDUSTRY)' AS detail
UNION ALL
MATCH (a:Entity)
UNWIND range(0, size(a.name) - 2) AS i
UNWIND range(2, size(a.name) - i) AS n
MATCH (b:Entity {name: substring(a.name, i, n)})
WHERE a <> b AND [l IN labels(a) WHERE l <> 'Entity'][0] = [l IN labels(b) WHERE l <> 'Entity'][0]
WITH DISTINCT a, b
WHERE NOT (a)--(b)
RETURN 'possible_duplicate' AS issue, [l IN labels(a) WHERE l <> 'Entity'][0] AS label, a.name AS name,
       '名称包含「' + b.name + '」' AS detail
UNION ALL
MATCH (a:Entity)
MATCH (b:Entity {name: a.name})
WHERE [l IN labels(a) WHERE l <> 'Entity'][0] < [l IN labels(b) WHERE l <> 'Entity'][0]
RETURN 'two_labels' AS issue, [l IN labels(a) WHERE l <> 'Entity'][0] AS label, a.name AS name,
       '同名实体亦为 ' + [l IN labels(b) WHERE l <> 'Entity'][0] AS detail
UNION ALL
MATCH (e:Entity)
OPTIONAL MATCH (e)-[r:LOCATED_IN|PART_OF|IN_INDUSTRY|OWNED_BY|SUPPORTED_BY|CONNECTS|HAS_TARGET]-()
WITH e, count(r) AS links
WHERE links = 0
RETURN 'no_typed_link' AS issue, [l IN labels(e) WHERE l <> 'Entity'][0] AS label, e.name AS name,
       '仅有共现关系或孤立' AS detail
UNION ALL
MATCH (d:Document)
WHERE d.status <> 'complete' OR d.status IS NULL
RETURN 'incomplete_load' AS issue, 'Document' AS label, d.key AS name, '载入未完成,请重新载入' AS detail
