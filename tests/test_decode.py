import codecs

from pagewash.transforms.decode import charset_from_meta, codec_for, decode_bytes, decode_page, looks_binary
from pagewash.transforms.record import Doc, ErrorRecord, Kind, Rejected

GBK_ONLY = "镕"  # in GBK, not in GB2312: pages declared gb2312 use it anyway


def test_legacy_chinese_charsets_widen_to_supersets():
    assert codec_for("gb2312") == codecs.lookup("gb18030").name
    assert codec_for("GBK") == codecs.lookup("gb18030").name
    assert codec_for("big5") == codecs.lookup("cp950").name
    assert codec_for("no-such-charset") is None


def test_gb2312_declared_page_with_gbk_only_character_decodes():
    page = f'<html><head><meta charset="gb2312"></head><body>朱{GBK_ONLY}基总理</body></html>'
    decoded = decode_bytes(page.encode("gbk"))
    assert decoded.evidence == "meta"
    assert f"朱{GBK_ONLY}基总理" in decoded.text


def test_http_equiv_declaration_is_read():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=GB18030"><p>图书馆</p>'
    assert charset_from_meta(page.encode("gb18030")) == "GB18030"
    assert "图书馆" in decode_bytes(page.encode("gb18030")).text


def test_bom_wins_over_everything():
    data = codecs.BOM_UTF8 + '<meta charset="gbk"><p>测试</p>'.encode("utf-8")
    decoded = decode_bytes(data, http_charset="big5")
    assert decoded.evidence == "bom" and "测试" in decoded.text


def test_http_charset_beats_meta():
    data = '<meta charset="utf-8"><p>城市新闻</p>'.encode("gbk")
    decoded = decode_bytes(data, http_charset="GBK")
    assert decoded.evidence == "http" and "城市新闻" in decoded.text


def test_wrong_declaration_falls_back_to_utf8():
    data = '<meta charset="gbk"><p>这是一个UTF-8页面，声明却是GBK。</p>'.encode("utf-8")
    decoded = decode_bytes(data)
    assert "这是一个UTF-8页面" in decoded.text


def test_undeclared_gbk_is_detected():
    text = "记者从市住房和城乡建设局获悉，本市今年将在十二个老旧小区启动加装电梯试点，首批项目预计于年底前完工。" * 3
    decoded = decode_bytes(text.encode("gbk"), sniff_meta=False)
    assert decoded.evidence == "detector"
    assert "加装电梯" in decoded.text


def test_xml_declaration_and_wrapper_encoding_are_markup_evidence():
    xhtml = '<?xml version="1.0" encoding="gb2312"?><html><body><p>城市新闻</p></body></html>'
    decoded = decode_bytes(xhtml.encode("gbk"))
    assert decoded.evidence == "meta" and "城市新闻" in decoded.text
    # A crawl archive's record wrapper carries the page's charset the same way.
    wrapped = '<text id="http://example.cn/a.html" title="标题" encoding="gbk">\n<div>城市新闻</div></text>'
    assert charset_from_meta(wrapped.encode("gbk")) == "gbk"
    # Only the first tag counts: the word in body text is not a declaration.
    assert charset_from_meta(b"<html><body>encoding=gbk</body></html>") is None


def test_undeclared_chinese_page_the_detector_gives_up_on_is_read_as_gb18030(monkeypatch):
    from pagewash.transforms import decode

    monkeypatch.setattr(decode, "_detect", lambda data: None)
    text = "记者从市住房和城乡建设局获悉，本市今年将在十二个老旧小区启动加装电梯试点。" * 3
    decoded = decode_bytes(text.encode("gbk"), sniff_meta=False)
    assert decoded.encoding == "gb18030" and "加装电梯" in decoded.text


def test_stray_invalid_byte_in_utf8_is_replaced_not_fatal():
    data = ("正常的文字。" * 400).encode("utf-8") + b"\xff" + "结尾".encode("utf-8")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and "\ufffd" in decoded.text and decoded.text.endswith("结尾")


def test_binary_junk_is_an_error_and_empty_is_rejected():
    junk = bytes((i * 37 + 11) % 256 for i in range(4096))
    assert looks_binary(junk.decode("latin-1"))
    result = decode_page(Doc(id="j", source="s", kind=Kind.HTML, content=junk))
    assert isinstance(result, ErrorRecord) and result.error_type == "BinaryContent"
    empty = decode_page(Doc(id="e", source="s", kind=Kind.TEXT, content=b"  \n"))
    assert isinstance(empty, Rejected) and empty.reason == "empty_page"


def test_text_dump_is_normalised_nfkc():
    doc = decode_page(Doc(id="t", source="s", kind=Kind.TEXT, content="标题：测试，１２３\r\n\r\n\u3000第二段".encode()))
    assert doc.text == "标题:测试,123\n第二段"
    assert doc.content is None and doc.meta["charset"] == "utf-8"
