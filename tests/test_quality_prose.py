"""What remains after cleaning is judged as a text: prose or not (little_prose), sentences that
belong together or not (incoherent_sentences).  docs/QUALITY.md, "Signals" and "Thresholds"."""
from __future__ import annotations

import re

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.quality import filter_reasons, quality_signals, tag_document
from pagewash.transforms.quality.signals import prose_chars_of, sentence_isolation, sentence_vocabulary
from pagewash.transforms.record import Doc, Reason

# A coherent article (written for this test): its sentences share the subject's words.
ARTICLE = ("城西湿地公园二期工程日前完工,新增水域面积约十二公顷。湿地公园管理处负责人介绍,二期工程"
           "在原有湿地的基础上恢复了三条自然河道,并种植了芦苇、菖蒲等本地水生植物。\n"
           "据介绍,湿地公园二期新建的观鸟平台和木栈道已向市民开放。今年春季,管理处在湿地内观测到"
           "白鹭、池鹭等水鸟四十余种,比去年同期增加了九种。\n"
           "管理处表示,湿地公园将继续监测水质和鸟类数量,观鸟平台在汛期将临时关闭。市民进入湿地"
           "观鸟时请勿投喂水鸟,也不要离开木栈道进入芦苇区。")

# Sentences on unrelated subjects (written for this test), glued under keyword headers the way
# doorway pages are made.
UNRELATED = [
    "这座石桥建于清代乾隆年间,全长四十六米,桥面由青石板铺成。",
    "该型号冰箱采用变频压缩机,冷冻室容积为一百零八升。",
    "她在十五岁那年第一次登台演出,演唱了一首家乡民歌。",
    "火山喷发后形成的玄武岩台地适合种植咖啡和甘蔗。",
    "比赛第七十分钟,替补登场的前锋头球破门,帮助球队扳平比分。",
    "这种昆虫的幼虫以落叶为食,成虫寿命通常不超过两周。",
    "古籍修复师先用软毛刷清理书页上的灰尘,再用糨糊修补虫洞。",
    "该航线每周三和周六各有一个往返航班,飞行时间约四个半小时。",
    "研究人员在南极冰芯中发现了距今八十万年的气泡样本。",
    "小镇每年秋天举办南瓜节,最大的南瓜重达四百多公斤。",
    "这部小说以一名钟表匠的视角讲述了港口城市的兴衰。",
    "新修订的条例规定,电动自行车必须在登记后才能上路行驶。",
]
HEADERS = ["健康社区", "游戏资讯", "二手市场", "装修之家"]


def _doc(text):
    return tag_document(Doc(id="t", source="t", text=normalize_text(text)))


def _reasons(text):
    return [f.reason for f in filter_reasons(_doc(text))]


def _doorway(headers_in_line=True):
    lines = []
    for i, header in enumerate(HEADERS):
        sentences = " ".join(UNRELATED[3 * i:3 * i + 3])
        lines.append(f"{header} {sentences}" if headers_in_line else sentences)
    return "\n".join(lines)


def test_a_coherent_article_has_no_isolated_sentence_and_is_kept():
    judged, isolated = sentence_isolation(normalize_text(ARTICLE))
    assert judged >= 6 and isolated <= 0.25
    assert _reasons(ARTICLE) == []


def test_a_doorway_of_pasted_sentences_is_rejected_as_incoherent():
    text = _doorway()
    signals = quality_signals(normalize_text(text))
    assert signals["isolated_sentence_ratio"] >= 0.75
    assert signals["keyword_led_line_ratio"] == 1.0
    assert signals["prose_char_frac"] == 1.0  # it reads as prose: only coherence tells
    assert _reasons(text)[0] == Reason.INCOHERENT_SENTENCES
    # without keyword headers the sentences alone still give it away
    assert Reason.INCOHERENT_SENTENCES in _reasons(_doorway(headers_in_line=False))


def test_keyword_headers_lower_the_bar_only_with_isolated_sentences():
    # the article under keyword headers is still an article
    headed = "\n".join(f"{h} {line}" for h, line in zip(HEADERS, ARTICLE.split("\n")))
    assert quality_signals(normalize_text(headed))["keyword_led_line_ratio"] == 1.0
    assert _reasons(headed) == []


def test_sentence_vocabulary_leaves_out_common_words():
    units = sentence_vocabulary("我们在湖边种了一个芦苇和菖蒲的园子。")
    assert "芦苇" in units and "菖蒲" in units
    assert "我们" not in units and "一个" not in units and "在湖" not in units  # wordfreq's most common words and characters (在)
    assert "wetla" not in sentence_vocabulary("the which because")  # English function words
    assert "wetlan" in sentence_vocabulary("The wetland reopened.")


def test_greeting_and_counter_pages_have_little_prose():
    page = "\n".join(["欢迎光临本站!", "您是本站第10086位访客", "本站已安全运行3650天", "今日访问量:233 总访问量:88888",
                      "感谢您的来访,祝您万事如意!", "联系站长", "设为首页 加入收藏"] * 2)
    signals = quality_signals(normalize_text(page))
    assert signals["prose_char_count"] < 40
    assert Reason.LITTLE_PROSE in _reasons(page)


def test_a_listing_with_a_few_sentences_has_too_little_prose():
    listing = "\n".join(["会员注册", "修改密码", "在线客服", "最新优惠活动", "手机版下载", "常见问题",
                         "存款说明", "取款说明", "本平台所有活动的最终解释权归本平台所有。", "关于我们", "联系我们",
                         "新手指南", "账户安全", "推荐好友", "每日签到领积分", "积分商城", "会员等级说明",
                         "会员须年满十八岁方可注册并参与平台的全部活动。", "合作伙伴", "隐私政策", "责任声明",
                         "网站地图", "意见反馈", "帮助中心", "活动专区", "资讯公告", "下载中心", "客服热线"])
    signals = quality_signals(normalize_text(listing))
    assert signals["prose_char_frac"] < 0.3 and 40 <= signals["prose_char_count"] < 300
    assert Reason.LITTLE_PROSE in _reasons(listing)


def test_prose_is_counted_by_paragraph_so_hard_wrapped_text_is_prose():
    wrapped = "\n".join(re.findall(".{1,20}", ARTICLE.replace("\n", "")))
    lines = normalize_text(wrapped).split("\n")
    assert all(len(line) <= 20 for line in lines)
    assert prose_chars_of(lines) == sum(map(len, lines))
    assert _reasons(wrapped) == []


def test_a_long_article_with_lists_keeps_its_prose():
    lists = "\n".join(f"第{i}届 {name}奖(20{i:02d}年)" for i, name in enumerate(["最佳新人", "最佳歌手", "年度金曲"] * 8))
    text = ARTICLE * 2 + "\n" + lists
    signals = quality_signals(normalize_text(text))
    assert signals["prose_char_frac"] < 0.6 and signals["prose_char_count"] >= 300
    assert Reason.LITTLE_PROSE not in _reasons(text)


def test_keyword_headers_in_brackets_or_before_a_bar_lead_a_line_too():
    for lead in ("【{}】", "{}|", "{} | "):
        lines = [lead.format(header) + UNRELATED[i] for i, header in enumerate(HEADERS)]
        assert quality_signals(normalize_text("\n".join(lines)))["keyword_led_line_ratio"] == 1.0
    speaker = "记者:湿地公园二期工程什么时候向市民开放?"  # a speaker's turn is not a keyword header
    assert quality_signals(speaker)["keyword_led_line_ratio"] == 0.0


# Sentences of the coherent article above, one per line, each followed by unrelated ones: a
# doorway whose isolated share (2 of 3 sentences) is under the bar for bare sentences.
_ARTICLE_SENTENCES = [s + "。" for s in ARTICLE.replace("\n", "").split("。") if s]
TAILS = ["城东家电维修", "快捷搬家公司", "平价婚纱摄影", "同城开锁电话"]


def _tailed_doorway(with_tails=True):
    lines = []
    for i, tail in enumerate(TAILS):
        sentences = _ARTICLE_SENTENCES[i] + "".join(UNRELATED[2 * i:2 * i + 2])
        lines.append(sentences + (tail if with_tails else ""))
    return "\n".join(lines)


def test_keyword_tails_after_the_last_sentence_end_are_counted():
    signals = quality_signals(normalize_text(_tailed_doorway()))
    assert signals["keyword_tailed_line_ratio"] == 1.0
    assert quality_signals(normalize_text(_tailed_doorway(with_tails=False)))["keyword_tailed_line_ratio"] == 0.0
    # a closing parenthetical, a quotation or a byline after a space is not a tail
    for line in ("湿地公园二期新建的观鸟平台和木栈道已向市民开放。(完)",
                 "他说:“湿地公园二期新建的观鸟平台和木栈道已向市民开放。”",
                 "湿地公园二期新建的观鸟平台和木栈道已向市民开放。 通讯员 李明"):
        assert quality_signals(line)["keyword_tailed_line_ratio"] == 0.0


def test_keyword_tails_lower_the_bar_only_with_isolated_sentences():
    bare = _tailed_doorway(with_tails=False)
    signals = quality_signals(normalize_text(bare))
    assert 0.5 <= signals["isolated_sentence_ratio"] < 0.75
    assert Reason.INCOHERENT_SENTENCES not in _reasons(bare)
    tailed = _tailed_doorway()
    assert _reasons(tailed)[0] == Reason.INCOHERENT_SENTENCES
    detail = [f.detail for f in filter_reasons(_doc(tailed)) if f.reason == Reason.INCOHERENT_SENTENCES][0]
    assert "keyword_tailed_line_ratio=1" in detail
    # the coherent article with a tail on every line is an article with residue, not a doorway
    article_tailed = "\n".join(line + tail for line, tail in zip(ARTICLE.split("\n"), TAILS))
    assert quality_signals(normalize_text(article_tailed))["keyword_tailed_line_ratio"] == 1.0
    assert _reasons(article_tailed) == []


def test_an_agent_listing_with_two_sentences_has_too_little_prose_and_a_brief_does_not():
    listing = "\n".join(["合作热线:400123456", "加盟专线:18800001111,全天在线", "招募推广员,收益周结",
                         "推广的会员越多,每周拿到的分成就越高,轻松月入过万。", "新会员首充送百分之二十",
                         "平台资金全部由第三方托管,提款最快五分钟到账。", "会员中心"])
    signals = quality_signals(normalize_text(listing))
    assert signals["prose_char_count"] < 90 and 0.3 <= signals["prose_char_frac"] < 0.6
    assert _reasons(listing)[0] == Reason.LITTLE_PROSE
    brief = "北城图书馆延长开放时间\n本报讯 从下周一起,北城图书馆的阅览室在每天开放到晚上九点,周末和节假日也是照常开放的。"
    signals = quality_signals(normalize_text(brief))
    assert signals["prose_char_count"] < 90 and signals["prose_char_frac"] >= 0.6
    assert _reasons(brief) == []


def test_flagged_words_outside_the_prose_of_an_article_do_not_reject_it():
    article = "\n".join(ARTICLE.split("\n")[:2])
    banner = "百家乐 六合彩 时时彩"
    page = banner + "\n" + article
    signals = quality_signals(normalize_text(page))
    assert signals["flagged_word_ratio"] > 0.04 and signals["prose_flagged_word_count"] == 0
    assert signals["prose_char_frac"] >= 0.8
    assert Reason.FLAGGED_WORDS not in _reasons(page)
    # the same terms inside its sentences: a gambling page written as prose
    inside = article.replace("湿地公园管理处负责人介绍", "百家乐六合彩时时彩平台负责人介绍")
    signals = quality_signals(normalize_text(inside))
    assert signals["prose_flagged_word_count"] >= 3
    assert _reasons(inside)[0] == Reason.FLAGGED_WORDS
    # ... or the banner over a page that is mostly not prose
    listing = "\n".join([banner, _ARTICLE_SENTENCES[0], "会员中心", "充值说明", "电子游艺", "在线客服", "手机下载"])
    assert Reason.FLAGGED_WORDS in _reasons(listing)


# Sentences on unrelated subjects in English (written for this test).
UNRELATED_EN = [
    "The lighthouse keeper painted the railings before winter arrived.",
    "Copper prices climbed after smelters announced maintenance closures.",
    "Our grandmother kept pickled cucumbers beneath the staircase.",
    "Volunteers counted migrating cranes along the frozen marshland.",
    "The orchestra rehearsed Sibelius symphonies inside an abandoned brewery.",
    "Engineers replaced corroded cables supporting the suspension bridge.",
    "Several bakeries started selling sourdough pretzels every Thursday.",
    "Astronomers photographed comets passing Jupiter's outer moons.",
    "Teenagers organised chess tournaments throughout the municipal library.",
    "Farmers harvested lavender fields earlier because of drought.",
    "The ferry timetable changes whenever tides exceed forecasts.",
    "Archaeologists uncovered bronze buckles near medieval fortifications.",
    "Dentists recommend replacing toothbrushes roughly every quarter.",
    "Hikers reported avalanches blocking northern mountain passes.",
]


def test_a_short_post_in_space_separated_text_is_not_judged_on_isolated_sentences():
    # eight sentences that share no word: a short blog post or ticker is not a doorway yet
    short = " ".join(UNRELATED_EN[:8])
    signals = quality_signals(short)
    assert signals["judged_sentence_count"] == 8 and signals["isolated_sentence_ratio"] >= 0.75
    assert Reason.INCOHERENT_SENTENCES not in _reasons(short)
    # fourteen of them are
    long = "\n".join(" ".join(UNRELATED_EN[i:i + 2]) for i in range(0, 14, 2))
    signals = quality_signals(long)
    assert signals["judged_sentence_count"] >= 12 and signals["isolated_sentence_ratio"] >= 0.75
    assert Reason.INCOHERENT_SENTENCES in _reasons(long)


def test_the_long_letter_runs_are_the_letter_runs_of_four_or_more():
    import random
    import re

    from pagewash.transforms.quality.signals import _LONG_LETTERS_RE

    runs = re.compile(r"[^\W\d_]+")
    rng = random.Random(13)
    alphabet = list("abcdEFG xy1_-'.é中文ßİ") + ["\u0301", "\n"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    texts += ["the which because", "wetland reeds, irises", "ab abc abcd abcde"]
    for text in texts:
        assert _LONG_LETTERS_RE.findall(text) == [w for w in runs.findall(text) if len(w) >= 4], text
