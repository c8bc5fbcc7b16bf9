"""Write ``loaders/gazetteers/sectors.csv``: the sectors of China's national industry classification, and the
short forms a report writes them in (金融 for 金融业, 餐饮 for 住宿和餐饮业).

Source: the section (门类) names of GB/T 4754-2017 《国民经济行业分类》 (国家统计局), and the names of the three
national satellite classifications of industries that cut across its sections: 《国家旅游及相关产业统计分类(2018)》,
《文化及相关产业分类(2018)》 and 《体育产业统计分类(2019)》. Forms are derived by rule, not chosen: a name is split at
、, 和 and 及, a final 业 is dropped, and a part shorter than two characters or beginning 其他 is left out; sections
that name administration rather than an industry (S, T) are left out. Run: ``.venv/bin/python tools/gazetteers/build_sectors.py``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

SECTIONS = [  # GB/T 4754-2017, 门类
    ("A", "农、林、牧、渔业"), ("B", "采矿业"), ("C", "制造业"), ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"), ("F", "批发和零售业"), ("G", "交通运输、仓储和邮政业"), ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"), ("J", "金融业"), ("K", "房地产业"), ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"), ("N", "水利、环境和公共设施管理业"), ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"), ("Q", "卫生和社会工作"), ("R", "文化、体育和娱乐业"),
]
SATELLITES = [("旅游", "旅游及相关产业"), ("文化", "文化及相关产业"), ("体育", "体育产业")]


def forms(name: str) -> list[str]:
    stem = name.removesuffix("业")
    parts = [p.removesuffix("业") for p in re.split("[、和及]", stem)]
    out = [p for p in parts if len(p) >= 2 and not p.startswith("其他")]
    if "、" in stem and all(len(p) == 1 for p in stem.split("、")):
        out.append(stem.replace("、", ""))  # 农、林、牧、渔业 -> 农林牧渔
    return out


def main() -> None:
    path = Path(__file__).resolve().parents[2] / "loaders" / "gazetteers" / "sectors.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "forms"])
        for code, name in SECTIONS:
            w.writerow([code, name, "|".join(forms(name))])
        for short, name in SATELLITES:
            w.writerow(["", name, short])
    print(path)


if __name__ == "__main__":
    main()
