"""The two disjoint families of spam templates and page layouts (``A`` for dev, ``B`` for test).

A template family fixes how a hijacking site dresses its keywords: the separators of its
place-name lists, the headers of its recommendation blocks, its sitemap paths, the services its
commercial names advertise, the channel words of its short keywords, its junk-page phrasing and
its HTML layout. The two families share no string, so tuning on dev cannot learn the test
templates by heart. The words themselves (places, advertising keywords, domains, gambling names)
come from the raw material, never from here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateFamily:
    name: str
    list_seps: tuple[str, ...]  # between place names of a place-name list
    stuff_seps: tuple[str, ...]  # between keywords of a stuffing line
    related_headers: tuple[str, ...]  # recommendation-block headers
    related_suffixes: tuple[str, ...]  # what follows each recommended headline
    keyword_labels: tuple[str, ...]  # "本文关键词:" style lines
    sitemap_paths: tuple[str, ...]
    site_suffixes: tuple[str, ...]  # site names: <place><product><suffix>
    products: tuple[str, ...]  # what the hijacking sites sell (site-name middle part)
    services: tuple[str, ...]  # commercial names: <brand or place><service>
    channels: tuple[str, ...]  # short keywords: <topic><channel>
    topics: tuple[str, ...]
    gambling_suffixes: tuple[str, ...]  # <gambling brand stem><suffix>
    header_links: tuple[str, ...]  # site-name header furniture
    greetings: tuple[str, ...]  # visitor-counter / greeting junk pages ({n} = a number)
    essay_topics: tuple[str, ...]  # link lists to essay / quotation sites
    essay_kinds: tuple[str, ...]
    lottery_names: tuple[str, ...]
    charsets: tuple[str, ...]  # declared charsets of the HTML pages (utf-8 / gbk / gb18030 ...)


FAMILY_A = TemplateFamily(
    name="A",
    list_seps=("| ", "|", " "),
    stuff_seps=(" ", "  "),
    related_headers=("推荐阅读", "相关文章", "热点推荐"),
    related_suffixes=(" 【详细】", "【详细】", ""),
    keyword_labels=("本文关键词:", "关键词："),
    sitemap_paths=("/bbsitemap.htm", "/sitemap.xml", "/sitemap.html"),
    site_suffixes=("网", "信息网", "门户网"),
    products=("小产权房", "二手房", "装修", "招聘", "婚纱摄影", "家政"),
    services=("维修", "医院", "体育", "国际app", "娱乐", "网", "小额贷款", "开锁公司", "搬家公司",
              "男科医院", "空调维修", "广告公司"),
    channels=("论坛", "资讯", "在线", "之家", "社区"),
    topics=("母婴", "宠物", "创业", "汽车", "旅游", "房产", "教育", "健身", "游戏", "美容"),
    gambling_suffixes=("体育", "国际app", "娱乐", "官网"),
    header_links=("首页", "关于我们", "联系我们", "网站地图"),
    greetings=("欢迎光临本站！您是本站第{n}位访客", "今日访问量：{n}  总访问量：{m}",
               "欢迎您的到来，祝您工作顺利，身体健康！", "本站已安全运行{n}天",
               "设为首页 | 加入收藏 | 联系站长", "您是第{n}位来访者，欢迎常来！"),
    essay_topics=("我的妈妈", "春天", "难忘的一件事", "我的老师", "家乡的变化", "诚信", "梦想", "友谊"),
    essay_kinds=("作文{n}字", "作文大全", "优秀作文", "名言警句", "经典语录"),
    lottery_names=("双色球", "福彩3D", "重庆时时彩"),
    charsets=("utf-8", "gbk", "utf-8", "gb2312"),
)

FAMILY_B = TemplateFamily(
    name="B",
    list_seps=("、", "，", " / ", "_"),
    stuff_seps=("，", " - ", "_"),
    related_headers=("推荐阅读", "相关文章", "延伸阅读", "猜你喜欢", "相关推荐"),
    related_suffixes=(" [查看全文]", "（点击阅读）", " >>"),
    keyword_labels=("本文关键词:", "标签：", "Tags："),
    sitemap_paths=("/map.html", "/sitemap_index.xml", "/wzdt.html", "/sitemap.txt"),
    site_suffixes=("在线", "频道", "资讯站", "网"),
    products=("殡葬服务", "学区房", "二手车", "月嫂", "驾校", "钢结构"),
    services=("售后服务中心", "专科医院", "体育app", "官方网站", "棋牌", "网贷", "保洁公司", "婚介所",
              "驾校", "代理记账", "物流公司", "整形医院"),
    channels=("网", "频道", "大全", "吧", "热线"),
    topics=("装修", "美食", "健康", "理财", "婚嫁", "数码", "招聘", "养生", "留学", "摄影"),
    gambling_suffixes=("平台", "app下载", "官方网站", "注册"),
    header_links=("网站首页", "新闻中心", "客服中心", "站点地图"),
    greetings=("热烈欢迎各位朋友光临！当前在线{n}人", "累计访问{m}次 今日{n}次",
               "祝大家新年快乐，万事如意！", "本网站自开通以来已接待访客{m}人次",
               "收藏本站 | 繁體中文 | 手机版", "您好，欢迎来到本站，您是第{n}位客人"),
    essay_topics=("秋天的校园", "我的爸爸", "一次旅行", "感恩", "我的同桌", "勤奋", "环保", "成长"),
    essay_kinds=("作文{n}字左右", "满分作文", "作文范文", "名人名言", "励志句子"),
    lottery_names=("大乐透", "排列三", "七星彩"),
    charsets=("utf-8", "gb18030", "gbk", "utf-8"),
)

FAMILIES = {"dev": FAMILY_A, "test": FAMILY_B}


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def render_html(fam: TemplateFamily, *, charset: str, title_tag: str, h1: str, paras: list[str],
                header: list[str], footer: list[str], keywords: str | None, hidden: list[str],
                site: str, nav: list[str], layout: int, table: list[tuple[str, str]] | None = None,
                table_caption: str = "") -> str:
    """A full HTML page in the family's layout. ``paras`` are the article's <p> texts (spam
    paragraphs included: they are markup-level injections); ``header``/``footer`` are spam blocks
    rendered outside the article; ``hidden`` goes into a display:none block."""
    meta = (f'<meta charset="{charset}">' if layout % 2 == 0 else
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    kw = f'\n<meta name="keywords" content="{esc(keywords)}">' if keywords else ""
    body_p = "\n".join(f"<p>{esc(p)}</p>" for p in paras)
    if table:
        rows = "".join(f"<tr><td>{esc(c)}</td><td>{esc(n)}</td></tr>" for c, n in table)
        body_p += (f"\n<table class=\"data\"><caption>{esc(table_caption)}</caption>"
                   f"<tr><th>代码</th><th>名称</th></tr>{rows}</table>")
    hid = ("\n<div style=\"display:none\">" + "".join(f"<a href=\"/\">{esc(h)}</a>" for h in hidden)
           + "</div>") if hidden else ""
    head_html = "".join(f"<div class=\"top-line\">{esc(h)}</div>\n" for h in header)
    foot_html = "".join(f"<p class=\"links\">{esc(f)}</p>\n" for f in footer)
    navs = "".join(f"<li><a href=\"/{i}/\">{esc(n)}</a></li>" for i, n in enumerate(nav))
    if fam.name == "A":
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<title>{esc(title_tag)}</title>{kw}
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body>
<div id="header"><div class="logo"><a href="/">{esc(site)}</a></div>
<ul class="nav">{navs}</ul></div>
{head_html}<div id="main">
<div class="crumb"><a href="/">首页</a> &gt; <a href="/news/">新闻中心</a> &gt; 正文</div>
<div class="article">
<h1>{esc(h1)}</h1>
<div class="info">发布时间：2019-06-1{layout % 10} 来源：本站</div>
<div class="content">
{body_p}
</div>
</div>
{foot_html}</div>
<div id="sidebar"><h3>热门排行</h3><ul><li><a href="/a/1.html">{esc(site)}</a></li></ul></div>{hid}
<div id="footer">Copyright &copy; 2019 {esc(site)} 版权所有</div>
</body>
</html>
"""
    if layout % 3 == 2:  # old table layout of GBK-era sites
        return f"""<html>
<head>
{meta}
<title>{esc(title_tag)}</title>{kw}
</head>
<body bgcolor="#ffffff">
<table width="960" align="center"><tr><td class="banner">{esc(site)}</td></tr>
<tr><td class="menu">{" | ".join(esc(n) for n in nav)}</td></tr></table>
{head_html}<table width="960" align="center"><tr><td class="main">
<h2 class="title">{esc(h1)}</h2>
<div id="zoom">
{body_p}
</div>
{foot_html}</td></tr></table>{hid}
<table width="960" align="center"><tr><td class="bottom">{esc(site)} 主办</td></tr></table>
</body>
</html>
"""
    return f"""<!doctype html>
<html>
<head>
{meta}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title_tag)}</title>{kw}
</head>
<body class="single-post">
<header class="site-header"><a class="site-title" href="/">{esc(site)}</a>
<nav><ul>{navs}</ul></nav></header>
{head_html}<main id="primary">
<article class="post">
<h2 class="entry-title">{esc(h1)}</h2>
<div class="entry-meta"><time>2020-0{1 + layout % 9}-2{layout % 8}</time></div>
<div class="entry-content">
{body_p}
</div>
</article>
{foot_html}</main>
<aside class="widget-area"><section class="widget"><h2>最新文章</h2></section></aside>{hid}
<footer class="site-footer">&copy; {esc(site)}</footer>
</body>
</html>
"""
