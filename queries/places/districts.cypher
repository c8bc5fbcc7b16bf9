// id: districts
// title_zh: 区域层级
// title_en: Districts
// description: Every place with the larger place it is part of, the places inside it, and what is located directly in it.
// mode: read
MATCH (d:District)
OPTIONAL MATCH (d)-[:PART_OF]->(parent:District)
WITH d, collect(DISTINCT parent.name) AS part_of
OPTIONAL MATCH (child:District)-[:PART_OF]->(d)
WITH d, part_of, collect(DISTINCT child.name) AS contains
OPTIONAL MATCH (e:Entity)-[:LOCATED_IN]->(d)
WITH d, part_of, contains, collect(DISTINCT e.name) AS located
RETURN d.name AS district, part_of, contains, size(located) AS located_count, located
ORDER BY located_count DESC, district
