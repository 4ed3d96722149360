from conftest import PAGES
from pagewash.transforms.decode import decode_page
from pagewash.transforms.extract import ExtractSettings, densest_block_text, extract_page, parse_html
from pagewash.transforms.read import InputFile, ReadLimits, read_input_file
from pagewash.transforms.record import Doc, Kind, Rejected


def _decoded(relpath):
    path = PAGES / relpath
    [doc] = read_input_file(InputFile(str(PAGES), str(path), path.stat().st_size), ReadLimits())
    return decode_page(doc)


def test_gbk_portal_page_article_and_metadata():
    doc = extract_page(_decoded("html/brief_gbk.html"))
    assert doc.html is None and doc.meta["charset"] == "gb18030"
    assert doc.title == "本市启动老旧小区电梯加装试点"
    assert doc.published == "2020-03-02" and doc.site_name == "城市新闻网"
    assert "市财政对每部电梯给予最高20万元补贴" in doc.text
    # page furniture is not article text
    for furniture in ("网站地图", "热点新闻", "分享到", "本周热点", "版权所有"):
        assert furniture not in doc.text


def test_gb18030_declared_gb2312_and_big5_pages():
    library = extract_page(_decoded("html/library_gb18030.html"))
    assert "夜间时段将实行预约入馆" in library.text
    elders = extract_page(_decoded("html/elders_big5.htm"))
    assert elders.meta["charset"] == "cp950" and "社會局表示" in elders.text


def test_english_page_keeps_quotes_and_numbers():
    doc = extract_page(_decoded("html/en_local_0.html"))
    assert doc.title == "City council approves new bike lanes on Main Street"
    assert "The project will cost an estimated $3.2 million" in doc.text
    assert '"We heard every side of this' in doc.text
    assert "Related stories" not in doc.text and "Privacy" not in doc.text


def test_text_dumps_skip_extraction():
    doc = _decoded("004_8a5c97233401eb35.txt")
    assert extract_page(doc) is doc


def test_densest_block_fallback_when_extractor_finds_little():
    # No paragraphs, only a bare div of text beside a big link list: the densest block wins.
    links = "".join(f'<a href="/p/{i}">链接{i}</a> ' for i in range(200))
    body = "，".join(["这是一段没有段落标签的正文内容"] * 40) + "。"
    page = f"<html><body><div id=nav>{links}</div><div id=main>{body}</div></body></html>"
    text = densest_block_text(parse_html(page))
    assert text.startswith("这是一段没有段落标签的正文内容") and "链接" not in text
    doc = extract_page(Doc(id="x", source="s", kind=Kind.HTML, html=page))
    assert "这是一段没有段落标签的正文内容" in doc.text and "链接1" not in doc.text


def test_page_without_text_is_rejected():
    result = extract_page(Doc(id="x", source="s", kind=Kind.HTML, html="<html><body><img src=a.png></body></html>"))
    assert isinstance(result, Rejected) and result.reason == "no_text"


def test_deeply_nested_markup_does_not_crash():
    depth = 20_000
    page = "<html><body>" + "<div>" * depth + "<p>text</p>" + "</div>" * depth + "</body></html>"
    result = extract_page(Doc(id="x", source="s", kind=Kind.HTML, html=page), ExtractSettings())
    assert isinstance(result, (Doc, Rejected))
