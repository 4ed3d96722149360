"""Real Chinese web text is messier than news: posts and reviews that end no sentence, trail off,
share a short link, write a word in the other script, repeat their subject or an emoticon, or
report a crime in the law's words.  These stay; the junk the same filters catch still goes.
docs/QUALITY.md, "Calibration on real crawled Chinese web text".  Every text is written for
these tests."""
from __future__ import annotations

from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.quality import DEFAULT_THRESHOLDS, filter_reasons, quality_signals, tag_document
from pagewash.transforms.quality.lexicons import function_chars
from pagewash.transforms.quality.signals import clause_prose_chars_of, is_clause_prose
from pagewash.transforms.record import Doc, Reason


def _reasons(text):
    doc = tag_document(Doc(id="t", source="t", text=normalize_text(text)))
    return [f.reason for f in filter_reasons(doc)]


# A review that runs its clauses with commas and ends no sentence.
REVIEW = ("鞋子昨天下午就到了,比我想的快很多,鞋底软软的走路不累脚,尺码也和平时穿的一样,"
          "就是鞋带有点短需要自己换一副,整体还是挺满意的会推荐给同事")
# A post whose clauses are separated by spaces, as people type on a phone.
SPACED_POST = ("今天去新开的图书馆看了一下 环境比老馆好太多了 三楼的自习区座位很多 还有免费的热水 "
               "就是周末人有点多 要早点去才能占到靠窗的位置")


def test_clause_prose_is_a_line_of_clauses_with_function_characters():
    assert is_clause_prose(REVIEW)
    assert is_clause_prose(SPACED_POST)
    # names and keywords separated by commas are not clauses of prose
    assert not is_clause_prose("城南开锁服务,江北搬家公司,河西二手车市场,东湖装修公司,西山殡仪服务,北塘贷款公司")
    assert not is_clause_prose("青岛,烟台,威海,日照,潍坊,淄博,东营,滨州,德州,聊城,菏泽,济宁,泰安,临沂,枣庄")
    # too short to judge
    assert not is_clause_prose("物流很快,质量不错,下次再来")


def test_function_characters_come_from_wordfreq_in_both_scripts():
    chars = function_chars()
    assert {"的", "了", "是", "我", "不"} <= chars
    assert {"們", "這", "說"} <= chars  # Traditional forms of 们 这 说, from OpenCC
    assert "网" not in chars and "医" not in chars


def test_headline_lines_are_not_joined_into_clause_prose():
    headlines = ["市区三条公交线路今起调整 部分站点临时取消",
                 "老城区雨污分流改造完工 十二条街巷告别积水",
                 "秋季运动会下周开幕 全市四千名中学生报名参赛"]
    assert clause_prose_chars_of(headlines) == 0
    assert clause_prose_chars_of([REVIEW]) == len(REVIEW)


def test_unpunctuated_posts_are_kept_and_headline_lists_still_go():
    assert _reasons(REVIEW) == []
    assert _reasons(SPACED_POST) == []
    index = "\n".join(["要闻", "市区三条公交线路今起调整 部分站点临时取消", "老城区雨污分流改造完工 十二条街巷告别积水",
                       "秋季运动会下周开幕 全市四千名中学生报名参赛", "滨江步道夜景灯光工程进入调试阶段",
                       "社区食堂推出老人助餐服务 每餐只需八元", "更多"])
    assert Reason.LOW_PUNCTUATION in _reasons(index)


def test_a_trailing_off_post_is_not_a_teaser_list():
    post = ("晚上下班路过江边,看到很多人在放孔明灯,一盏接一盏飘向对岸,风一吹就歪歪扭扭的,"
            "旁边的小朋友一直在数到底放了多少盏......")
    assert _reasons(post) == []
    teasers = "\n".join(f"第{n}期:{topic}的十个小窍门,看完你就知道..." for n, topic in
                        enumerate(["收纳", "理财", "做饭", "健身", "旅行"], 1))
    assert Reason.ELLIPSIS_LINES in _reasons(teasers)


def test_dot_runs_and_hashtags_count_as_one_symbol():
    s = quality_signals("#周末去哪儿#天气真好......出去走走吧", None)
    assert round(s["symbol_ratio"] * s["word_count"]) == 2  # the hashtag and the dot run


def test_a_post_sharing_a_link_is_kept_and_a_link_list_still_goes():
    post = ("转发一篇关于城市垃圾分类的文章,里面讲了厨余垃圾和可回收物怎么处理,写得很清楚,"
            "大家有空可以看看 http://t.cn/Ab3dE9x 原文在这里 http://t.cn/Zq8wP2k")
    assert quality_signals(normalize_text(post), None)["url_ratio"] > DEFAULT_THRESHOLDS.max_url_ratio
    assert _reasons(post) == []
    links = "\n".join(f"友情链接 http://www.site{n}.example.com/index.html" for n in range(8))
    assert Reason.TOO_MANY_URLS in _reasons(links)


def test_a_traditional_word_or_two_is_not_a_half_conversion():
    post = ("大家好,我們明天早上八点在学校大门口集合,請大家带上水和帽子,中午在山上吃午饭,"
            "下午三点左右回来,記得穿运动鞋,有事情可以在群里说一声。")
    s = quality_signals(normalize_text(post), None)
    assert s["trad_simp_mix"] > DEFAULT_THRESHOLDS.max_trad_simp_mix
    assert s["script_minority_char_count"] < DEFAULT_THRESHOLDS.min_minority_script_chars
    assert Reason.MIXED_SCRIPTS not in _reasons(post)


def test_a_short_post_naming_its_subject_and_repeating_an_emoticon_is_kept():
    post = ("希望小学今天收到了第二批捐赠的图书,希望小学的孩子们都很开心,"
            "感谢所有帮助过希望小学的朋友。[爱心][爱心][爱心][爱心][爱心]")
    s = quality_signals(normalize_text(post), None)
    assert s["top_4gram_char_frac"] > dict(DEFAULT_THRESHOLDS.max_top_ngram_char_frac_cjk)[4]
    assert _reasons(post) == []


def test_prose_with_few_stop_characters_is_kept_and_keyword_lists_still_go():
    recipe = ("【葱油拌面】面条煮熟过凉水。小葱切段,热锅放油,小火慢慢炸到葱段焦黄。"
              "加生抽、老抽、白糖熬成酱汁。拌入面条即可,喜欢辣可以加点辣椒油。")
    assert _reasons(recipe) == []
    keywords = "\n".join(["城南开锁服务 江北搬家公司 河西二手车市场 东湖装修公司",
                          "西山殡仪服务 北塘贷款公司 南湖家电维修 东城净水器售后",
                          "新区月子中心 老城皮肤病医院 开发区空调维修 高新区搬家公司"])
    assert _reasons(keywords) != []


def test_crime_news_in_the_laws_words_is_not_flagged():
    news = ("法院今天一审宣判一起强奸案,被告人因犯强奸罪被判处有期徒刑八年。"
            "法院审理查明,被告人与另外两人共同实施轮奸,依法从重处罚。")
    assert Reason.FLAGGED_WORDS not in _reasons(news)


def test_a_one_paragraph_review_is_not_judged_incoherent_on_few_sentences():
    review = ("房间比图片上小一些。早餐种类不多。前台小姑娘态度很好。停车位需要提前预约。"
              "楼下就是地铁站。隔音效果一般般。")
    assert Reason.INCOHERENT_SENTENCES not in _reasons(review)
