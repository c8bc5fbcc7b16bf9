"""Heads of works the genre names (issue 8, error class 3): transmission corridors are projects when they carry
a proper part, never the generic corridor."""

from __future__ import annotations

from extracting import names_of


def _projects(text: str, city: str | None = None) -> set[str]:
    return names_of(text, "Project", city)


def test_named_transmission_corridors_are_projects() -> None:
    projects = _projects("加快松辽电力外送通道、黑乌铁路等前期工作。推动青粤绿电外送通道尽早核准开工，推进青疆联网通道建设。")
    assert {"松辽电力外送通道", "青粤绿电外送通道", "青疆联网通道", "黑乌铁路"} <= projects, projects


def test_the_generic_corridor_is_no_project() -> None:
    assert not _projects("加快电力外送通道建设，提高电力外送通道利用率。")


def test_named_mines_and_gas_fields_are_projects() -> None:
    projects = _projects("加快推进青石峁天然气、石嘴山矿区煤层气等开发利用，天然气产量增长。新探明泾川特大型铀矿。")
    assert {"青石峁天然气", "石嘴山矿区煤层气", "泾川特大型铀矿"} <= projects, projects
    assert not projects & {"天然气", "新探明泾川特大型铀矿"}, projects


def test_a_districts_streets_mines_and_sidings_are_projects() -> None:
    projects = _projects("完成众和地壹街、华汇地下金街的建设。推进抚顺西露天矿生态修复。海拉尔热电厂铁路专用线项目进展顺利。")
    assert {"华汇地下金街", "抚顺西露天矿"} <= projects, projects
    assert "海拉尔热电厂铁路专用线" in projects, projects


def test_an_item_with_a_head_of_its_own_keeps_its_name_in_a_headed_list() -> None:
    projects = _projects("确保包商银行培训中心、呼伦贝尔大饭店、碧海云天等酒店投入运营。", city="海拉尔区")
    assert "呼伦贝尔大饭店" in projects and "呼伦贝尔大饭店酒店" not in projects, projects


def test_two_works_joined_by_和_that_share_an_action_are_two_projects() -> None:
    projects = _projects("实施了农林桥和呼达罕桥改造、谢尔塔拉公路等工程。")
    assert {"农林桥改造", "呼达罕桥改造", "谢尔塔拉公路"} <= projects, projects
    assert "农林桥和呼达罕桥改造" not in projects, projects
