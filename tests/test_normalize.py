from pagewash.transforms.normalize import normalize_inline, normalize_text


def test_nfkc_folds_full_width_forms_and_keeps_cjk_punctuation():
    assert normalize_text("记者：骚扰电话为何一直存在？") == "记者:骚扰电话为何一直存在?"
    assert normalize_text("“成绩单”。") == "“成绩单”。"


def test_lines_spaces_and_invisible_characters():
    raw = "  第一段\u200b  文字\t\t有空格 \r\n\r\n\n\u3000\u3000第二段\x07\r第三段\ufeff"
    assert normalize_text(raw) == "第一段 文字 有空格\n第二段\n第三段"


def test_inline_fields_become_one_line():
    assert normalize_inline("  标题\n 第二行 ") == "标题 第二行"
    assert normalize_inline("   ") is None and normalize_inline(None) is None
