"""Text clean-up shared by every format: line endings, invisible characters, and web boilerplate.

Report text keeps its own characters (no NFKC: full-width punctuation stays as written, since
the extractor's offsets point into :attr:`Document.text`). What goes: carriage returns and other
line separators, zero-width and control characters, the indentation of each line, empty lines,
and lines that belong to the web page a report was copied from (免责声明, 转载, 侵权, 来源,
责任编辑, 版权所有 …), which must never reach extraction.
"""

from __future__ import annotations

import re

#: Line separators other than ``\n`` (CR, LF+CR pairs are handled first), including form feeds of PDF pages.
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
#: Zero-width and other invisible characters, and C0/C1 controls except tab and newline.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: Whitespace stripped at either end of a line: ASCII, no-break and ideographic spaces (paragraph indents).
_EDGE_SPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u202f"

# A boilerplate line *starts* with one of these (after an optional bracket), followed by a colon or
# a space where the word could also open a report sentence.
_LEAD_ALWAYS = (
    "免责声明", "版权声明", "版权所有", "责任编辑", "原标题", "文章来源", "信息来源", "稿件来源", "本站", "本网",
    "打印本页", "关闭窗口", "分享到", "扫一扫", "上一篇", "下一篇", "相关阅读", "相关链接", "相关文章",
    "网站地图", "联系我们", "主办单位", "承办单位", "浏览次数", "点击数", "阅读数",
)
_LEAD_WITH_COLON = ("来源", "稿源", "编辑", "作者", "声明", "发布时间", "发布日期", "转载", "校对", "审核", "责编")
_LEAD = re.compile(r"^[\[【(（]?(?:{}|(?:{})\s*[:：\s])".format("|".join(_LEAD_ALWAYS), "|".join(_LEAD_WITH_COLON)))
# Anywhere in a line: words only a web page says about itself.
_ANYWHERE = re.compile(
    r"版权所有|ICP备|ICP证|公网安备|Copyright|©|不代表本(?:站|网)|本(?:站|网)(?:立场|观点)|未经(?:本站)?(?:许可|授权)[,，]?"
    r"(?:不得|禁止)转载|转载请注明|请联系本(?:站|网)|联系我们删除|(?:侵权|侵犯).{0,12}(?:删除|联系|处理)",
    re.IGNORECASE,
)
# A whole line that is only page chrome: a page number ("— 3 —", "第3页", "3/12") or a breadcrumb trail.
_CHROME_LINE = re.compile(r"^(?:[-—–\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*|首页\s*[>›»].*|当前位置\s*[:：].*)$")
#: Lines longer than this are report paragraphs even if a keyword appears in them.
_MAX_BOILERPLATE_LINE = 300


def normalise(text: str) -> str:
    """One paragraph per line: ``\\n`` endings, no invisible characters, no indentation, no empty lines."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    lines = (line.strip(_EDGE_SPACE) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def is_boilerplate(line: str) -> bool:
    """True for a line that belongs to the page a report was published on, not to the report."""
    line = line.strip(_EDGE_SPACE)
    if not line or len(line) > _MAX_BOILERPLATE_LINE:
        return False
    return bool(_LEAD.match(line) or _ANYWHERE.search(line) or _CHROME_LINE.match(line))


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines from normalised text (one paragraph per line)."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate(line))


def clean(text: str) -> str:
    """Normalise, then remove boilerplate: the text that extraction and offsets work on."""
    return strip_boilerplate(normalise(text))
