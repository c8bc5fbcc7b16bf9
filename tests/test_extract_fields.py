"""The field a base, park, laboratory or production line is named for (loaders/extract/fields.py): the industry
between the name's proper parts and its head, without seed words or ranks."""

from __future__ import annotations

import pytest

from qdkg.loaders.extract.fields import field_of
from qdkg.loaders.gazetteer import load_gazetteer


@pytest.mark.parametrize(("name", "owner", "field"), [
    ("甘肃种业实验室", None, "种业"),
    ("京津电子化学品基地", None, "电子化学品"),
    ("国家黑龙江大豆种子基地", None, "大豆"),  # a seed base serves the crop
    ("马铃薯种源基地", None, "马铃薯"),
    ("赤阳春建材生产线", "赤阳春", "建材"),  # a production line is named for its product's industry
    ("三江实验室", None, None),  # a place's name alone is no field
    ("国家管网科学试验基地", "国家管网", None),  # an activity closes the name
])
def test_the_field_a_name_is_built_for(name: str, owner: str | None, field: str | None) -> None:
    assert field_of(name, load_gazetteer(), owner, []) == field
