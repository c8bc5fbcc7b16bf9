// id: relations
// title_zh: 关系与依据
// title_en: Relations with evidence
// description: Every typed link between two entities with the sentence it was read from; give a relationship type (LOCATED_IN, IN_INDUSTRY, OWNED_BY, SUPPORTED_BY, CONNECTS, PART_OF, RELATED_TO) to narrow it, or '' for all but co-mentions.
// param: type | string | '' | OWNED_BY | a relationship type, or '' for every typed link
// mode: read
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($type = '' AND type(r) <> 'RELATED_TO') OR type(r) = $type
RETURN [l IN labels(a) WHERE l <> 'Entity'][0] AS source_label, a.name AS source, type(r) AS relation,
       [l IN labels(b) WHERE l <> 'Entity'][0] AS target_label, b.name AS target, r.evidence AS evidence,
       r.doc AS document
ORDER BY relation, source, target, document
