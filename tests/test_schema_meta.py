"""Doc.meta carries output metadata only: every key a stage sets is a documented field of the output."""
from __future__ import annotations

import re
from pathlib import Path

from pagewash.transforms.extract import Article, article_to_doc
from pagewash.transforms.record import Doc, Kind
from pagewash.transforms.schema import META_FIELDS, clean_row
from pagewash.transforms.spam.clean import META_KEYS, clean_doc

ROOT = Path(__file__).resolve().parents[1]


def test_every_meta_key_a_stage_writes_is_documented():
    written = set(META_KEYS)
    for path in sorted((ROOT / "transforms").rglob("*.py")):
        written |= set(re.findall(r'meta\["(\w+)"\]\s*=', path.read_text(encoding="utf-8")))
    assert written and written <= set(META_FIELDS)
    schema_doc = (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8")
    assert all(f"| `{key}` |" in schema_doc for key in META_FIELDS)


def test_the_markup_keywords_reach_spam_cleaning_as_a_typed_field_and_stop_there():
    article = Article("正文第一段，讲的是本地新闻。", "标题", None, None, None, "trafilatura",
                      markup_keywords=("深圳小产权房", "龙岗二手房"))
    extracted = article_to_doc(Doc(id="a", source="s", kind=Kind.HTML, html="<p>x</p>"), article)
    assert extracted.markup_keywords == ("深圳小产权房", "龙岗二手房")
    assert set(extracted.meta) <= set(META_FIELDS)
    cleaned, _ = clean_doc(extracted)
    assert cleaned.markup_keywords == ()
    row = clean_row(cleaned)
    assert "markup_keywords" not in row and "spam_vocabulary" not in row
    assert set(row["meta"]) == set(META_FIELDS)
