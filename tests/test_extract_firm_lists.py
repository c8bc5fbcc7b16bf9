"""Lists of firms (issue 8, error class 6): a common word among brands is a brand when jieba reads it as a
numeral or a state word (三元, 鼎盛); ranks and kinds of firm (龙头, 骨干) never are."""

from __future__ import annotations

from extracting import entity_set, names_of


def _firms(text: str) -> set[str]:
    return names_of(text, "Company")


def test_common_words_among_brands_are_brands() -> None:
    firms = _firms("引导三元、元盛、鼎盛等传统工业企业实施退城进园。积极扶持三元、麦福劳等农牧业龙头企业发展。")
    assert {"三元", "元盛", "鼎盛", "麦福劳"} <= firms, firms


def test_ranks_and_kinds_of_firm_are_no_brands() -> None:
    assert not _firms("支持龙头、骨干等企业做大做强，引导民营、大型等企业参与。")


def test_firms_before_a_far_项目_are_no_projects() -> None:
    ents = entity_set("大力支持大唐区域总部入驻，鼓励蒙西、银亿等国内知名企业尽快实施项目。")
    assert {("Company", "蒙西"), ("Company", "银亿")} <= ents, ents
    assert not {n for t, n in ents if t == "Project"} & {"鼓励蒙西", "银亿", "蒙西"}, ents


def test_a_subsidiary_written_after_its_parents_brand_is_the_firm() -> None:
    firms = _firms("高质量建设中车长客、长春光机所等国家级平台。支持海尔、海信等企业。")
    assert "中车长客" in firms and "中车" not in firms, firms
    assert {"海尔", "海信"} <= firms, firms
