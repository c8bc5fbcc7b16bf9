"""Planners' spreadsheets: headers matched by meaning, rows to entities and relations, one-line row errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_DATA

from qdkg.errors import LoaderError
from qdkg.graph.writer import write_batch
from qdkg.loaders.tables import table_batch

CSV = TEST_DATA / "projects.csv"


def _rel(batch, kind):  # type: ignore[no-untyped-def]
    return {(r.source.key, r.target.key) for r in batch.relations if r.type == kind}


def test_rows_become_entities_with_place_industry_owner_and_stage() -> None:
    batch = table_batch(CSV)
    labels = {(e.label, e.name) for e in batch.entities}
    assert ("Project", "官路水库") in labels and ("Institution", "崂山实验室") in labels
    assert ("官路水库", "平度") in _rel(batch, "LOCATED_IN")  # 平度市 under its gazetteer name
    assert ("海信激光电视屏幕扩能", "海信") in _rel(batch, "OWNED_BY")  # named as the report extractor names it
    assert ("即墨女岛绿色能源装备产业园", "绿色能源") in _rel(batch, "IN_INDUSTRY")
    stages = {ref.key: st for ref, st in batch.stages.items()}
    assert stages == {"官路水库": "under_way", "董家口至五莲铁路": "planned",
                      "海信激光电视屏幕扩能": "starting", "即墨女岛绿色能源装备产业园": "completing"}
    assert ("即墨女岛绿色能源装备产业园", "即墨") in _rel(batch, "LOCATED_IN")  # 即墨区 is 即墨 in the gazetteer
    guanlu = next(e for e in batch.entities if e.name == "官路水库")
    assert guanlu.props["investment"] == "12.5"  # from the 总投资（亿元） column


def test_every_mention_points_at_its_row_text() -> None:
    batch = table_batch(CSV)
    text = batch.document.text
    for m in batch.mentions:
        assert text[m.start : m.end] == m.text
        assert m.sentence in text.splitlines()


def test_gbk_csv_and_excel_read_the_same(tmp_path: Path) -> None:
    import pandas as pd

    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(CSV.read_text(encoding="utf-8").encode("gbk"))
    xlsx = tmp_path / "projects.xlsx"
    pd.read_csv(CSV, dtype=str, keep_default_na=False).to_excel(xlsx, index=False)
    names = {e.name for e in table_batch(CSV).entities}
    assert {e.name for e in table_batch(gbk).entities} == names
    assert {e.name for e in table_batch(xlsx).entities} == names


def test_loading_a_table_twice_changes_nothing(store) -> None:  # type: ignore[no-untyped-def]
    first = write_batch(store, table_batch(CSV))
    again = write_batch(store, table_batch(CSV))
    assert first.status == "loaded" and again.status == "unchanged"
    rows = store.query("MATCH (p:Project {key: $k})-[r:LOCATED_IN]->(d:District) RETURN d.name AS d, r.evidence AS ev",
                       {"k": "官路水库"})
    assert rows[0]["d"] == "平度" and "官路水库" in rows[0]["ev"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("区域,阶段\n平度市,续建\n", "no name column among the headers (区域, 阶段)"),
        ("项目名称,类型\n官路水库,项目\n,项目\n", "row 3: the 项目名称 cell is empty"),
        ("项目名称,类型\n官路水库,水果\n", "row 2: type '水果' is not one of"),
        ("项目名称,类型\n", "the table has a header but no rows"),
        ("", "the file is empty"),
    ],
)
def test_bad_tables_name_file_row_and_fix(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LoaderError) as err:
        table_batch(path)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)
    assert "\n" not in str(err.value)
