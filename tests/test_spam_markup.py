"""Keywords the markup stuffs (hidden blocks, <meta keywords>, stuffed <title>) feed the page's spam vocabulary."""
from pagewash.transforms.extract import extract_page
from pagewash.transforms.record import Doc, Kind
from pagewash.transforms.spam.clean import clean_doc, markup_vocabulary

ARTICLE = [
    "本市今年将在12个老旧小区启动加装电梯试点,首批项目预计于年底前完工,市财政对每部电梯给予补贴。",
    "据介绍,试点小区由街道和社区共同推荐,二手房急售,需征得同一单元三分之二以上住户同意,其余费用由住户按楼层分摊。",
    "市住房和城乡建设局相关负责人表示,下一步将总结试点经验,简化审批流程,力争三年内覆盖全市符合条件的老旧小区。",
]


def _page(hidden: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (f'<html><head><meta charset="utf-8"><title>本市启动老旧小区电梯加装试点</title></head><body>'
            f'{hidden}<h1>本市启动老旧小区电梯加装试点</h1><div class="content">{body}</div></body></html>')


def test_keyword_from_a_hidden_block_is_cut_where_it_was_injected():
    hidden = '<div style="display:none">二手房急售 学区房出租 别墅团购 写字楼招租</div>'
    doc = extract_page(Doc(id="x", source="s", kind=Kind.HTML, html=_page(hidden)))
    assert "二手房急售" in doc.markup_keywords
    cleaned, removals = clean_doc(doc)
    assert "推荐,需征得同一单元" in cleaned.text and "二手房急售" not in cleaned.text
    assert [(r.reason, r.text) for r in removals] == [("injected_keyword", "二手房急售,")]


def test_without_markup_evidence_the_same_segment_stays():
    doc = extract_page(Doc(id="x", source="s", kind=Kind.HTML, html=_page("")))
    cleaned, removals = clean_doc(doc)
    assert "推荐,二手房急售,需征得" in cleaned.text and not removals


def test_markup_vocabulary_skips_long_strings_and_the_headline():
    assert markup_vocabulary(["小产权房", "本市启动老旧小区电梯加装试点", "电梯", "x", "一个很长很长很长很长的关键词串"],
                             title="本市启动老旧小区电梯加装试点") == ["小产权房"]
