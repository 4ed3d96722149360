"""Article extraction: metadata, text clean-up, fallback, encodings, robustness, the Beam stage."""

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pagewash.pipeline.options import IN_PROCESS_RUNNER
from pagewash.transforms.decode import decode_page
from pagewash.transforms import extract as extract_module
from pagewash.transforms.extract import (ExtractSettings, clean_article_text, extract_article, extract_page, parse_html,
                                        restored_lines)
from pagewash.transforms.extract_limits import ExtractArticles
from pagewash.transforms.normalize import normalize_text
from pagewash.transforms.record import Doc, Kind, Reason, Rejected

PARAS = [
    "本报讯 记者从市交通运输局获悉，为解决城东新区居民出行难问题，市区将于3月25日起新开通三条公交线路。",
    "据介绍，126路从城东客运站发车，途经滨河路、学府大道，终点为市第二人民医院，全程约14公里。",
    "138路为社区微循环线路，主要服务城东新区内部的8个居民小区、3所学校和1个农贸市场，票价1元。",
    "市交通运输局相关负责人表示，线路开通前，工作人员在城东新区开展了为期两个月的出行需求调查。",
    "新线路开通后将根据客流变化适时调整发车班次，市民可通过手机应用实时查询车辆到站信息。",
]

NP = [normalize_text(p) for p in PARAS]  # as they come out: NFKC folds full-width punctuation


def page(body_extra: str = "", head_extra: str = "", title: str = "市区新增三条公交线路_江城日报网",
         paras=PARAS, lang: str = "zh-CN", tail: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head_extra}'
            '<meta property="og:site_name" content="江城日报网">'
            '<link rel="canonical" href="https://www.jcnews.example/news/1.html"></head><body>'
            '<div class="nav"><a href="/">首页</a><a href="/n">新闻</a><a href="/g">国内</a><a href="/i">国际</a>'
            '<a href="/f">财经</a><a href="/s">体育</a></div>'
            '<h1>市区新增三条公交线路</h1><div class="info">2024-03-18 09:30 来源：江城日报</div>'
            f'<div class="article-content">{ps}{body_extra}</div>{tail}</body></html>')


def extract(html: str, settings: ExtractSettings = ExtractSettings()) -> Doc:
    result = extract_page(Doc(id="p", source="s", kind=Kind.HTML, html=html), settings)
    assert isinstance(result, Doc), result
    return result


def test_metadata_fields():
    doc = extract(page())
    assert doc.title == "市区新增三条公交线路"
    assert doc.published == "2024-03-18"
    assert doc.site_name == "江城日报网"
    assert doc.meta["canonical_url"] == "https://www.jcnews.example/news/1.html"
    assert doc.meta["html_lang"] == "zh-cn"
    assert doc.text.split("\n")[0] == NP[0]  # the headline is metadata, not the first line


def test_language_hint_from_content_language_meta():
    html = page(lang="").replace('<html lang="">', "<html>").replace(
        "<head>", '<head><meta http-equiv="Content-Language" content="zh_CN">')
    assert extract(html).meta["html_lang"] == "zh-cn"


def test_stuffed_title_is_not_the_title_and_feeds_the_spam_vocabulary():
    html = page(title="信用卡套现_小产权房_深圳小产权房_东莞小产权房出售",
                head_extra='<meta name="keywords" content="小产权房,深圳小产权房,代开发票,办证刻章,股票配资平台,网赚项目,减肥药批发,二手房急售">',
                body_extra='<div style="display:none">澳门赌场 网上娱乐平台</div>')
    doc = extract(html)
    assert doc.title == "市区新增三条公交线路"
    vocabulary = doc.markup_keywords
    for word in ("信用卡套现", "东莞小产权房出售", "代开发票", "减肥药批发", "澳门赌场", "网上娱乐平台"):
        assert word in vocabulary
    assert "澳门赌场" not in doc.text


def test_ordinary_title_and_keywords_give_no_spam_vocabulary():
    doc = extract(page(head_extra='<meta name="keywords" content="公交线路,城东新区">'))
    assert doc.markup_keywords == () and "markup_keywords" not in doc.meta


def test_spam_vocabulary_is_bounded():
    hidden = '<div style="display:none">' + " ".join(f"关键词{i:05d}" for i in range(20000)) + "</div>"
    doc = extract(page(body_extra=hidden))
    assert 0 < sum(len(keyword) + 1 for keyword in doc.markup_keywords) <= 2000


def test_editor_credit_inside_the_body_becomes_metadata():
    paras = PARAS[:-1] + [PARAS[-1] + "（责任编辑：张伟）"]
    doc = extract(page(paras=paras))
    assert "责任编辑" not in doc.text and "张伟" not in doc.text
    assert doc.text.endswith("实时查询车辆到站信息。")
    assert doc.meta["editor"] == "张伟"


def test_editor_credit_block_becomes_metadata():
    doc = extract(page(body_extra="<p class='show_author'>【责任编辑：宋心蕊、赵光霞】</p>"))
    assert "责任编辑" not in doc.text
    assert doc.meta["editor"] == "宋心蕊、赵光霞"


def test_comment_section_never_reaches_the_text_even_with_trafilatura_comments_on():
    comments = ("<div class='box-7'><h2>网友评论</h2><div><p>这条新闻说的情况我们小区也有，希望相关部门早点解决。</p>"
                "</div><div><p>支持！早就该这样做了，点赞。</p></div></div>")
    for settings in (ExtractSettings(), ExtractSettings(include_comments=True)):
        doc = extract(page(tail=comments), settings)
        assert "网友评论" not in doc.text and "点赞" not in doc.text


def test_leaked_comment_heading_cuts_the_rest_of_the_text():
    text, _, removed = clean_article_text("\n".join(PARAS + ["网友评论", "支持！早就该这样做了。"]), None)
    assert text == "\n".join(NP)
    assert removed["comments"] > 0


def test_raw_urls_go_unless_part_of_a_sentence():
    sentence = ("More information about volunteering is available at https://www.rivertonschools.example/garden, "
                "where the program posts its weekly schedule.")
    text, _, removed = clean_article_text("\n".join([
        PARAS[0], "原文链接：http://www.jcnews.example/c/2024/19/content_9019.html", sentence,
        "whr8.cc/bbsitemap.xml", "Source: https://www.valleycourier.example/2024/02/story-9002/"]), None)
    assert text.split("\n") == [NP[0], sentence]
    assert removed["raw_url"] > 0


def test_headline_set_over_the_first_lines_is_removed():
    headline = "市政府关于调整城东新区公交线路和票价的通知"
    text, _, _ = clean_article_text("\n".join(["市政府关于调整城东新区", "公交线路和票价的通知"] + PARAS[:2]), headline)
    assert text.split("\n") == NP[:2]
    # lines that only begin like the headline stay
    text, _, _ = clean_article_text("\n".join(["市政府关于调整", PARAS[0]]), headline)
    assert text.split("\n") == [normalize_text("市政府关于调整"), NP[0]]


def test_url_in_a_chinese_sentence_is_kept():
    line = "铁路部门提醒广大旅客，请通过铁路12306官方网站(www.12306.cn)和客户端购票，避免非正常渠道购票带来的风险。"
    assert clean_article_text(line, None)[0] == normalize_text(line)


def test_densest_block_fallback_when_trafilatura_returns_a_fragment():
    # one short paragraph in its own container, then the story as <br>-separated text in a table
    # cell with no paragraph markup: trafilatura keeps the fragment, the densest block is the story
    story = "<br>".join(PARAS * 3)
    html = ("<html><head><title>t</title></head><body><div><p>导读：本文约三分钟。</p></div>"
            f"<table><tr><td>{story}</td></tr></table></body></html>")
    doc = extract(html)
    assert NP[2] in doc.text
    assert doc.meta["extraction"] in ("densest_block", "trafilatura")
    only_fragment = extract(html, ExtractSettings(min_fallback_chars=10**9))
    assert len(doc.text) >= len(only_fragment.text)


def test_fallback_is_used_when_trafilatura_finds_nothing():
    html = "<html><body><div>" + "".join(f"<span>{p}</span>" for p in PARAS) + "</div></body></html>"
    doc = extract(html)
    assert NP[3][:20] in doc.text


def test_article_after_an_early_closing_html_tag_is_extracted():
    # a header include that ends the document: browsers show what follows in the body
    header = '<div class="top"><a href="/">首页</a></div></body></html><!-- end of the header include -->'
    html = page().replace('<div class="nav">', header + '<div class="nav">', 1)
    doc = extract(html)
    assert NP[1] in doc.text and NP[4] in doc.text and doc.title == "市区新增三条公交线路"


def test_content_after_the_closing_tags_stays_in_the_body():
    from pagewash.transforms.extract import parse_html

    tree = parse_html("<html><body><p>" + PARAS[0] + "</p></body></html><p>" + PARAS[1] + "</p>")
    assert [p.text for p in tree.find("body").iter("p")] == PARAS[:2]


def test_page_saved_without_an_html_element_is_extracted():
    # a crawl dump wraps each page in an element of its own, with no <html> around the markup
    body = page().split("<body>", 1)[1].split("</body>", 1)[0]
    html = f'<text id="https://www.jcnews.example/news/1.html" title="市区新增三条公交线路"><div>{body}</div></text>'
    doc = extract(html)
    assert NP[1] in doc.text and NP[4] in doc.text


def test_plain_text_that_is_not_markup_gives_no_tree():
    from pagewash.transforms.extract import parse_html

    assert parse_html(PARAS[0]) is None
    assert parse_html("<b>" + PARAS[0] + "</b>") is None


def test_gbk_page_decoded_like_the_pipeline():
    data = page().replace('charset="utf-8"', 'charset="gbk"').encode("gbk")
    decoded = decode_page(Doc(id="g", source="s", kind=Kind.HTML, content=data))
    assert decoded.meta["charset"] == "gb18030"
    doc = extract_page(decoded)
    assert NP[1] in doc.text and doc.title == "市区新增三条公交线路"


def test_page_without_text_is_rejected():
    result = extract_page(Doc(id="e", source="s", kind=Kind.HTML, html="<html><body><script>x</script></body></html>"))
    assert isinstance(result, Rejected) and result.reason == Reason.NO_TEXT


def test_malformed_and_deep_markup_do_not_crash():
    for html in ("<html><body><p>未闭合的段落<div><table><tr><td>单元格" + PARAS[0],
                 "<div>" * 20000 + PARAS[0] + "</div>" * 20000,
                 "\x00\x01<<<>>>&&&;",
                 ""):
        result = extract_page(Doc(id="m", source="s", kind=Kind.HTML, html=html))
        assert isinstance(result, (Doc, Rejected))


def test_large_page_skips_trafilatura_for_the_densest_block(monkeypatch):
    # trafilatura's time grows faster than linearly with the element count; a page over
    # max_tree_elements must never reach it (checked by the path taken, not by a clock).
    filler = "".join(f"<div class='item'><a href='/n/{i}'>链接{i}</a><span>说明文字{i}</span></div>" for i in range(50000))
    html = page(tail=filler)
    assert len(html) > 2_000_000

    def trafilatura_called(*args, **kwargs):
        raise AssertionError("trafilatura ran on a page over max_tree_elements")

    monkeypatch.setattr(extract_module, "_trafilatura_text", trafilatura_called)
    doc = extract(html)
    assert doc.meta["extraction"] == "densest_block"
    assert NP[2] in doc.text


def test_text_pages_pass_through():
    doc = Doc(id="t", source="s", kind=Kind.TEXT, text="纯文本")
    assert extract_page(doc) is doc


def test_beam_stage_outputs_docs_and_rejections():
    docs = [Doc(id="a", source="s", kind=Kind.HTML, html=page()),
            Doc(id="b", source="s", kind=Kind.HTML, html="<html><body></body></html>")]
    with TestPipeline(runner=IN_PROCESS_RUNNER, options=PipelineOptions([])) as p:
        out = p | beam.Create(docs) | ExtractArticles()
        assert_that(out.docs | "Titles" >> beam.Map(lambda d: (d.id, d.title)),
                    equal_to([("a", "市区新增三条公交线路")]), label="docs")
        assert_that(out.rejected | "Reasons" >> beam.Map(lambda r: (r.id, r.reason)),
                    equal_to([("b", Reason.NO_TEXT)]), label="rejected")


def test_metadata_fields_equal_trafilaturas_own(tmp_path):
    import glob
    import os

    from trafilatura.metadata import extract_metadata

    from pagewash.transforms.decode import decode_bytes
    from pagewash.transforms.extract import parse_html, trafilatura_metadata

    pages = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "fixtures", "html_dev", "pages", "*")))
    assert pages
    for path in pages:
        with open(path, "rb") as f:
            html = decode_bytes(f.read()).text
        url = "https://example.com/news/1.html"
        ours, theirs = trafilatura_metadata(parse_html(html), url), extract_metadata(parse_html(html), url, None, False)
        assert (ours.title, ours.date, ours.sitename, ours.url) == \
            (theirs.title, theirs.date, theirs.sitename, theirs.url), path


def test_full_path_test_sends_short_and_thin_results_to_the_full_path():
    from pagewash.transforms.extract import ExtractSettings, needs_full_path

    settings = ExtractSettings()
    assert needs_full_path("短" * 100, "短" * 200, settings)  # under full_path_min_chars
    assert needs_full_path("a" * 1000, "a" * 10000, settings)  # 10 % of the page's visible text
    assert not needs_full_path("a" * 1000, "a" * 2000, settings)


def test_page_dates_do_not_depend_on_the_day_of_the_run():
    # htmldate bounds dates by today's date unless told otherwise: a 2031 date would be dropped
    # today and kept in 2031; with the fixed bound it is the same on any day
    from pagewash.transforms.extract import parse_html, trafilatura_metadata

    html = ("<html><head><meta property='article:published_time' content='2031-05-04'></head>"
            "<body><article><p>" + "Text of the article. " * 40 + "</p></article></body></html>")
    metadata = trafilatura_metadata(parse_html(html), None)
    assert metadata.date is not None and metadata.date.startswith("2031-05-04")

_ROWS = (("530302", "麒麟区"), ("530303", "沾益区"), ("530321", "马龙县"), ("530322", "陆良县"), ("530323", "师宗县"),
         ("530324", "罗平县"), ("530325", "富源县"), ("530326", "会泽县"), ("530381", "宣威市"))
# a table of codes and names in <p> rows inside an <article>: trafilatura's fallback joins it into one line
TABLE_PAGE = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>某市县级行政区划代码</title></head>\n"
              "<body>\n<header class=\"blog-head\"></header>\n<article><h2 class=\"post-title\">某市县级行政区划代码</h2>\n"
              "<div class=\"post-content\">\n<p>某省某市现辖9个县级行政区，其统计用区划代码如下。</p>\n"
              + "".join(f"<p>{code}\u3000{name}</p>\n" for code, name in _ROWS)
              + "</div></article>\n<aside class=\"widget\"></aside>\n<footer></footer>\n</body>\n</html>")


def test_an_article_trafilatura_gives_as_one_line_keeps_its_rows(monkeypatch):
    article = extract_article(TABLE_PAGE, None, ExtractSettings())
    assert article is not None
    lines = article.text.split("\n")
    assert "530302 麒麟区" in lines and "530381 宣威市" in lines
    # without the restoration the page is one line (trafilatura's fallback): the case is real
    monkeypatch.setattr(extract_module, "restored_lines", lambda tree, text: text)
    assert "\n" not in extract_article(TABLE_PAGE, None, ExtractSettings()).text


def test_lines_are_restored_only_when_the_characters_are_the_same():
    tree = parse_html("<html><body><article><p>第一段。</p><p>第二段。</p></article></body></html>")
    assert restored_lines(tree, "第一段。 第二段。") == "第一段。\n第二段。"
    assert restored_lines(tree, "第一段。 第三段。") == "第一段。 第三段。"  # other text: left as it is
    assert restored_lines(tree, "第一段。\n第二段。") == "第一段。\n第二段。"
