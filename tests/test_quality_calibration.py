"""The behaviours the calibration on real articles asks for (docs/QUALITY.md, "Calibration")."""
from __future__ import annotations

import re

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.quality import filter_reasons, quality_signals, tag_document
from pagewash.transforms.quality.signals import _SENTENCE_END_RE, _sentence_ends, longest_paragraph
from pagewash.transforms.quality.thresholds import QualityThresholds
from pagewash.transforms.record import Doc, Reason

ARTICLE_ZH = ("记者从市交通委员会获悉,今年全市将新建和改造城市道路四十二条,重点打通一批断头路,"
              "进一步完善城市路网。市交通委员会有关负责人表示,这些道路建成后,将有效缓解部分路段"
              "早晚高峰的拥堵状况。\n"
              "据介绍,今年的道路建设项目主要集中在城市东部和南部的新区,其中有十二条道路计划在年底前"
              "建成通车。为减少施工对市民出行的影响,各施工单位将采取分段施工、夜间施工等方式。\n"
              "市民如对道路施工有意见和建议,可拨打市政服务热线反映,相关部门将及时处理。")
ARTICLE_EN = ("The county will open a new public library branch in the former post office building next spring, "
              "officials said on Thursday. The branch will offer study rooms, a children's corner and free "
              "internet access, and it will stay open until nine in the evening on weekdays.\n"
              "Residents have asked for a library in the area for more than ten years, according to the council. "
              "The renovation is expected to cost about two million dollars and will be paid for by a state grant.")


def _reasons(text, **fields):
    doc = tag_document(Doc(id="t", source="t", text=normalize_text(text), **fields))
    return [f.reason for f in filter_reasons(doc)], doc


def test_spam_share_is_a_signal_never_a_reason():
    reasons, doc = _reasons(ARTICLE_ZH, removed={Reason.KEYWORD_STUFFING: 9000, Reason.PLACE_LIST: 3000})
    assert reasons == []
    assert doc.quality["spam_removed_frac"] > 0.9
    assert "max_spam_removed_frac" not in QualityThresholds().to_mapping()


def test_sentence_ends_are_counted_inside_lines_not_in_decimals_or_domains():
    text = "增长6.8%。见www.example.com/a.html 说明! It rose 3.5 per cent. Then it fell... Why?"
    assert _sentence_ends(text) == len(_SENTENCE_END_RE.findall(text)) == 4  # 。 ! "cent." ?
    assert quality_signals("第一句。第二句!")["sentence_punct_ratio"] == round(2 / 6, 6)


def test_a_chinese_article_broken_inside_its_sentences_is_kept():
    # one <p> with line breaks: almost no line ends a sentence, and every line is short
    wrapped = "\n".join(re.findall(".{1,26}", ARTICLE_ZH.replace("\n", "")))
    reasons, doc = _reasons(wrapped)
    assert doc.quality["line_punct_ratio"] < 0.2
    assert max(map(len, wrapped.split("\n"))) < QualityThresholds().min_paragraph_length_cjk
    assert doc.quality["max_paragraph_length"] > 100
    assert reasons == []


def test_a_headline_list_is_still_rejected_for_punctuation():
    headlines = "\n".join(["男子夜跑途中救下落水儿童 获市民点赞", "高铁新线今日开通 沿途十座城市迎来首发列车",
                           "老街改造完成 百年骑楼重新对外开放", "全国多地迎来降温 部分地区将出现初雪",
                           "国产新能源汽车出口量再创新高 同比增长两成"] * 2)
    reasons, _ = _reasons(headlines)
    assert Reason.LOW_PUNCTUATION in reasons


def test_cjk_text_needs_a_paragraph_and_a_paragraph_may_span_broken_lines():
    assert longest_paragraph(["短行,没有结束", "接着写完了。", "另一行"]) == len("短行,没有结束接着写完了。")
    assert longest_paragraph(["欢迎光临!", "您是第8位访客"]) == len("您是第8位访客")
    greeting = "\n".join(["欢迎光临我的个人主页!", "您是本站第 0012873 位访客", "今日访问:128 总访问量:90321",
                          "本站已安全运行 3210 天,感谢支持!", "祝您工作顺利,身体健康!", "感谢您的光临,欢迎常来看看!"])
    reasons, _ = _reasons(greeting)
    assert reasons and reasons[0] == Reason.NO_PARAGRAPH


def test_short_english_briefs_pass_and_near_empty_pages_do_not():
    brief = ("The Route 9 bridge over Mill Creek will be closed on the weekends of Sept. 7 and Sept. 14 "
             "while crews replace expansion joints, the state transportation department said.")
    assert _reasons(brief)[0] == []
    assert _reasons("Page not found. Return to the home page.")[0][0] == Reason.TOO_FEW_WORDS
    assert _reasons("页面不存在,请返回首页。")[0][0] == Reason.TOO_FEW_WORDS


def test_repeated_lines_are_judged_on_what_remains_without_them():
    block = "Ingredients: 2 cups of flour, 1 cup of sugar, 3 eggs and a pinch of salt"
    article = ARTICLE_EN + "\n" + "\n".join([block, "Bake for 30 minutes."] * 3)
    reasons, doc = _reasons(article)
    assert doc.quality["dup_line_frac"] > QualityThresholds().max_dup_line_frac
    assert Reason.DUPLICATE_LINES not in reasons and Reason.DUPLICATE_NGRAMS not in reasons
    junk = "\n".join(["点击查看详情", "本店新品上市,欢迎选购。"] * 8 + ["限时优惠,先到先得。"])
    assert _reasons(junk)[0][0] in (Reason.TOO_FEW_WORDS, Reason.DUPLICATE_LINES)


def test_templated_english_text_is_rejected():
    template = ("Looking for {0} repair in {1}? Our {1} team offers the fastest repair service at the best price "
                "in town, with free pick-up and delivery. Call our {0} repair experts in {1} today.")
    words = [("phone", "Springfield"), ("laptop", "Riverton"), ("tablet", "Lakeside"), ("camera", "Hillview"),
             ("printer", "Fairfield"), ("console", "Oakdale"), ("watch", "Brookfield"), ("monitor", "Ashton")]
    reasons, _ = _reasons("\n".join(template.format(a, b) for a, b in words))
    assert Reason.DUPLICATE_NGRAMS in reasons


def test_urls_end_where_chinese_text_begins():
    text = "请通过铁路官方网站(www.12306.cn)和客户端购票,避免非正常渠道购票带来的风险。"
    signals = quality_signals(text)
    assert signals["url_ratio"] < 0.3
    # the closing bracket ends it too (transforms/lexicon.py: URL)
    assert round(signals["url_ratio"] * len(text)) == len("www.12306.cn")
