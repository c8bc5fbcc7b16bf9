"""Industry lists (issue 8, error class 'Industry recall'): items of a list the text frames as industries or
service sectors are industries, whatever jieba makes of their first word; counts and ranks are not items."""

from __future__ import annotations

from extracting import names_of


def _industries(text: str) -> set[str]:
    return names_of(text, "Industry")


def test_items_of_a_service_sector_list_are_industries() -> None:
    found = _industries("推动商贸服务、文旅康养、体育休闲、托育家政等生活性服务业高品质发展。"
                        "大力发展科技服务、人力资源、融资租赁、会计法律咨询等生产性服务业。")
    assert {"商贸服务", "文旅康养", "体育休闲", "托育家政", "科技服务", "人力资源", "融资租赁",
            "会计法律咨询"} <= found, found
    assert not found & {"休闲", "服务", "法律咨询"}, found


def test_a_list_item_keeps_a_first_word_jieba_reads_as_a_verb() -> None:
    found = _industries("鼓励支持食品、建材、机械制造等传统产业做大规模。"
                        "促进现代金融、会展服务、休闲娱乐等产业提质增效。")
    assert {"食品", "建材", "机械制造", "会展服务", "休闲娱乐"} <= found, found
    assert not found & {"娱乐", "服务"}, found


def test_ranks_counts_and_models_are_no_list_items() -> None:
    found = _industries("落实国家新一轮十大重点行业稳增长工作方案。推动土地集约利用、主导产业集群发展。"
                        "超硬、超轻、超薄等新材料产业积厚成势。推动综合保税区发展“保税+”等新业态。"
                        "聚焦生物制药与高端医疗器械两大产业。")
    assert not found & {"新一轮", "主导", "超薄", "超轻", "保税+"}, found
    assert "高端医疗器械" in found, found


def test_an_industry_a_sentence_sets_out_to_develop() -> None:
    found = _industries("大力发展海上风电，拉动风电装备企业投资升级。")
    assert "海上风电" in found, found


def test_a_stage_in_a_list_class_is_no_industry() -> None:
    found = _industries("维多利、时代广场、中网科技云计算等拟建项目尽快开工建设。")
    assert "拟建" not in found, found
