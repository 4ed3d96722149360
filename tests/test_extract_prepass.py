"""The markup pre-pass: each kind of removal, and what it must leave alone."""
from lxml import html as lxml_html

from pagewash.transforms.html_prepass import clean_tree, hidden_keywords

ARTICLE = ("<div class='article-content'>"
           "<p>市交通运输局表示，新开通的三条公交线路将于下周一起正式运营，沿线设站二十二个。</p>"
           "<p>线路开通前，工作人员开展了为期两个月的出行需求调查，共收集居民意见一千三百余条。</p>"
           "<p>市民可通过手机应用实时查询车辆到站信息，高峰时段发车间隔不超过八分钟。</p></div>")


def cleaned(body: str, head: str = ""):
    tree = lxml_html.fromstring(f"<html><head>{head}</head><body><h1>新开通三条公交线路</h1>{body}</body></html>")
    result = clean_tree(tree)
    return " ".join(tree.text_content().split()), result


def test_hidden_by_inline_style_attribute_and_font_size():
    for hidden in ('<div style="display:none">小产权房 代开发票</div>',
                   '<div style="VISIBILITY: hidden">小产权房 代开发票</div>',
                   '<div hidden>小产权房 代开发票</div>',
                   '<p><span style="font-size:0px">小产权房 代开发票</span></p>',
                   '<font size="0">小产权房 代开发票</font>',
                   '<div style="position:absolute; left:-9999px">小产权房 代开发票</div>',
                   '<div style="height:0;overflow:hidden">小产权房 代开发票</div>'):
        text, result = cleaned(ARTICLE + hidden)
        assert "小产权房" not in text, hidden
        assert "高峰时段发车间隔" in text
        assert result.removed["html_hidden"] > 0
        assert hidden_keywords(result) == ["小产权房", "代开发票"]


def test_hidden_by_the_pages_own_css_but_not_by_a_media_query():
    head = "<style>.kw9{display:none} @media (max-width:600px){.mobile{display:none}}</style>"
    text, _ = cleaned(ARTICLE + '<div class="kw9">股票配资平台</div><div class="mobile">移动端提示文字</div>', head)
    assert "股票配资平台" not in text
    assert "移动端提示文字" in text


def test_hidden_block_holding_the_article_is_kept():
    text, _ = cleaned(f'<div style="display:none">{ARTICLE}</div>')
    assert "高峰时段发车间隔" in text


def test_place_name_link_farm_and_sitemap_footer():
    farm = "<div class='b7'>" + " | ".join(f"<a href='/c/{i}'>{p}小产权房</a>" for i, p in
                                          enumerate(["荣成", "楚雄", "麦积", "丹江口", "茶陵", "高州"])) + "</div>"
    sitemap = "<div class='ft'><a href='/map'>网站地图</a> <a href='/a.xml'>bbsitemap.xml</a> <a href='/b'>sitemap1</a> " \
              "<a href='/c'>xmlsitemap</a> <a href='/d'>whr8.cc</a></div>"
    text, result = cleaned(ARTICLE + farm + sitemap)
    assert "楚雄" not in text and "bbsitemap" not in text
    assert "一千三百余条" in text
    assert result.removed["html_link_farm"] > 0


def test_paragraph_with_links_is_not_a_link_farm():
    para = ("<div class='x'><p>据<a href='/a'>市交通运输局</a>介绍，<a href='/b'>126路</a>从城东客运站发车，"
            "途经<a href='/c'>滨河路</a>、<a href='/d'>学府大道</a>，终点为<a href='/e'>市第二人民医院</a>。"
            "全程约十四公里，首末班时间为六时至二十一时。沿线居民出行将更加方便。</p></div>")
    text, _ = cleaned(para)
    assert "滨河路" in text and "首末班时间" in text


def test_boxes_named_by_class_or_id():
    boxes = ("<div class='related-news'><a href='/1'>多地出台措施促进夜间消费</a></div>"
             "<div id='comment_box'><p>支持！早就该这样做了，点赞。</p></div>"
             "<div class='bdshare'>分享到 微博 微信</div>")
    text, result = cleaned(ARTICLE + boxes)
    assert "夜间消费" not in text and "点赞" not in text and "微博" not in text
    assert result.removed["html_comments"] > 0 and result.removed["html_related"] > 0


def test_box_class_on_the_article_body_does_not_remove_it():
    text, _ = cleaned(ARTICLE.replace("article-content", "js_img_share_area artical_real"))
    assert "高峰时段发车间隔" in text


def test_heading_slug_ids_are_not_box_names():
    text, _ = cleaned(ARTICLE + "<div id='sharing-with-a-single-developer'><p>This section explains how "
                      "two computers share one repository. It is part of the article.</p></div>")
    assert "two computers share" in text


def test_boxes_headed_by_their_title():
    boxes = ("<div class='m3'><div class='tit'><h3>推荐阅读</h3></div><ul><li><a href='/1'>暑期文旅市场持续升温</a></li>"
             "<li><a href='/2'>新能源汽车下乡活动启动</a></li></ul></div>"
             "<div class='m4'><h2>网友评论</h2><div><p>请问具体从什么时候开始执行？有没有详细的时间表？</p></div></div>"
             "<div class='m5'><h3>Related Stories</h3><ul><li><a href='/3'>Farmers market returns</a></li></ul></div>")
    text, result = cleaned(ARTICLE + boxes)
    for gone in ("推荐阅读", "暑期文旅", "网友评论", "时间表", "Farmers market"):
        assert gone not in text
    assert "高峰时段发车间隔" in text


def test_a_heading_that_is_a_lists_first_item_takes_the_items_after_it():
    box = ("<ul class='side'><li>精彩推荐</li><li>维生素片吃太多会怎么样?_有问必答</li>"
           "<li>连续剧哪个版本好看</li><li>账号邮箱都忘了怎么办</li></ul>")
    text, result = cleaned(ARTICLE + box)
    for gone in ("精彩推荐", "维生素片", "连续剧", "账号邮箱"):
        assert gone not in text
    assert "高峰时段发车间隔" in text and result.removed["html_related"] > 0


def test_heading_inside_the_article_takes_only_what_follows_it():
    body = ARTICLE.replace("</div>", "<p><strong>相关新闻</strong></p><ul><li><a href='/1'>老旧小区改造项目陆续开工</a>"
                                     "</li></ul></div>")
    text, _ = cleaned(body)
    assert "老旧小区" not in text and "相关新闻" not in text
    assert "市交通运输局表示" in text


def test_scripts_styles_forms_and_navigation():
    body = ("<nav><a href='/'>首页</a><a href='/n'>新闻</a></nav><script>var tracker = 1;</script>"
            "<style>.a{color:red}</style><form action='/s'><input name='q'><button>搜索</button></form>" + ARTICLE)
    text, _ = cleaned(body)
    for gone in ("首页", "tracker", "color:red", "搜索"):
        assert gone not in text


def test_form_wrapping_the_whole_page_is_kept():
    text, _ = cleaned(f"<form id='form1' action='./content.aspx'><input type='hidden' value='x'>{ARTICLE}</form>")
    assert "高峰时段发车间隔" in text


def test_layout_table_becomes_blocks_but_data_table_stays():
    tree = lxml_html.fromstring(
        "<html><body><table><tr><td>站点导航</td></tr><tr><td>" + ARTICLE +
        "<table><tr><td>序号</td><td>农场名称</td></tr><tr><td>1</td><td>建国家庭农场</td></tr></table>"
        "</td></tr></table></body></html>")
    clean_tree(tree)
    tables = tree.findall(".//table")
    assert len(tables) == 1 and "建国家庭农场" in tables[0].text_content()


def test_editor_credit_breadcrumb_and_dateline():
    body = ("<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; 正文</div>"
            "<div class='info'>2024-03-18 09:30 来源：江城日报</div>" + ARTICLE +
            "<div class='edit'>（责任编辑：王晓明）</div>")
    text, result = cleaned(body)
    assert "当前位置" not in text and "来源" not in text and "责任编辑" not in text
    assert result.editors == ["王晓明"]


def test_deeply_nested_markup_is_walked_without_recursion():
    depth = 240  # libxml2 keeps 256 levels; every walk of the pre-pass is iterative anyway
    tree = lxml_html.fromstring("<html><body>" + "<div>" * depth + ARTICLE + "</div>" * depth + "</body></html>")
    clean_tree(tree)
    assert "高峰时段发车间隔" in tree.text_content()


def test_rules_around_a_position_are_the_rules_the_rule_pattern_finds_there():
    import bisect
    import random

    from pagewash.transforms.html_prepass import _CSS_RULE, _rules_around

    def by_pattern(css, positions):
        for rule in _CSS_RULE.finditer(css):
            start, end = rule.span(2)
            first = bisect.bisect_left(positions, start)
            if first < len(positions) and positions[first] < end:
                yield rule.group(1), rule.group(2)

    sheets = [".a{display:none}", "x{y{z:none}", "{a:none}", "a{}b{c:0}", "}a{b:-1}{", ".a,.b {top:-9999px}\n#c{}",
              "a{b:none}}{c{d:0}"]
    rng = random.Random(13)
    sheets += ["".join(rng.choice("ab{}:; -n0") for _ in range(rng.randrange(40))) for _ in range(3000)]
    for css in sheets:
        every = list(range(len(css)))
        assert list(_rules_around(css, every)) == list(by_pattern(css, every)), css
        colons = [i for i, c in enumerate(css) if c == ":"]
        assert list(_rules_around(css, colons)) == list(by_pattern(css, colons)), css


def test_heading_key_of_a_flat_text_is_the_heading_key():
    from pagewash.transforms.html_prepass import _flat, _flat_heading_key, _heading_key

    for text in ("网友评论", "\u3000相关\u200b新闻 （12） >>", "Related Stories", "Comments\u00ad (3)", "热门推荐 更多»",
                 "ｃｏｍｍｅｎｔｓ", "Leave a Reply", "  ", "猜你喜欢\u200d", "第1条 评论"):
        assert _flat_heading_key(_flat(text)) == _heading_key(_flat(text)) == _heading_key(text), text


def test_hidden_text_past_the_kept_limit_is_still_counted():
    from pagewash.transforms.html_prepass import MAX_HIDDEN_TEXT_CHARS, _word_len
    from pagewash.transforms.normalize import normalize_inline

    blocks = ["股票配资" * 400, "代开发票，小产权房" * 300, "ｆｕｌｌ　ｗｉｄｔｈ ＡＢＣ" * 50, "plain ascii words " * 60]
    text, result = cleaned(ARTICLE + "".join(f'<div style="display:none">{b}</div>' for b in blocks))
    assert "高峰时段发车间隔" in text and "股票配资" not in text
    assert result.removed["html_hidden"] == sum(_word_len(normalize_inline(b)) for b in blocks)
    assert sum(len(t) for t in result.hidden_text) == MAX_HIDDEN_TEXT_CHARS


def test_hidden_selectors_are_those_of_every_rule_the_hiding_pattern_matches():
    from pagewash.transforms.html_prepass import (_CSS_MEDIA, _CSS_RULE, _HIDDEN_STYLE, _SIMPLE_SELECTOR,
                                                  _hidden_selectors)

    def every_rule(css):
        classes, ids = set(), set()
        for rule in _CSS_RULE.finditer(css):
            if _HIDDEN_STYLE.search(rule.group(2)):
                for selector in rule.group(1).split(","):
                    match = _SIMPLE_SELECTOR.match(selector.strip())
                    if match:
                        (classes if match.group(1) == "." else ids).add(match.group(2).lower())
        return classes, ids

    sheets = [".a{margin:0;padding:0}.b{DISPLAY : none}#c{top:-9999px}.d{margin-left: -1200px}",
              ".e{opacity:0}.f{font-size:0px}.g{visibility:\n hidden}.h{text-indent:-5000em}.i{height:0}",
              ".j{color:red}.k{left:-10px}.l{margin-top:-2000px;}", ".m{\u212aey:0}.n{di\u017fplay:none}.r{font-\u017fize:0}",
              "@media print{.o{display:none}} .p{display:none}", ".q{display:block}{display:none}"]
    for css in sheets:
        tree = lxml_html.fromstring(f"<html><head><style>{css}</style></head><body><p>x</p></body></html>")
        assert _hidden_selectors(tree) == every_rule(_CSS_MEDIA.sub(" ", tree.find(".//style").text)), css
    assert _hidden_selectors(lxml_html.fromstring(f"<html><head><style>{sheets[0]}</style></head></html>")) == (
        {"b", "d"}, {"c"})


MENU = ("<header><nav class='menu'><div class='bar'><ul>"
        + "".join(f"<li><a href='/c/{i}'>{w}</a></li>" for i, w in enumerate(["首页", "新闻", "财经", "体育", "汽车", "房产"]))
        + "</ul><div class='search'><script>var q = '搜索框脚本里的一段很长的文字。' + '再来一句。';</script>")


def test_page_swallowed_by_a_navigation_element_keeps_its_article():
    # the menu leaves a <div> open: libxml2 then ignores </nav> and </header>, and the whole page
    # ends up inside the <nav>
    long_article = ARTICLE.replace("</div>", "<p>" + "新线路开通后将根据客流变化适时调整发车班次，市民出行更加方便。" * 12 + "</p></div>")
    text, result = cleaned(MENU + "</nav></header>" + long_article)
    assert "高峰时段发车间隔" in text and "适时调整发车班次" in text
    assert "搜索框脚本" not in text and "汽车" not in text  # its script and its menu still go
    assert "html_navigation" not in result.removed


def test_ordinary_navigation_element_is_removed():
    text, result = cleaned(MENU + "</div></div></nav></header>" + ARTICLE)
    assert "汽车" not in text and "搜索框脚本" not in text
    assert "高峰时段发车间隔" in text
    assert result.removed["html_navigation"] > 0
