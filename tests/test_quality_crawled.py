"""Real crawled Chinese web pages (question-and-answer posts, reviews, news) after cleaning: a
residue list the cleaner left, a quoted Traditional passage, a question quoted in its answer, a
post of a few sentences that each make another point.  None of these is what the filters are
for; the junk the same filters catch still goes.  docs/QUALITY.md, "Calibration on the third
spam part".  Every text is written for these tests."""
from __future__ import annotations

from opencc import OpenCC

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.quality import check_signals, filter_reasons, quality_signals, tag_document
from pagewash.transforms.record import Doc, Reason


def _reasons(text):
    doc = tag_document(Doc(id="t", source="t", text=normalize_text(text)))
    return [f.reason for f in filter_reasons(doc)]


_S2T = OpenCC("s2t")

# An article of four paragraphs, about 400 characters, written for this test.
ARTICLE = [
    "周六上午,市图书馆的古籍修复室第一次向读者开放,三十多位市民提前在网上预约了参观名额。",
    "修复师老陈带大家看了一本清代的县志,书页被虫蛀出了许多小洞,他用薄薄的皮纸一点一点地补上,"
    "每补一页都要先用毛笔把浆糊刷匀,再用镊子把纸纤维理顺,一页往往要花上大半天的时间。",
    "老陈说,修复古籍最怕的是急,纸张受潮以后要慢慢压平,急着晾干反而会让书页变形。"
    "参观结束时,不少家长带着孩子留下来向他请教,图书馆也表示今后每个月都会安排一次这样的开放日,"
    "让更多的人了解古籍修复这门手艺,也欢迎有兴趣的年轻人报名参加暑期的修复体验课程。",
    "据馆方介绍,馆里现存的古籍有一万多册,其中需要修复的超过三成,而全馆只有两位专职的修复师。"
    "为此,图书馆去年和本地的一所大学合作开设了修复专业的实习岗位,每年接收四到六名学生。",
]
PLACES = "☆".join(["东城", "西湖", "南山", "北塘", "青阳", "白沙", "红旗", "金水", "银川", "铁岭",
                    "石门", "玉溪", "宝山", "长乐", "永安", "太和", "新会", "平遥", "安庆", "吉安"] * 3)


def test_a_place_list_left_below_an_article_is_residue_not_the_article():
    text = "\n".join(ARTICLE + ["服务区域:" + PLACES])
    signals = quality_signals(normalize_text(text))
    assert signals["symbol_ratio"] > 0.12  # the whole page is over Gopher's limit
    assert signals["prose_symbol_ratio"] == 0.0  # its sentence lines have no symbol
    assert Reason.TOO_MANY_SYMBOLS not in _reasons(text)
    # the list alone, or a list with a line of text, is still symbols and no article
    assert Reason.TOO_MANY_SYMBOLS in _reasons("服务区域:" + PLACES + "\n" + ARTICLE[0])
    # decorated sentences are judged as they are
    decorated = "\n".join("★" + "★".join(line[i:i + 6] for i in range(0, len(line), 6)) for line in ARTICLE)
    assert Reason.TOO_MANY_SYMBOLS in _reasons(decorated)


QUESTION_TRADITIONAL = _S2T.convert(
    "古人说三更半夜,这里的三更到底是几点?书上写的是夜里十一点到一点,可是我记得小时候听老人讲,"
    "三更是半夜十二点左右,这两种说法哪一个才对呢?")
ANSWER_SIMPLIFIED = (
    "古代把一夜分成五更,每一更大约两个小时,三更正好在夜里十一点到一点之间,所以两种说法其实并不矛盾。"
    "老人说的半夜十二点,是三更的正中间,书上写的是三更的起止时间。打更的人每到一更就敲一次梆子,"
    "城里的人听到几声梆子就知道是几更了,这也是三更半夜这个说法的来历。")


def test_a_simplified_answer_quoting_a_traditional_question_is_not_a_half_conversion():
    text = "三更半夜的三更是几点?\n" + QUESTION_TRADITIONAL + "\n" + ANSWER_SIMPLIFIED
    signals = quality_signals(normalize_text(text))
    assert signals["trad_simp_mix"] > 0.15 and signals["script_minority_char_count"] >= 10
    assert signals["sentence_script_minority_char_count"] < 10 and signals["script_switch_count"] <= 2
    assert Reason.MIXED_SCRIPTS not in _reasons(text)


def test_every_other_sentence_converted_is_still_a_half_conversion():
    sentences = [s + "。" for s in "".join(ARTICLE).replace(",", "。").split("。") if s]
    text = "".join(_S2T.convert(s) if i % 2 else s for i, s in enumerate(sentences))
    signals = quality_signals(normalize_text(text))
    assert signals["script_switch_count"] >= 4
    assert _reasons(text)[:1] == [Reason.MIXED_SCRIPTS]


def test_a_question_quoted_in_its_answer_is_a_copied_passage_not_templated_text():
    question = ("为什么小区里的路灯总是半夜就熄灭了?物业说是为了省电,可是晚上下班回来的人走在黑漆漆的路上"
                "很不安全,老人和孩子出门也不方便,这样的做法合理吗?")
    answer = ("我先把问题贴一下:" + question + "这个问题我问过物业,他们说路灯的电费由全体业主分摊,"
              "去年业主大会投票决定半夜以后只开一半的灯。")
    text = "小区路灯半夜熄灭合理吗?\n" + question + "\n" + answer
    signals = quality_signals(normalize_text(text))
    assert signals["dup_passage_char_frac"] > 0.2
    assert signals["dup_5gram_char_frac"] > 0.298  # over the CJK limit counted on the whole text
    assert _reasons(text) == []


def test_a_short_post_of_unrelated_points_is_not_a_doorway():
    # seven sentences, each about another thing: chance, not pasted text
    post = ("锅底选了番茄菌菇鸳鸯锅,麻辣那半边偏咸。毛肚鸭肠虾滑都很新鲜,鸭血嫩滑入味。"
            "服务员态度热情周到,添汤换碟相当及时。停车场设在地下二层,导航标识模糊难寻。"
            "甜品推荐自制冰粉红糖糍粑,解腻爽口。结账时出示会员卡能打九折优惠。"
            "隔壁桌庆祝生日,店员唱歌送长寿面。")
    text = "新开的火锅店怎么样?\n" + post
    signals = quality_signals(normalize_text(text))
    assert 6 <= signals["judged_sentence_count"] < 10
    assert signals["isolated_sentence_ratio"] >= 0.75  # rejected with 6 judged sentences before
    assert Reason.INCOHERENT_SENTENCES not in _reasons(text)


def test_a_keyword_tail_counts_only_on_two_lines_or_more():
    # the rule itself, on the signals of a real-looking article: one tailed line of two (a
    # post cut off mid-sentence) is no doorway's pattern; two tailed lines of four are
    base = dict(quality_signals(normalize_text("\n".join(ARTICLE))))
    base.update(judged_sentence_count=8.0, isolated_sentence_ratio=0.625, keyword_led_line_ratio=0.0)
    one_of_two = dict(base, keyword_tailed_line_ratio=0.5, long_line_count=2.0)
    two_of_four = dict(base, keyword_tailed_line_ratio=0.5, long_line_count=4.0)
    assert Reason.INCOHERENT_SENTENCES not in [f.reason for f in check_signals(one_of_two, "zh", 0.99)]
    assert Reason.INCOHERENT_SENTENCES in [f.reason for f in check_signals(two_of_four, "zh", 0.99)]
