"""A data table of named records is a reference listing, kept; number lists and counters are junk.
docs/QUALITY.md, name_table_row_count and min_name_table_rows."""
from __future__ import annotations

from pagewash.transforms.quality import filter_reasons, quality_signals, tag_document
from pagewash.transforms.quality.signals import name_table_rows
from pagewash.transforms.record import Doc, Reason

# A code table written for this test (made-up codes and names), one cell per line as a table's
# text comes out when it is laid out cell by cell, and as rows of a number and a name.
NAMES = ["东湖区", "西岭县", "南坪镇", "北川县", "青石县", "白沙区", "云溪县", "长宁区", "临河县", "松江县"]
CELLS = ["某市行政区划代码", "某市下辖县级行政区", "区划代码", "名称"] + [
    cell for k, name in enumerate(NAMES) for cell in (str(910101 + 7 * k), name)]
ROWS = ["某市各区县报名人数一览"] + [f"{name} {120 + 37 * k}" for k, name in enumerate(NAMES)]
# Junk written for this test: a lottery listing (the game's name on every row, several numbers a
# row) and a visitor counter (figures labelled with a colon).
LOTTERY = ["某某彩开奖结果"] + [f"某某彩 第20190{k}{k}期 开奖号码:0{k} 1{k} 2{k} 3{k} 0{9 - k}" for k in range(10)]
COUNTER = ["欢迎来到本网", "今日浏览:4417 总浏览:883120", "当前在线:35 今日独立IP:2208",
           "本网已运行1203天", "您是本网第77315位访客,谢谢光临!", "本周访问9034人次 共计612877人次"]


def _reasons(lines):
    doc = tag_document(Doc(id="t", source="t", text="\n".join(lines)))
    return [f.reason for f in filter_reasons(doc)]


def test_rows_of_a_number_and_a_name_are_counted_in_either_layout():
    rows, chars = name_table_rows(CELLS)
    # cells are paired greedily from the top (the header cell 名称 may open the first pair)
    assert rows == len(NAMES) and abs(chars - sum(len(c) for c in CELLS[4:])) <= len("名称")
    assert name_table_rows(ROWS)[0] == len(NAMES)
    assert name_table_rows([f"| {name} | {100 + k} |" for k, name in enumerate(NAMES)])[0] == len(NAMES)


def test_a_repeated_name_or_a_short_run_is_not_a_table():
    assert name_table_rows(LOTTERY) == (0, 0)
    assert name_table_rows(COUNTER) == (0, 0)
    assert name_table_rows(["东湖区 12", "西岭县 30", "正文开始了,这是一句话。"]) == (0, 0)
    # the same name on every row: a listing of one thing, not a table of records
    assert name_table_rows([f"某某彩 {2019000 + k}" for k in range(8)]) == (0, 0)


def test_a_code_table_page_is_kept_and_a_lottery_listing_or_counter_is_not():
    assert _reasons(CELLS) == []
    assert _reasons(ROWS) == []
    assert Reason.TOO_MANY_DIGITS in _reasons(CELLS[:4] + [c for c in CELLS[4:] if c.isdigit()])
    assert _reasons(LOTTERY) and _reasons(COUNTER)


def test_a_table_whose_names_share_their_kind_is_not_a_repeated_n_gram():
    # every row ends in the kind of division it names (made-up names): the top 4-gram is that kind
    kinds = ["某市县级行政区划代码", "某市现辖10个县级行政区,其统计用区划代码如下。"] + [
        f"{530821 + k} {name}族自治县" for k, name in enumerate(["东岭哈尼", "西川彝", "南山傣", "北原佤", "青河苗",
                                                                 "白水瑶", "云岗壮", "长坪侗", "临溪布依", "松岭土家"])]
    assert quality_signals("\n".join(kinds))["top_4gram_char_frac"] > 0.171  # the CJK limit of that check
    assert _reasons(kinds) == []


def test_a_table_that_is_a_small_part_of_a_listing_page_does_not_change_its_verdict():
    menu = [f"栏目{name}频道" for name in "一二三四五六七八九十"] * 3
    lines = menu + ROWS[:7]
    signals = quality_signals("\n".join(lines))
    assert signals["name_table_row_count"] == 6 and signals["name_table_char_frac"] < 0.5
    assert _reasons(lines)


PINYIN = ["dong hu", "xi ling", "nan ping", "bei chuan", "qing shi", "bai sha", "yun xi", "chang ning", "lin he", "song jiang"]


def test_a_row_with_a_name_and_its_romanisation_is_a_record():
    lines = ["某市下辖县级行政区的区划代码及拼音如下。"] + [
        f"{910101 + 7 * k} {name} {PINYIN[k].replace(' ', '')}" for k, name in enumerate(NAMES)]
    assert name_table_rows(lines)[0] == len(NAMES)
    assert _reasons(lines) == []
    cells = [f"| {910101 + 7 * k} | {name} | {PINYIN[k].replace(' ', '')} |" for k, name in enumerate(NAMES)]
    assert name_table_rows(cells)[0] == len(NAMES)
    # two numbers a row are a listing of draws or scores, not records
    assert name_table_rows([f"{name} {k} {100 + k}" for k, name in enumerate(NAMES)]) == (0, 0)


def test_cells_apart_by_tabs_and_a_third_column_laid_out_cell_by_cell_are_records():
    tabbed = [f"{910101 + 7 * k}\t{name}\t{PINYIN[k].replace(' ', '')}" for k, name in enumerate(NAMES)]
    assert name_table_rows(tabbed)[0] == len(NAMES)
    cells = ["某市下辖县级行政区的区划代码及拼音如下。"] + [
        cell for k, name in enumerate(NAMES) for cell in (str(910101 + 7 * k), name, PINYIN[k].replace(" ", ""))]
    assert name_table_rows(cells)[0] == len(NAMES)


def test_a_header_row_of_labels_above_cells_laid_out_one_a_line_does_not_shift_the_pairing():
    cells = ["某市下辖县级行政区的区划代码及拼音如下。", "代码", "名称", "拼音"] + [
        cell for k, name in enumerate(NAMES) for cell in (str(910101 + 7 * k), name, PINYIN[k].replace(" ", ""))]
    assert name_table_rows(cells)[0] == len(NAMES)


def test_a_code_and_its_name_after_a_colon_is_a_row_and_a_counter_is_not():
    lines = [f"{910101 + 7 * k}:{name}" for k, name in enumerate(NAMES)]
    assert name_table_rows(lines)[0] == len(NAMES)
    page = ["某市所辖县级行政区名称与代码一览", "根据区划代码表整理,某市下辖的县级行政区及其六位代码如下。"] + lines
    assert _reasons(page) == []
    # a counter labels its figures (今日浏览:4417): the number does not open the row
    assert name_table_rows(["今日浏览:4417", "总浏览:883120", "当前在线:35", "今日独立IP:2208"])[0] == 0
