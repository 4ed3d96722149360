"""A betting site's own sentences pasted into an article (its terms, its agents' rules, its help on
deposits), judged by the register scorer of ``betting_text`` against the page around them.
Every string here is written for the test."""
import math

from pagewash.transforms.record import Reason
from pagewash.transforms.spam import clean_text, rules
from pagewash.transforms.spam.betting_text import model, sentence_features
from pagewash.transforms.spam.clean import prepare_page

ARTICLE = [
    "女工的抗争",
    "那么,工人代表的选举究竟做到了几分?她用自己的经历揭露了实际情况的冰山一角。",
    "在这里,所有泛泛的批评都抵不过这样一个现实,工人们最迫切的需求是按时拿到工资。",
    "这些批评家看不到发展背后的辛苦,想不到工厂里的每一份收入都来自漫长的加班。",
    "支持她的工人们都看清了这一点,他们知道推举这样一个代表对自己意味着什么。",
    "厂方后来答应重新核算加班费,并在月底之前补发拖欠的部分。",
]
TERMS = "本公司保留在任何时间修改条款的权利,会员的存款与投注记录以本公司系统为准。"


def test_features_are_characters_pairs_and_folded_latin_tokens_counted():
    assert sorted(sentence_features("登录APP 2018版")) == sorted(
        ["c:登", "c:录", "b:登录", "w:app", "w:0000", "c:版"])
    # each as often as it occurs; no pair across a character that is not Han
    feats = sentence_features("会员,会员")
    assert feats.count("c:会") == 2 and feats.count("b:会员") == 2 and "b:员会" not in feats


def test_the_fast_score_is_the_model_over_the_features():
    scorer = model()
    for sentence in [TERMS, *ARTICLE, "登录APP 2018版,会员,会员"]:
        z = scorer.bias + sum(scorer.weight(f) for f in sentence_features(sentence))
        assert abs(scorer.probability(sentence) - 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))) < 1e-12


def test_the_scorer_reads_a_sites_terms_as_such_and_an_article_sentence_as_none():
    scorer = model()
    assert scorer.probability(TERMS) >= scorer.threshold
    assert all(scorer.probability(line) < 0.5 for line in ARTICLE[1:])


def betting_cut(lines):
    """The page after the betting-sentence rule alone, and its cuts."""
    page, _title = prepare_page("\n".join(lines))
    rules.drop_betting_sentences(page)
    return page.text(), page.removals()


def test_a_betting_sites_terms_pasted_into_an_article_go_with_their_evidence():
    text, removals = betting_cut(ARTICLE[:3] + [TERMS] + ARTICLE[3:])
    assert text == "\n".join(ARTICLE)
    [removal] = removals
    assert removal.reason == Reason.PASTED_SENTENCE
    assert removal.evidence["detector"] == "betting_text"
    assert removal.evidence["probability"] >= removal.evidence["threshold"]
    assert removal.evidence["features"] and removal.evidence["overlap"] <= rules.MAX_BETTING_SENTENCE_OVERLAP
    # the whole cleaning takes it too (here the pasted-sentence detector, which runs first)
    assert clean_text("\n".join(ARTICLE[:3] + [TERMS] + ARTICLE[3:])).text == "\n".join(ARTICLE)


def test_a_report_on_gambling_keeps_the_terms_it_quotes():
    report = ARTICLE[:3] + ["警方查明,该团伙在境外开设赌博网站,发展下线会员数千人。"] + ARTICLE[3:]
    lines = report[:2] + [TERMS] + report[2:]
    assert betting_cut(lines) == ("\n".join(lines), [])


def test_quoted_speech_and_a_page_of_such_text_stay():
    quoted = "“本公司保留在任何时间修改条款的权利,会员的存款与投注记录以本公司系统为准。”"
    lines = ARTICLE[:3] + [quoted] + ARTICLE[3:]
    assert betting_cut(lines) == ("\n".join(lines), [])
    # the betting site's own page: too little article beside its terms (the quality stage judges it)
    site = [ARTICLE[0], TERMS, "会员须年满十八周岁,每个会员只能拥有一个账户,本公司有权冻结违规账户的投注。", ARTICLE[1]]
    assert betting_cut(site) == ("\n".join(site), [])


def test_a_sentence_on_the_articles_own_topic_stays():
    # an article on a platform's account rules shares the rule's wording: no pasted text
    article = ["平台账户新规", "从下月起,平台将对会员账户的存款和提现记录进行核查,核查期间账户不能转账。",
               "平台表示,会员账户的存款记录核查是为了防范盗刷,核查一般在三个工作日内完成。",
               "不少会员对核查表示理解,也有会员担心提现会因此变慢。", "平台客服称,核查不影响会员的正常消费。",
               "业内人士认为,加强账户管理有助于保护用户的资金安全。"]
    rule = "会员账户的存款与提现记录以平台系统为准,本平台保留修改条款的权利。"
    lines = article[:3] + [rule] + article[3:]
    assert betting_cut(lines) == ("\n".join(lines), [])


def test_the_shipped_model_names_its_sources_and_never_read_a_frozen_parts_site():
    import json
    from importlib import resources

    from pagewash.transforms.spam.sources import TRAINED_MODELS

    info = TRAINED_MODELS["betting_text"]
    assert info["trained_by"] == "tools/train_betting_text_model.py"
    raw = json.loads(resources.files("pagewash.transforms.spam").joinpath("data", "betting_text_model.json")
                     .read_text("utf-8"))
    assert raw["threshold"] == model().threshold and raw["measured"]["held_out_betting_recall"]
    # the frozen parts' gambling sites (tools/evalset/README.md) are neither trained nor measured on
    assert not {"venture", "gamedice", "lbhelp", "leadsurf"} & set(raw["betting_sources"])
