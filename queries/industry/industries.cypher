// id: industries
// title_zh: 产业与赛道
// title_en: Industries and tracks
// description: Every industry with the industry it is a track of, its own tracks, and how many projects, institutions and companies serve it directly.
// mode: read
MATCH (i:Industry)
OPTIONAL MATCH (i)-[:PART_OF]->(parent:Industry)
WITH i, collect(DISTINCT parent.name) AS track_of
OPTIONAL MATCH (t:Industry)-[:PART_OF]->(i)
WITH i, track_of, collect(DISTINCT t.name) AS tracks
OPTIONAL MATCH (e:Entity)-[:IN_INDUSTRY]->(i)
WITH i, track_of, tracks, collect(DISTINCT e) AS members
RETURN i.name AS industry, track_of, tracks,
       size([e IN members WHERE 'Project' IN labels(e)]) AS projects,
       size([e IN members WHERE 'Institution' IN labels(e)]) AS institutions,
       size([e IN members WHERE 'Company' IN labels(e)]) AS companies,
       [e IN members | e.name] AS members
ORDER BY size(members) DESC, industry
