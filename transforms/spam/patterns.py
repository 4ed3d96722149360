"""The fixed data the spam rules read: header words, furniture phrases,
metadata labels.  Written by the project from the conventions of Chinese and
English news sites (not from any page's spam vocabulary); one place so a
reviewer sees everything that drives a rule.
"""
from __future__ import annotations

import re

from pagewash.transforms import lexicon

# Headers of recommendation / related-article blocks (transforms/lexicon.py); the headline
# list that follows them goes with them.
# The heading may be set between brackets or any separator symbols (``〓相关阅读〓``, ``◆ 推荐阅读 ◆``).
RELATED_HEADERS = lexicon.RELATED_HEADINGS
RELATED_HEADER = re.compile(
    r"^[#\s【\[「%s]*(?:%s)[\s】\]」%s]*(?:[:>»›]+.*)?$" % (
        lexicon.SYMBOL_MARK_CLASS,
        "|".join(re.escape(h) for h in sorted(RELATED_HEADERS, key=len, reverse=True)),
        lexicon.SYMBOL_MARK_CLASS),
    re.IGNORECASE)

# Markers that end a recommended headline or teaser.
# A headline that carries its counter (某某新闻(6986人阅读), 某某新闻(点击:120)): the counter names what it counts.
_HEADLINE_COUNTER = r"\(\s*(?:(?:阅读|浏览|点击|评论)[:]?\s*\d+\s*次?|\d+\s*(?:人|次)?(?:阅读|浏览|点击|评论))\s*\)\s*$"
# A headline that carries its date in brackets (某某新闻 [12月24日], 某某新闻(2018-01-05)): a link list's.
_HEADLINE_DATE = r"[\[(【]\s*(?:(?:19|20)\d{2}\s*[-/.年])?\s*[01]?\d\s*[-/.月]\s*[0-3]?\d\s*日?\s*[\])】]\s*$"
HEADLINE_MARKERS = re.compile(r"【详细】|\[详细\]|详细>>|详情>>|【查看】|阅读全文|查看全文|查看详情|更多>>|>>\s*$|»\s*$|"
                              r"〉〉\s*$|》》\s*$|"
                              + _HEADLINE_COUNTER + "|" + _HEADLINE_DATE)
# A bullet: a dot, a dash, an asterisk or any separator symbol (● ■ ◆ ▪ ► ☆ → ➢ ...) opening the line.
BULLET = re.compile(rf"^(?:[·•>\-*※{lexicon.SYMBOL_MARK_CLASS}]|\d{{1,2}}[.、)]\s)")
LEADING_DATE = re.compile(r"^[\[(【]?\d{2,4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?[\])】]?\s")

# Page furniture: whole short lines of navigation, sharing and print widgets.
FURNITURE = re.compile(
    r"^(?:"
    r"返回顶部|返回首页|返回列表|返回搜狐,?查看更多|打印本页|打印本文|打印|关闭窗口|关闭|收藏本文|收藏|"
    r"分享到[:]?.*|分享[:]?|一键分享|扫一扫.{0,20}|微信扫.{0,20}|手机扫.{0,20}|点击.{0,10}(?:进入|查看|关注).{0,10}|"
    r"上一篇[:].*|下一篇[:].*|上一篇|下一篇|(?:%s)\s*[:>»›%s].*|"
    r"网站地图|设为首页.*|加入收藏.*|【?字号[:]?.{0,10}】?|[【\[]?\s*大\s*中\s*小\s*[】\]]?|"
    r"标签[:].{0,60}|关键词[:].{0,60}|关键字[:].{0,60}|tags?[:].{0,80}|"
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP[备证].{0,40}|.{0,20}公网安备.{0,40}|"
    r"免责声明.{0,60}|登录|注册|登录\s*\|?\s*注册|"
    # a site's footer links and notices
    r"联系我们|关于我们|隐私政策|隐私声明|使用条款|服务条款|用户协议|意见反馈|广告服务|加入我们|"
    r"(?:本站|本网)?(?:内容|文章|原创文章)?(?:如需)?转载请注明(?:出处|来源)|备案中|"
    r"powered by .{1,30}|terms of (?:use|service)|privacy(?: policy| notice)?|cookie(?:s| policy)|"
    r"contact(?: us)?|about(?: us)?|"
    # a forum post's furniture, a navigation's separator left alone on its line
    r"楼主|只看该作者|只看楼主|举报|回复本楼|[»›>|·•]+|"
    r"share(?: this)?(?: article| story)?:?|share on .{1,30}|print(?: this)?(?: article| page)?|back to top|"
    r"skip to (?:main )?content|sign in|log in|subscribe|advertisement|"
    # a login form's labels and an error page's notices, and a search page's result count and pager
    r"(?:sign|log) ?in to (?:your|my) account|sign up|create an? account|username(?: or e-?mail)?|e-?mail address|"
    r"password|remember me|forgot(?: your)? password\??|don'?t have an account\?.{0,20}|"
    r"用户名|密码|记住我|忘记密码[?]?|自动登录|还没有(?:账号|帐号)[?,]?.{0,10}|立即注册|"
    r"(?:error )?404.{0,3}(?:page )?not found|page not found|return to (?:the )?home ?page|search (?:our|this) site|"
    r"(?:404.{0,3})?(?:您访问的|你访问的|抱歉,?)?页面(?:不存在|找不到了?|未找到)[!。]?.{0,20}|"
    r"(?:为您)?找到相关结果约?[0-9,]+个.{0,20}|(?:首页\s*)?(?:上一页\s*)?[0-9]+(?:(?:\s*\.{3}\s*|\s+)[0-9]+)+\s*(?:\.{3}\s*)?(?:下一页|尾页)(?:\s*尾页)?|"
    r"\(?完\)?|\(?全文完\)?|——?完——?"
    r")$" % ("|".join(lexicon.LOCATION_LABELS), lexicon.SYMBOL_MARK_CLASS),
    re.IGNORECASE)
# A line that lists the page's keywords ("本文关键词: A B C", "相关标签 → A,B"): furniture of any length
# up to MAX_KEYWORD_LINE_CHARS; its keywords are the page's spam vocabulary.
# (a search box's suggestions too: 猜你想搜, 大家都在搜; the label may say it recommends them: 关键字推荐)
_KEYWORD_LABEL = (r"(?:(?:本文|文章|相关|热门|热搜|推荐|本页|tags?\s*)?(?:关键[词字]|标签|热词|热搜词|搜索词|(?<=相关|热门)搜索|tags?)"
                  r"(?:推荐)?|猜[你您]想搜|大家都在搜)")
KEYWORD_LINE = re.compile(rf"^{_KEYWORD_LABEL}\s*[:→⇒>»›]+\s*(?P<v>.+)$", re.IGNORECASE)
# The label after a line's last sentence ("...断掉。 本文关键词:A,B"): a keyword line glued to a paragraph.
KEYWORD_LABEL_INSIDE = re.compile(_KEYWORD_LABEL + r"\s*[:→⇒>»›]", re.IGNORECASE)
# The label alone on its line ("热门关键词", "相关搜索:"): a heading over lines of keywords.
# (as a page's headline, the site's name may follow it: 标签云 - 某地便民在线)
KEYWORD_HEADING = re.compile(rf"^{_KEYWORD_LABEL}(?:云)?\s*(?:[:→⇒>»›]*|[-_|｜–—]+\s*[^\s:,。!?]{{2,20}})$", re.IGNORECASE)
MAX_KEYWORD_LINE_CHARS = 300
BREADCRUMB = re.compile(r"^[^\s。!?,>›»]{1,12}(?:\s*[>›»]\s*[^\s。!?,>›»]{1,20}){2,}$")
# An English breadcrumb: capitalised names of one to four words apart by an arrow between spaces (Site → Home →
# Politics); not ``>``, which compares in code and formulas (``entries > 10 AND zscore > 3``).
ENGLISH_BREADCRUMB = re.compile(r"^[A-Z0-9][A-Za-z0-9&']*(?: [A-Za-z0-9&']+){0,3}(?: [›»→➔➜▸►] [A-Z0-9][A-Za-z0-9&']*(?: [A-Za-z0-9&']+){0,3}){2,}$")
MAX_FURNITURE_CHARS = 80

# Metadata lines.  Each pattern captures the value it carries.
# "2019-09-2107:10 来源:法制日报": the day and the hour are glued in some dumps, so the
# day takes at most two digits and the time may follow without a space.
DATE_LINE = re.compile(
    r"^(?:(?:发布|发表|更新|上传)?(?:时间|日期)[:]\s*)?"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>[0-3]?\d)\s*日?"
    r"\s*(?:(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?"
    r"(?P<rest>.*)$")
META_REST = re.compile(r"^[\s|丨/]*(?:(?:来源|作者|编辑|责编|责任编辑|浏览|阅读|点击|字号|浏览次数|阅读量|发布者|发布人|"
                       r"稿源|出处|记者|通讯员)[:].*|(?:来源|作者|编辑)\s.*)$")
SOURCE_VALUE = re.compile(r"(?:来源|稿源|出处)[:]\s*(?P<v>[^\s|丨/]{1,30})")
AUTHOR_VALUE = re.compile(r"(?:作者|发布者|发布人)[:]\s*(?P<v>[^\s|丨/]{1,30})")
EDITOR_VALUE = re.compile(r"(?:%s)[:]\s*(?P<v>[^\s|丨/)]{1,30})" % "|".join(lexicon.EDITOR_LABELS))
SOURCE_LINE = re.compile(r"^(?:本文)?(?:来源|稿源|出处|转载自|文章来源|信息来源)[:]\s*(?P<v>[^。!?]{1,40})$")
ORIGINAL_TITLE_LINE = re.compile(r"^原标题[:]\s*(?P<v>.{1,120})$")
EDITOR_LINE = re.compile(
    r"^[(\[【]?\s*(?P<k>%s|主编|审核|审校|校对|作者|撰稿|监制|签发)\s*[:]\s*"
    r"(?P<v>[^。!?,;:()\[\]【】]{1,40}?)\s*[)\]】]?$" % "|".join(lexicon.EDITOR_LABELS))
BRACKETED_CREDIT = re.compile(r"^[(\[【]\s*(?P<k>记者|通讯员|实习生|特约记者|本报记者)\s*[:]?\s*(?P<v>[^。!?()]{1,40})[)\]】]$")
COPYRIGHT_LINE = re.compile(
    r"(?:^(?:copyright|©|\(c\)|版权所有|版权声明)|版权所有|all rights reserved|保留所有权利|未经授权.{0,10}(?:转载|复制))",
    re.IGNORECASE)
MAX_METADATA_CHARS = 150
# Every metadata line starts with a date or holds one of these words: a cheap
# test (plain substring search) before the patterns above.
METADATA_WORDS = ("原标题", "编", "审", "校对", "作者", "撰稿", "监制", "签发", "来源", "稿源", "出处", "转载",
                  "记者", "通讯员", "实习生", "版权", "©", "(c)", "(C)", "opyright", "OPYRIGHT",
                  "ights reserved", "IGHTS RESERVED", "保留所有权利", "未经授权")
DATE_START = re.compile(r"\d{4}\s*[-/.年]")
# one case-sensitive alternation of literals: far faster in ``re`` than any() or IGNORECASE
METADATA_HINT = re.compile("|".join(re.escape(w) for w in METADATA_WORDS))

# Links.
URL = lexicon.URL
SITEMAP = re.compile(r"sitemap|site_map|sitemap\.(?:xml|html?|txt)", re.IGNORECASE)
LINK_LABEL = re.compile(r"(?:网址|链接|地址|网站|官网|url|link|links|website|source)[:]?", re.IGNORECASE)
# A line that is only a domain whose name is written in Chinese (``手机号码.com``): a link
# label the page lost its URL scheme for.  URL above needs an ASCII host.
CJK_DOMAIN_LINE = re.compile(
    rf"^(?:https?://)?(?:www\.)?[{lexicon.HAN}A-Za-z0-9-]{{1,30}}"
    rf"\.(?:{'|'.join(sorted(lexicon.TLDS, key=lambda t: (-len(t), t)))})(?:\.[a-z]{{2}})?/?$", re.IGNORECASE)
