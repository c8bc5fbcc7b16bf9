"""``qdkg report`` and ``qdkg path`` through click, against a real embedded store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from test_queries import load_mini

from qdkg.queries.pack import load_packs


@pytest.fixture
def mini(store):
    """The hand-made graph of test_queries in this test's store (the one run_cli talks to)."""
    return load_mini(store)

def test_list_json_has_name_title_params(run_cli) -> None:
    res = run_cli("report", "list", "--format", "json")
    assert res.exit_code == 0, res.output
    items = json.loads(res.stdout)
    assert {i["name"] for i in items} == set(load_packs())
    dp = next(i for i in items if i["name"] == "district-profile")
    assert dp["title"].startswith("区域画像")
    assert dp["params"] == [{"name": "district", "type": "name:District", "default": "董家口", "example": "西海岸新区",
                             "help": "a place; aliases work"}]


def test_list_table_lines_up_chinese(run_cli) -> None:
    from qdkg.output import display_width

    res = run_cli("report", "list")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    header = lines[0]
    title_col = display_width(header[: header.index("title_en")])
    row = next(line for line in lines if line.startswith("district-profile"))
    assert display_width(row[: row.index("District profile")]) == title_col
    assert "district=董家口 (name:District)" in row


def test_run_with_alias_prints_rows(run_cli, mini) -> None:
    res = run_cli("report", "run", "district-profile", "-p", "district=西海岸新区")
    assert res.exit_code == 0, res.output
    assert "万邦矿石码头" in res.stdout and "LOCATED_IN" in res.stdout
    assert "district: 西海岸新区 → 青岛西海岸新区" in res.stderr


def test_run_json_and_defaults(run_cli, mini) -> None:
    res = run_cli("report", "run", "industry-chain", "--format", "json")
    rows = json.loads(res.stdout)
    assert {"三峡深远海海上风电", "东方电气风电装备制造"} <= {r["name"] for r in rows if r["role"] == "project"}


def test_csv_file_has_bom_and_chinese(run_cli, mini, tmp_path: Path) -> None:
    out = tmp_path / "hubs.csv"
    res = run_cli("report", "run", "hubs", "--format", "csv", "-o", str(out))
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0].keys() >= {"label", "name", "degree"}
    assert any(r["name"] == "三峡深远海海上风电" for r in rows)


def test_md_is_a_briefing_section(run_cli, mini) -> None:
    res = run_cli("report", "run", "entity-neighbourhood", "-p", "name=崂山实验室", "--format", "md")
    assert res.exit_code == 0
    assert res.stdout.startswith("## 实体关联 / Entity neighbourhood\n")
    assert "| entity | direction | relation |" in res.stdout
    assert "\n\n| entity |" in res.stdout  # the table starts a block of its own (GitHub/Typora render it)
    assert "| 崂山实验室 | → | RELATED_TO | District | 上合示范区 |" in res.stdout


def test_xlsx_needs_output_file(run_cli, mini, tmp_path: Path) -> None:
    res = run_cli("report", "run", "overview", "--format", "xlsx")
    assert res.exit_code == 2 and "--format xlsx needs -o FILE.xlsx" in res.stderr
    out = tmp_path / "o.xlsx"
    assert run_cli("report", "run", "overview", "--format", "xlsx", "-o", str(out)).exit_code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == ["kind", "name", "count"]


def test_unknown_report_is_one_line_with_close_names(run_cli) -> None:
    res = run_cli("report", "run", "district-profil")
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [(
        "Error: no report named 'district-profil'; did you mean: district-profile, districts? "
        "(`qdkg report list` shows them all)"
    )]


def test_unknown_name_suggests(run_cli, mini) -> None:
    res = run_cli("report", "run", "entity-neighbourhood", "-p", "name=崂山实验所")
    assert res.exit_code == 1
    assert res.stderr.strip() == "Error: no entity named '崂山实验所'; did you mean: 崂山实验室?"


def test_bad_param_pair_is_usage_error(run_cli) -> None:
    res = run_cli("report", "run", "hubs", "-p", "limit")
    assert res.exit_code == 2 and "is not key=value" in res.stderr


def test_writing_query_file_is_refused(run_cli, mini, tmp_path: Path) -> None:
    f = tmp_path / "wipe.cypher"
    f.write_text("// id: wipe\n// title_zh: 清空\n// title_en: Wipe\n// description: deletes every node\n"
                 "MATCH (n) DETACH DELETE n\n", encoding="utf-8")
    res = run_cli("report", "run", str(f))
    assert res.exit_code == 1 and "read-only" in res.stderr
    assert mini.query("MATCH (n) RETURN count(n) AS n")[0]["n"] > 0


def test_run_a_pack_file(run_cli, mini, tmp_path: Path) -> None:
    f = tmp_path / "mine.cypher"
    f.write_text("// id: mine\n// title_zh: 我的\n// title_en: Mine\n// description: projects with a stage\n"
                 "// param: stage | string | 开工 | 谋划\n"
                 "MATCH (p:Project)-[r:REPORTED_IN]->() WHERE r.stage = $stage RETURN DISTINCT p.name AS name "
                 "ORDER BY name\n", encoding="utf-8")
    res = run_cli("report", "run", str(f), "--format", "json")
    assert [r["name"] for r in json.loads(res.stdout)] == ["三峡深远海海上风电", "东方电气风电装备制造"]


def test_run_all_writes_every_report(run_cli, mini, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    res = run_cli("report", "run-all", "-o", str(out))
    assert res.exit_code == 0, res.stderr
    files = sorted(p.stem for p in out.glob("*.md"))
    assert files == sorted(load_packs())
    assert (out / "district-profile.md").read_text(encoding="utf-8").startswith("## 区域画像 / District profile")
    assert f"Wrote {len(files)} reports" in res.stderr


def test_show_prints_browser_params(run_cli) -> None:
    res = run_cli("report", "show", "district-profile")
    assert res.stdout.startswith(':param district => "董家口"\n')
    assert "$district" in res.stdout


def test_a_plain_query_file_from_browser_runs_with_its_params(run_cli, mini, tmp_path: Path) -> None:
    query = tmp_path / "my-query.cypher"
    query.write_text("MATCH (d:District) WHERE d.name = $place RETURN d.name AS place LIMIT $n\n", encoding="utf-8")
    res = run_cli("report", "run", str(query), "-p", "place=董家口港区", "-p", "n=1", "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"place": "董家口港区"}]
    missing = run_cli("report", "run", str(query), "-p", "n=1")
    assert missing.exit_code == 1
    assert "needs -p place=VALUE (the query uses $place)" in missing.stderr
    writer = tmp_path / "w.cypher"
    writer.write_text("MATCH (d:District) DETACH DELETE d\n", encoding="utf-8")
    refused = run_cli("report", "run", str(writer))
    assert refused.exit_code == 1 and "read-only" in refused.stderr
