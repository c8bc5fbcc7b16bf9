// id: changes
// title_zh: 年度变化
// title_en: What changed between two years
// description: Two years of one place's reports compared: projects completed (建成: the later report's review says so), moved to a later stage (推进, with both sentences), to be completed this year (计划建成: only the plan says 建成), new (新增), still at the same stage (持续), no longer mentioned (未再提及; 建成后未再提及 when the earlier report had it completed), and targets of the plan part whose value changed (目标变化, 5.5% → 5%; a metric named once in each report, in the same unit). A project named differently in the later year counts as the same (see the merges report).
// param: place | string | '' | 青岛 | the place as the reports name it (海拉尔区, 青岛 or 青岛市), or '' for every place
// param: from | int | 2024 | 2024 | the earlier report's year
// param: to | int | 2025 | 2025 | the later report's year
// mode: read
MATCH (p:Project)-[r:REPORTED_IN]->(d:Document)
WHERE (d.year = $from OR d.year = $to) AND d.status = 'complete'
  AND ($place = '' OR d.city = $place OR d.city + '市' = $place OR (size($place) >= 2 AND d.city STARTS WITH $place))
WITH p, r, d
ORDER BY d.key
WITH p, collect({year: d.year, stage: coalesce(r.stage, '未标明'), reviewed: r.stage_reviewed, doc: d.key,
                 named: coalesce(r.merged_names, [])}) AS seen
WITH p, [x IN seen WHERE x.year = $from] AS before, [x IN seen WHERE x.year = $to] AS after
WITH p, CASE WHEN size(before) > 0 THEN before[0] ELSE null END AS b,
     CASE WHEN size(after) > 0 THEN after[0] ELSE null END AS a
WITH p, b, a,
     CASE b.stage WHEN '谋划' THEN 0 WHEN '开工' THEN 1 WHEN '在建' THEN 2 WHEN '建成' THEN 3 ELSE -1 END AS b_step,
     CASE a.stage WHEN '谋划' THEN 0 WHEN '开工' THEN 1 WHEN '在建' THEN 2 WHEN '建成' THEN 3 ELSE -1 END AS a_step
WITH p, b, a,
     CASE WHEN b IS NULL THEN '新增'
          WHEN a IS NULL AND b_step = 3 THEN '建成后未再提及'
          WHEN a IS NULL THEN '未再提及'
          WHEN a_step = 3 AND b_step < 3 AND a.reviewed = '建成' THEN '建成'
          WHEN a_step = 3 AND b_step < 3 THEN '计划建成'
          WHEN a_step > b_step AND b_step >= 0 THEN '推进'
          ELSE '持续' END AS change
OPTIONAL MATCH (p)-[m:MENTIONED_IN]->(:Section)
WHERE m.doc = b.doc
WITH p, b, a, change, m
ORDER BY m.start
WITH p, b, a, change, collect(CASE WHEN m.stage = b.stage THEN m.sentence END) + collect(m.sentence) AS b_sentences
OPTIONAL MATCH (p)-[m:MENTIONED_IN]->(:Section)
WHERE m.doc = a.doc
WITH p, b, a, change, b_sentences, m
ORDER BY m.start
WITH p, b, a, change, b_sentences,
     collect(CASE WHEN m.stage = a.stage THEN m.sentence END) + collect(m.sentence) AS a_sentences
WITH change, p.name AS item, coalesce(b.stage, '') AS before, coalesce(a.stage, '') AS after,
     coalesce(head(b_sentences), '') AS before_sentence, coalesce(head(a_sentences), '') AS after_sentence,
     CASE WHEN a IS NOT NULL AND size(a.named) > 0
          THEN '本年写作：' + reduce(s = '', n IN a.named | s + CASE WHEN s = '' THEN '' ELSE '、' END + n)
          ELSE '' END AS note,
     CASE change WHEN '建成' THEN 0 WHEN '推进' THEN 1 WHEN '计划建成' THEN 2 WHEN '新增' THEN 3 WHEN '持续' THEN 4
       WHEN '未再提及' THEN 5 ELSE 6 END AS step
ORDER BY step, item
RETURN change, item, before, after, before_sentence, after_sentence, note
UNION ALL
MATCH (d1:Document), (d2:Document)
WHERE d1.year = $from AND d2.year = $to AND d1.status = 'complete' AND d2.status = 'complete'
  AND ($place = '' OR d1.city = $place OR d1.city + '市' = $place OR (size($place) >= 2 AND d1.city STARTS WITH $place))
  AND ($place = '' OR d2.city = $place OR d2.city + '市' = $place OR (size($place) >= 2 AND d2.city STARTS WITH $place))
  AND d1.city = d2.city
MATCH (t1:Target)
WHERE t1.doc = d1.key AND size(t1.metric) >= 3
MATCH (s1:Section {key: t1.section})-[:IN_SECTION*0..4]->(part1:Section)
WHERE NOT (part1)-[:IN_SECTION]->(:Section) AND NOT part1.title CONTAINS '回顾'
WITH d2, t1.metric AS metric, collect(t1) AS ones
WHERE size(ones) = 1
MATCH (t2:Target)
WHERE t2.doc = d2.key AND t2.metric = metric
MATCH (s2:Section {key: t2.section})-[:IN_SECTION*0..4]->(part2:Section)
WHERE NOT (part2)-[:IN_SECTION]->(:Section) AND NOT part2.title CONTAINS '回顾'
WITH ones[0] AS t1, metric, collect(t2) AS twos
WHERE size(twos) = 1
WITH t1, twos[0] AS t2
WHERE t1.unit = t2.unit AND (t1.value <> t2.value OR t1.comparator <> t2.comparator)
WITH DISTINCT t1.metric AS item, t1.text AS before, t2.text AS after, t1.sentence AS before_sentence,
     t2.sentence AS after_sentence
ORDER BY item
RETURN '目标变化' AS change, item, before, after, before_sentence, after_sentence, '' AS note
