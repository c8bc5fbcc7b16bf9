"""A 工程 that names no thing is a programme (gold-dev: 文化惠民工程, 医疗卫生强基工程 are Program rows); one that names
a place, a work or a phase stays a project."""

from __future__ import annotations

from extracting import entity_set as _entities


def test_a_campaign_named_工程_is_a_programme() -> None:
    ents = _entities("启动有研发活动的规上工业企业倍增工程。实施医疗卫生强基工程。推进超大规模智算中心、算电协同工程等建设。")
    projects = {n for t, n in ents if t == "Project"}
    assert not projects & {"规上工业企业倍增", "医疗卫生强基", "算电协同"}, ents
    assert {("Program", "规上工业企业倍增工程"), ("Program", "医疗卫生强基工程")} <= ents, ents


def test_a_work_named_工程_stays_a_project() -> None:
    ents = _entities("开工建设雅下水电工程和谢尔塔拉公路工程，完成森工集团棚户区改造二期工程。")
    assert {("Project", "雅下水电"), ("Project", "谢尔塔拉公路"), ("Project", "森工集团棚户区改造")} <= ents, ents
    assert not {n for t, n in ents if t == "Program"} & {"雅下水电工程", "谢尔塔拉公路工程"}, ents


def test_a_reduplicated_verb_is_no_part_of_a_name() -> None:
    ents = _entities("落实落细民生工程。实施医疗卫生强基工程。")
    assert not any("落细" in n for _, n in ents), ents
    assert ("Program", "医疗卫生强基工程") in ents, ents
