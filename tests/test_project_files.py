"""The files a new user relies on: README's two commands, CI's entry point, the Neo4j compose file."""

from __future__ import annotations

import yaml
from conftest import ROOT


def test_readme_shows_the_two_setup_commands_and_chinese_quick_start() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "快速上手" in readme
    assert "QDKG_URI=bolt://localhost:7687" in readme


def test_ci_runs_make_test() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_compose_runs_neo4j_5_with_browser_bolt_apoc_volume_and_healthcheck() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert any(p.endswith(":7474") for p in neo4j["ports"]) and any(p.endswith(":7687") for p in neo4j["ports"])
    assert "apoc" in neo4j["environment"]["NEO4J_PLUGINS"]
    assert "NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
    assert "healthcheck" in neo4j
    assert any(v.split(":")[0] in compose["volumes"] for v in neo4j["volumes"])
    assert "NEO4J_PASSWORD=" in (ROOT / ".env.example").read_text(encoding="utf-8")


def test_sample_report_ships_with_the_project() -> None:
    sample = ROOT / "data" / "samples" / "qingdao-2025-work-report-part.txt"
    assert sample.stat().st_size > 20_000
    assert "官路水库" in sample.read_text(encoding="utf-8")
