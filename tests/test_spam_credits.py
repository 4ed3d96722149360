"""News credits and datelines: the article's own, never keywords or pasted sentences."""
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.credits import is_credit, leading_credit_end

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
PARA2 = "专家表示,下一步要把改造和完善社区服务结合起来,让居民住得更舒心,这项工作还将持续推进。"


def test_a_credit_or_dateline_opening_a_paragraph_is_found_with_the_spaces_after_it():
    cases = {
        "本报记者 王小明 上海报道 近日,市里召开会议": "本报记者 王小明 上海报道 ",
        "晨光体育讯记者李青报道 当地时间5月3日,主队两球取胜": "晨光体育讯记者李青报道 ",
        "新华社杭州5月3日电(记者 赵一鸣)今天上午": "新华社杭州5月3日电(记者 赵一鸣)",
        "本报讯(记者 孙悦 通讯员 钱进)昨天": "本报讯(记者 孙悦 通讯员 钱进)",
        "记者 周立 摄 图为现场": "记者 周立 摄 ",
        "本报讯 昨日,市气象台发布预报": "本报讯 ",
    }
    for line, credit in cases.items():
        assert line[:leading_credit_end(line)] == credit, line


def test_words_that_merely_contain_a_credit_word_open_no_credit():
    for line in ("记者会上,他说了三点", "通讯员说,昨天下雨", "资讯 新闻 体育 近日", "新闻资讯 财经 体育",
                 "记者王强昨天表示,他不会参加", "本报记者", "我是记者 王强 今天来了",
                 "荣成维修 楚雄开锁 临猗贷款 近日,据悉"):
        assert leading_credit_end(line) == 0, line


def test_a_closing_byline_is_a_credit_and_keywords_are_not():
    for text in ("东方日报记者 王小明 通讯员 李青", "(记者 赵一鸣)", "(新华社记者 孙悦 摄)",
                 "新华社记者钱进、周立,报道员马可罗马报道。", "记者 王小明"):
        assert is_credit(text), text
    for text in ("荣成男科医院 某某彩票网 楚雄开锁", "本报记者", "记者会上他说了很多", ""):
        assert not is_credit(text), text


def test_a_paragraph_opening_with_a_byline_between_spaces_is_not_stuffing():
    line = "本报记者 王小明 李青 上海报道 " + PARA  # four short chunks before one sentence
    text = line + "\n" + PARA2
    assert clean_text(text).text == text


def test_keywords_after_a_credit_are_still_stuffing():
    line = "本报记者 王小明 上海报道 荣成男科医院 某某彩票网 楚雄开锁 鑫达家电维修 " + PARA
    assert "某某彩票网" not in clean_text(PARA2 + "\n" + line).text


def test_a_byline_closing_the_last_paragraph_is_no_keyword_tail():
    text = PARA + "\n" + PARA2 + "东方日报记者 王小明 通讯员 李青"
    assert clean_text(text).text == text


def _sentence_of(lines, line, text):
    from pagewash.transforms.spam.coherence import Sentence

    start = lines[line].index(text)
    return Sentence(line=line, start=start, end=start + len(text), text=text, alone=text == lines[line])


def test_a_credit_sentence_or_a_credit_led_lead_is_never_a_pasted_sentence():
    from pagewash.transforms.spam.gazetteer import gazetteer
    from pagewash.transforms.spam.rules import PageState, _credit_sentence
    from pagewash.transforms.spam.vocabulary import CorpusVocabulary

    lead = "晨光体育讯记者李青报道 当地时间5月3日,主队两球取胜,取得系列赛领先。"
    lines = ["主队两球取胜", lead + PARA, PARA2, "新华社记者钱进、周立,报道员马可罗马报道。", "记者 王强 在会上说,这是第一次。"]
    page = PageState(lines=lines, gazetteer=gazetteer(), corpus=CorpusVocabulary())
    assert _credit_sentence(page, _sentence_of(lines, 1, lead))  # the first paragraph's lead
    assert _credit_sentence(page, _sentence_of(lines, 3, lines[3]))  # a closing credit
    assert not _credit_sentence(page, _sentence_of(lines, 1, PARA))  # not at the line's start
    # a credit-led sentence further down is judged like any other: no longer the article's lead
    assert not _credit_sentence(page, _sentence_of(lines, 4, lines[4]))


def test_dated_and_dashed_datelines_source_lines_and_bylines_in_any_order():
    cases = {
        "晨报网5月9日讯(东江日报记者 周明 李一 通讯员 王五 文/图)3日上午,某地": "晨报网5月9日讯(东江日报记者 周明 李一 通讯员 王五 文/图)",
        "每日网4月2日西安讯(刘一 记者 张三 实习生 李四)昨晚,一辆车": "每日网4月2日西安讯(刘一 记者 张三 实习生 李四)",
        "南方网-南方日报讯(记者 王红 通讯员 李明)6月2日上午": "南方网-南方日报讯(记者 王红 通讯员 李明)",
        "北方网(来源:晚报)5月3日信息:昨日上午": "北方网(来源:晚报)5月3日信息:",
        "东风在线5月5日讯:5月5日下午": "东风在线5月5日讯:",
        "本报讯(通讯员钱某 记者赵某某 孙某)今天凌晨": "本报讯(通讯员钱某 记者赵某某 孙某)",
    }
    for line, credit in cases.items():
        assert line[:leading_credit_end(line)] == credit, line
    # brackets without a credit word are no byline
    assert leading_credit_end("(张三 李四)昨天上午,某地") == 0


def test_a_dated_dateline_with_a_bracketed_byline_opens_no_stuffing():
    # split at its spaces, the byline is six short chunks before one sentence: stuffing to a rule
    # that does not read it as a credit
    for lead in ("每日网4月2日西安讯(刘一 记者 张三 实习生 李四 王五)",
                 "晨报网5月9日讯(东江日报记者 周明 李一 通讯员 王五 赵六 钱七 孙八 文/图)"):
        text = lead + PARA + "\n" + PARA2
        assert clean_text(text).text == text, lead


def test_a_credit_glued_after_a_text_dumps_headline_opens_the_article():
    from pagewash.transforms.spam.credits import opening_credit_end
    line = "某地新盘小幅促销 二手房业主心态分化本报讯(记者 张某 实习生 李某)来自中介门店的抽样调查显示,二手房成交量有所回升。"
    assert line[opening_credit_end(line):].startswith("来自中介门店")
    line = "某某低调接演动作新片 京郊骑马练功 驻京记者 王某某 报道 自从复出之后,他一直远离媒体视线。"
    assert line[opening_credit_end(line):].startswith("自从复出")
    # a sentence before it: no headline; and no credit at all
    assert opening_credit_end("他说得很清楚。记者 王某某 报道 自从复出之后,他一直远离媒体视线。") == 0
    assert opening_credit_end("某地新盘小幅促销 二手房成交量有所回升。") == 0


def test_an_article_line_with_its_credit_after_the_headline_and_a_related_list_loses_only_the_list():
    text = ("九成基金高管不看好债市 本报记者 王某某 张某某 债市将迎来平衡年。随着股市反弹,债市出现了相应的深幅调整。"
            "众多基金公司投资总监也纷纷为今年的债市定调,认为债市将在震荡中寻找平衡,投资者应当降低收益预期。"
            " 相关报道: 债券基金全线反弹 债券基金赚钱效应明显 债券基金:牛市基础仍在 暂时回避债券基金"
            " 老债基申赎平稳 股票基金净值普涨 货币基金盈利稳 债券基金流行限购")
    result = clean_text(text)
    assert result.text.startswith("九成基金高管不看好债市 本报记者 王某某 张某某 债市将迎来平衡年。")
    assert "相关报道" not in result.text and "投资者应当降低收益预期。" in result.text
