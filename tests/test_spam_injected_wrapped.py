"""Injected names at a clause start set apart by spaces or brackets after a comma, and the
precision guards of the comma-segment detectors on an author's own clauses.
Every string here is written for the test."""
import pytest

from pagewash.transforms.spam.gazetteer import gazetteer
from pagewash.transforms.spam.injected import InjectedSegmentFinder, clause_character, commercial_head
from pagewash.transforms.spam.lexicon import lexicon


def hits(line, page_text=None, spam_page=False):
    finder = InjectedSegmentFinder(lexicon(), gazetteer(), page_text or line, spam_page)
    return [(line[h.start:h.end], h.evidence["detector"]) for h in finder.find(line)]


@pytest.mark.parametrize("line", [
    "昨天傍晚突然发高烧,直接到县中心医院,挂了急诊才退烧。",  # 到/v between words jieba knows
    "手机用了三天就黑屏,打华硕售后服务,对方让我寄回去。",  # 打/v opens the clause
    "收到的耳机有杂音,拿去售后,说要等两周。",  # two verbs in a row
    "房子还没交付,开发商要贷款,业主们很担心。",  # 要/v between two words
    "毕业那年,上到大学,才知道自己有多无知。",  # 上 到: a clause that ends in a place
    "这次展览形式多样,内容丰富多彩,吸引了不少市民。",  # 彩 inside an idiom is no betting head
    "这款锅的涂层很好,非常容易清洗,推荐购买。",  # an adverbial phrase is no brand
])
def test_an_authors_clause_between_commas_stays(line):
    assert hits(line) == []


def test_a_name_jieba_cuts_into_characters_is_still_a_name():
    assert hits("这条河发源于山区,鑫达家电维修,全长一百余公里。") == [(",鑫达家电维修", "pos_np")]


def test_clause_character_reads_single_characters_in_context():
    lex = lexicon()
    assert clause_character(lex.tagged("直接到三峡"))  # 到/v between two words
    assert not clause_character(lex.tagged("鑫达家电"))  # 鑫/nr 达/v: an unknown name
    # before a betting head any run of single characters names a site
    assert clause_character(lex.tagged("兴胜")) and not clause_character(lex.tagged("兴胜"), runs_name=True)


def test_no_head_is_found_inside_an_idiom():
    lex = lexicon()
    assert commercial_head("系统丰富多彩", lex.tagged("系统丰富多彩"), lex.zipf) is None
