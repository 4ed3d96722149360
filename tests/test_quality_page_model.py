"""The page model, "is what remains an article?" (not_article; transforms/quality/page_model.py,
tools/train_page_model.py, docs/QUALITY.md).  Every text here is written for the test."""
import json
from importlib import resources

from pagewash.transforms.quality import filter_reasons, quality_signals
from pagewash.transforms.quality.page_model import (FEATURES, MODEL_FILE, junk_page_probability, model,
                                                    page_features, shape_features)
from pagewash.transforms.quality.thresholds import DEFAULT_THRESHOLDS
from pagewash.transforms.reasons import Reason
from pagewash.transforms.record import Doc, Kind

# a lottery lobby's rules: one template line after another, numbers on every line
LOTTERY = "\n".join([
    "某某快3开奖直播",
    "※示例:选号12,开出12 * * *,算中前两位。",
    "※示例:选号34,开出* 34 * *,算中中间两位。",
    "※示例:选号56,开出* * 56 *,算中后两位。",
    "在0到9里挑1个数字作为一注,和开出数字的末位一样就算中奖。",
    "在0到9里挑2个数字作为一注,和开出数字的十位一样就算中奖。",
    "某某分分彩计划群",
    "某某时时彩平台",
    "第20230101期 3 5 8 2 1",
    "第20230102期 7 4 0 9 6",
    "第20230103期 2 2 6 1 8",
])

# a personal page of counters and greetings
COUNTER = "\n".join([
    "欢迎光临小明的个人主页",
    "今日访问: 128",
    "昨日访问: 342",
    "总访问量: 56231",
    "在线人数: 3",
    "留言: 27 条",
    "祝大家新年快乐,万事如意!",
    "最后更新: 2023-01-05",
    "本站已运行 1024 天",
])

ARTICLE = "\n".join([
    "县里新修的图书馆上周正式开放,第一天就有上千名读者走进了这座三层的新楼。",
    "图书馆馆长介绍说,新馆的藏书比老馆多了一倍,还专门为孩子们开设了绘本阅读区和自习室。",
    "不少家长带着孩子早早来到门口排队。一位母亲说,以前老馆座位太少,周末常常找不到地方坐,现在终于不用发愁了。",
    "馆里的工作人员告诉记者,为了方便上班族,新馆每周有三天开放到晚上九点,借还书也可以在自助机上完成。",
    "据了解,图书馆接下来还将举办读书分享会和讲座,邀请本地作家和老师与读者见面交流。",
])


def _doc(text, title=None):
    doc = Doc(id="t", source="t", kind=Kind.TEXT, text=text, title=title)
    return doc.replace(quality=quality_signals(text, None, title), lang="zh", lang_score=0.99)


def test_the_shipped_model_names_its_features_threshold_training_and_sources():
    raw = json.loads(resources.files("pagewash.transforms.quality").joinpath("data", MODEL_FILE).read_text("utf-8"))
    assert raw["features"] == list(FEATURES)
    assert set(raw["weights"]) == set(FEATURES)
    # the filter's default is the model's own threshold, chosen by leave-one-part-out
    assert DEFAULT_THRESHOLDS.min_junk_page_probability == raw["threshold"] == model()["threshold"]
    training = raw["training"]
    assert len(training["parts"]) == 7 and training["sources"]
    assert len(training["leave_one_part_out"]) == 7
    assert {"junk_kept", "articles_rejected"} <= set(training["leave_one_part_out"][0])


def test_how_much_spam_was_cut_is_never_a_feature():
    assert "spam_removed_frac" not in FEATURES
    a = quality_signals(LOTTERY, None, None)
    b = quality_signals(LOTTERY, {"keyword_stuffing": 5000}, None)
    assert a["spam_removed_frac"] != b["spam_removed_frac"]
    assert a["junk_page_probability"] == b["junk_page_probability"]


def test_shape_features_see_templates_numbers_and_counters():
    lottery = shape_features(LOTTERY, None)
    article = shape_features(ARTICLE, None)
    assert lottery["template_line_share"] > 0.2 and article["template_line_share"] == 0.0
    assert lottery["number_line_share"] > 0.7 and article["number_line_share"] == 0.0
    assert shape_features(COUNTER, None)["counter_line_share"] > 0.5
    assert article["short_line_share"] == 0.0 and lottery["short_line_share"] > 0.0
    # a title the text never takes up, and one it does
    assert shape_features(ARTICLE, "某某信息港")["title_echo_share"] == 0.0
    assert shape_features(ARTICLE, "新图书馆开放")["title_echo_share"] > 0.5


def test_a_lottery_listing_and_a_counter_page_are_not_articles():
    for text in (LOTTERY, COUNTER):
        doc = _doc(text)
        assert doc.quality["junk_page_probability"] >= DEFAULT_THRESHOLDS.min_junk_page_probability
        assert Reason.NOT_ARTICLE in [f.reason for f in filter_reasons(doc)]


def test_a_plain_article_is_kept_and_scores_low():
    doc = _doc(ARTICLE, "县图书馆新馆开放")
    assert doc.quality["junk_page_probability"] < DEFAULT_THRESHOLDS.min_junk_page_probability / 2
    assert filter_reasons(doc) == []


def test_the_rejection_names_the_model_evidence():
    from pagewash.transforms.quality.filters import filter_document

    rejected = filter_document(_doc(LOTTERY).replace(quality=None))
    assert Reason.NOT_ARTICLE in rejected.detail
    assert "junk_page_probability=" in rejected.detail
    # the features that pushed it towards junk, with their values
    assert "=" in rejected.detail.split("(")[-1]


def test_text_other_than_cjk_is_not_judged():
    english = "\n".join(["Visitors today: 12", "Visitors yesterday: 40", "Total: 5123"] * 3)
    assert quality_signals(english, None, None)["junk_page_probability"] == 0.0


def test_features_are_those_the_model_reads():
    feats = page_features(quality_signals(ARTICLE, None, None), ARTICLE, None)
    assert list(feats) == list(FEATURES)
    assert 0.0 <= junk_page_probability(quality_signals(ARTICLE, None, None), ARTICLE, None) <= 1.0
