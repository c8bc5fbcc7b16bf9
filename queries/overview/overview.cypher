// id: overview
// title_zh: 图谱概览
// title_en: Overview
// description: How many nodes of each label and relationships of each type the graph holds (the Entity label, shared by every named thing, and the Alias index's entries are left out).
// mode: read
MATCH (n)
UNWIND labels(n) AS label
WITH label, count(*) AS total
WHERE label <> 'Entity' AND label <> 'Alias'
RETURN 'node' AS kind, label AS name, total AS count
ORDER BY count DESC, name
UNION ALL
MATCH ()-[r]->()
WITH type(r) AS rel, count(*) AS total
RETURN 'relationship' AS kind, rel AS name, total AS count
ORDER BY count DESC, name
