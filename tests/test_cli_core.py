"""The CLI's core: instant help, ad-hoc Cypher, stats, db management, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from qdkg.cli import COMMANDS, cli

HEAVY = ("spacy", "pandas", "pyvis", "networkx", "jieba", "neo4j", "falkordb", "matplotlib")


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from qdkg.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Commands:" in out
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str) -> None:
    from click.testing import CliRunner

    res = CliRunner().invoke(cli, [name, "--help"])
    assert res.exit_code == 0, res.output
    assert "Usage:" in res.output
    command = cli.get_command(None, name)  # type: ignore[arg-type]
    assert command is not None and (command.help or "").strip(), f"{name} has no help text"


def test_cypher_write_then_read_json_keeps_chinese(run_cli) -> None:
    res = run_cli("cypher", "CREATE (:Project {key: $k, name: $k})", "-p", "k=官路水库", "--write")
    assert res.exit_code == 0, res.output
    assert "Nodes created 1" in res.stderr
    res = run_cli("cypher", "MATCH (p:Project) RETURN p.name AS name", "--format", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == [{"name": "官路水库"}]
    assert "官路水库" in res.stdout  # not \\u-escaped


def test_cypher_params_are_typed(run_cli) -> None:
    res = run_cli("cypher", "RETURN $n + 1 AS n, $s AS s, $code AS code", "-p", "n=41", "-p", "s=崂山",
                  "-p", "code=0532", "--format", "json")
    assert json.loads(res.stdout) == [{"n": 42, "s": "崂山", "code": "0532"}]  # a leading zero keeps a code text


def test_cypher_syntax_error_is_one_line(run_cli) -> None:
    res = run_cli("cypher", "MATCH (n RETURN n")
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: Cypher error"), res.stderr
    assert "Traceback" not in res.output


def test_read_only_unless_write(run_cli) -> None:
    res = run_cli("cypher", "CREATE (:Project {key: 'x'})")
    assert res.exit_code == 1
    assert "--write" in res.stderr
    res = run_cli("cypher", "MATCH (p:Project) RETURN count(p) AS n", "--format", "json")
    assert json.loads(res.stdout) == [{"n": 0}]


def test_bad_param_is_usage_error(run_cli) -> None:
    res = run_cli("cypher", "RETURN 1", "-p", "novalue")
    assert res.exit_code == 2
    assert "key=value" in res.stderr


def test_stats_counts_every_schema_label(run_cli) -> None:
    run_cli("cypher", "CREATE (:District {key: 'a'}), (:District {key: 'b'})", "--write")
    rows = json.loads(run_cli("stats", "--format", "json").stdout)
    by_name = {r["name"]: r["count"] for r in rows}
    assert by_name["District"] == 2
    assert {"Project", "Document", "MENTIONED_IN", "LOCATED_IN"} <= set(by_name)


def test_db_init_is_idempotent_and_reset_asks(run_cli) -> None:
    first = run_cli("db", "init")
    second = run_cli("db", "init")
    assert first.exit_code == second.exit_code == 0
    assert "0 created" in second.stdout and "0 created" not in first.stdout
    run_cli("cypher", "CREATE (:Company {key: '海信'})", "--write")
    declined = run_cli("db", "reset", input="n\n")
    assert declined.exit_code == 1  # aborted
    assert json.loads(run_cli("cypher", "MATCH (n) RETURN count(n) AS n", "--format", "json").stdout)[0]["n"] == 1
    assert run_cli("db", "reset", "--yes").exit_code == 0
    assert json.loads(run_cli("cypher", "MATCH (n) RETURN count(n) AS n", "--format", "json").stdout)[0]["n"] == 0


def test_db_status_reports_the_running_server(run_cli, server) -> None:
    res = run_cli("db", "status")
    assert res.exit_code == 0
    assert f"127.0.0.1:{server.port}" in res.stdout


def test_unreachable_store_is_one_line(run_cli) -> None:
    res = run_cli("stats", "--uri", "bolt://127.0.0.1:1")
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and "Error:" in res.stderr
    assert "QDKG_PASSWORD" in res.stderr or "cannot reach" in res.stderr


def test_unknown_uri_scheme(run_cli) -> None:
    res = run_cli("stats", "--uri", "mysql://x")
    assert res.exit_code == 1
    assert "unknown store URI scheme 'mysql'" in res.stderr


def test_debug_shows_the_traceback(run_cli) -> None:
    with pytest.raises(Exception, match="Cypher error"):
        run_cli("--debug", "cypher", "MATCH (n RETURN n")


def test_jsonl_output_to_a_file(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sub" / "rows.jsonl"
    res = run_cli("cypher", "UNWIND [1, 2] AS i RETURN i, '崂山' AS s", "--format", "jsonl", "-o", str(out))
    assert res.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == [{"i": 1, "s": "崂山"}, {"i": 2, "s": "崂山"}]
