"""Hand-made graphs for the export tests, written through the real writer.

``briefing_batch`` is a small report-like graph with two hostile names; ``synthetic_batch``
is a larger random graph (a preferential-attachment tree plus cross links) for scale tests.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path
from typing import Any

from qdkg.graph import schema
from qdkg.loaders.model import Document, Entity, GraphBatch, Mention, Ref, Relation, Section

SCRIPT_NAME = "</script><script>alert(1)</script>"
IMG_NAME = "<img src=x onerror=alert(1)>"
DOC_TITLE = "青岛市2025年政府工作报告（测试）"


def _doc(key: str, text: str, title: str, year: int) -> Document:
    return Document(key=key, title=title, source=f"{key}.txt", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                    text=text, city="青岛", year=year)


def briefing_batch() -> GraphBatch:
    """A dozen entities around 上合示范区, with source sentences, stages and two hostile names."""
    sentences = [
        "加快上合示范区建设，推进上合国际枢纽港项目。",
        "董家口港区LNG接收站三期工程开工建设，由青岛港集团建设。",
        f"支持{SCRIPT_NAME}参与海洋装备产业链。",
        f"推进{IMG_NAME}在胶州市落地。",
        "青岛海洋科学与技术试点国家实验室服务海洋装备产业。",
    ]
    text = "\n".join(sentences)
    doc = _doc("qd-2025-test", text, DOC_TITLE, 2025)
    sections, offset = [], 0
    for i, s in enumerate(sentences):
        sections.append(Section(key=f"{doc.key}#1.{i + 1}", doc=doc.key, kind="paragraph", level=2, order=i + 1,
                                number="", title=s[:8], start=offset, end=offset + len(s)))
        offset += len(s) + 1
    ents = {
        "shanghe": Entity("District", "上合示范区", {"中国—上海合作组织地方经贸合作示范区", "上合"}),
        "jiaozhou": Entity("District", "胶州市"),
        "dongjiakou": Entity("District", "董家口港区"),
        "hub": Entity("Project", "上合国际枢纽港"),
        "lng": Entity("Project", "董家口港区LNG接收站三期工程"),
        "port": Entity("Company", "青岛港集团"),
        "evil_script": Entity("Company", SCRIPT_NAME),
        "evil_img": Entity("Project", IMG_NAME),
        "lab": Entity("Institution", "青岛海洋科学与技术试点国家实验室"),
        "marine": Entity("Industry", "海洋装备"),
        "isolated": Entity("Program", "城市更新三年行动"),
    }
    where = {"shanghe": 0, "hub": 0, "jiaozhou": 3, "dongjiakou": 1, "lng": 1, "port": 1, "evil_script": 2,
             "evil_img": 3, "lab": 4, "marine": 4, "isolated": 0}
    stages = {"hub": "under_way", "lng": "starting", "evil_img": "planned"}
    mentions = []
    for k, e in ents.items():
        i = where[k]
        pos = max(sentences[i].find(e.name), 0)
        mentions.append(Mention(e.ref, sections[i].key, e.name, sections[i].start + pos,
                                sections[i].start + pos + len(e.name), sentences[i], stages.get(k)))
    rel = [
        ("hub", "LOCATED_IN", "shanghe", 0), ("shanghe", "PART_OF", "jiaozhou", 0),
        ("lng", "LOCATED_IN", "dongjiakou", 1), ("lng", "OWNED_BY", "port", 1),
        ("evil_script", "IN_INDUSTRY", "marine", 2), ("evil_img", "LOCATED_IN", "jiaozhou", 3),
        ("lab", "IN_INDUSTRY", "marine", 4), ("hub", "RELATED_TO", "shanghe", 0),
        ("dongjiakou", "PART_OF", "jiaozhou", 1),
    ]
    relations = [Relation(ents[a].ref, t, ents[b].ref, sentences[i], sections[i].key,
                          {"count": 1} if t == "RELATED_TO" else {}) for a, t, b, i in rel]
    return GraphBatch(document=doc, sections=sections, entities=list(ents.values()), mentions=mentions,
                      relations=relations, stages={ents[k].ref: s for k, s in stages.items()})


def synthetic_batch(n: int, *, seed: int = 1, key: str = "synthetic") -> GraphBatch:
    """``n`` entities of every label, linked like a real report graph (hubs, chains, a few isolates)."""
    rng = random.Random(seed)
    labels = schema.ENTITY_LABELS
    text = "合成测试文本。"
    doc = _doc(key, text, f"合成图（{n} 个节点）", 2024)
    section = Section(key=f"{key}#1", doc=key, kind="part", level=1, order=1, number="一", title="合成",
                      start=0, end=len(text))
    ents = [Entity(labels[i % len(labels)], f"合成{labels[i % len(labels)]}{i}号") for i in range(n)]
    relations = []
    for i in range(1, n):
        if i % 40 == 0:
            continue  # an isolate now and then
        j = rng.randrange(i) if rng.random() < 0.7 else rng.randrange(max(1, i // 10))
        relations.append(Relation(ents[i].ref, "RELATED_TO", ents[j].ref, text, section.key, {"count": 1}))
    for _ in range(n // 3):
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            relations.append(Relation(ents[a].ref, "SUPPORTED_BY", ents[b].ref, text, section.key))
    mentions = [Mention(e.ref, section.key, e.name, 0, 2, f"推进{e.name}建设。") for e in ents[: min(n, 2000)]]
    return GraphBatch(document=doc, sections=[section], entities=ents, mentions=mentions, relations=relations)


def page_data(path: Path) -> dict[str, Any]:
    """The JSON data block of an exported page."""
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script id="qdkg-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert m, "no data block in the page"
    return json.loads(m.group(1))


def node_names(path: Path) -> set[str]:
    return {n["label"] for n in page_data(path)["nodes"]}


__all__ = [
    "DOC_TITLE",
    "IMG_NAME",
    "SCRIPT_NAME",
    "Ref",
    "briefing_batch",
    "node_names",
    "page_data",
    "synthetic_batch",
]
