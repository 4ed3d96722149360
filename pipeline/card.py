"""The dataset card: ``README.md`` in the output directory.

Its YAML front matter names the corpus files (``configs:``), so
``datasets.load_dataset(<output dir>)`` loads the corpus and nothing else (not the
dedup index, not the rejections); the body gives the schema, the counts, the
settings and how the corpus was made.
"""
from __future__ import annotations

import json
from typing import Any, List, Mapping

import pyarrow as pa
from apache_beam.io.filesystems import FileSystems

from pagewash.transforms.reasons import REMOVAL_GROUPS, reasons_in
from pagewash.transforms.schema import CLEAN_SCHEMA, SCHEMA_VERSION

# Field descriptions of the card (docs/SCHEMA.md has the full text).
FIELD_NOTES = {
    "id": "document id, unique in the run (the run's --id_prefix + the reader's id)",
    "url": "page URL, when known",
    "source": "input file the page came from",
    "title": "article title",
    "published": "publication date (ISO 8601 string)",
    "fetched": "crawl time (ISO 8601 string, WARC-Date)",
    "site_name": "site name from the page metadata",
    "text": "the clean article, one paragraph per line",
    "lang": "language code",
    "lang_score": "language-id confidence",
    "chars": "len(text) in code points",
    "removed": ("characters cut per reason (struct of int64; groups: "
                + "; ".join(f"{group}: {', '.join(sorted(reasons_in(group)))}" for group in REMOVAL_GROUPS)
                + "; other = reasons not listed)"),
    "quality": "quality signals and score (struct of float64)",
    "dedup": "duplicate cluster id and size",
    "meta": "documented page metadata (struct of strings)",
}


def _type_name(data_type: pa.DataType) -> str:
    if pa.types.is_struct(data_type):
        return "struct<" + ", ".join(f"{f.name}: {_type_name(f.type)}" for f in data_type) + ">"
    return str(data_type)


def front_matter(languages: List[str]) -> str:
    lines = [
        "---",
        "configs:",
        "- config_name: default",
        "  data_files:",
        "  - split: train",
        "    path: parquet/*.parquet",
    ]
    if languages:
        lines.append("language:")
        lines += [f"- {code}" for code in languages]
    lines += ["tags:", "- pagewash", "---"]
    return "\n".join(lines)


def render_card(report: Mapping[str, Any]) -> str:
    counts = report["counts"]
    settings = report.get("settings", {})
    languages = [code for code in report.get("profile", {}).get("languages", {}) if code != "unknown"]
    version = report.get("versions", {}).get("pagewash", "?")
    lines = [front_matter(languages), "", "# pagewash corpus", ""]
    lines.append(f"A clean, deduplicated text corpus made by pagewash {version} on {report.get('started_at')} "
                 f"from {len(settings.get('input') or [])} input path(s): {counts['clean']:,} documents kept of "
                 f"{counts['input']:,} input records ({counts['rejected']:,} rejected, {counts['errors']:,} "
                 f"errors). Schema version {SCHEMA_VERSION}.")
    lines += ["", "## Load it", "", "```python",
              "from datasets import load_dataset",
              "corpus = load_dataset(\"parquet\", data_dir=\"<this folder>/parquet\", split=\"train\")",
              "# or: load_dataset(\"<this folder>\", split=\"train\")  (this card's configs: parquet/ only)",
              "",
              "import pandas as pd; df = pd.read_parquet(\"<this folder>/parquet\")",
              "import polars as pl; df = pl.read_parquet(\"<this folder>/parquet/*.parquet\")",
              "import duckdb; duckdb.sql(\"SELECT * FROM '<this folder>/parquet/*.parquet'\")",
              "```", "",
              "`clean/` holds the same records as gzipped JSON Lines, with the same fields and nesting:",
              "`load_dataset(\"json\", data_files=\"<this folder>/clean/*.jsonl.gz\", split=\"train\")`.", "",
              "## Files", "",
              "| path | what |", "|---|---|",
              "| `parquet/` | the corpus (Parquet) |",
              "| `clean/` | the corpus (JSON Lines, gzip) |",
              "| `rejected/` | pages not kept, with a reason code |",
              "| `errors/` | inputs that failed |",
              "| `dedup_index/` | what this run kept, for later refreshes (`--dedup_against`) |",
              "| `report.md`, `report.json` | the run report |",
              "| `_SUCCESS` | written last: the output is complete |", "",
              "## Fields", "", "| field | type | meaning |", "|---|---|---|"]
    for field in CLEAN_SCHEMA:
        lines.append(f"| `{field.name}` | `{_type_name(field.type)}` | {FIELD_NOTES.get(field.name, '')} |")
    lines += ["", "## Counts", ""]
    languages_counts = report.get("profile", {}).get("languages", {})
    if languages_counts:
        lines.append("Documents per language: " + ", ".join(f"{k} {v:,}" for k, v in languages_counts.items()) + ".")
        lines.append("")
    by_reason = report.get("rejected_by_reason", {})
    if by_reason:
        lines.append("Rejected, by reason: " + ", ".join(f"{k} {v:,}" for k, v in by_reason.items()) + ".")
        lines.append("")
    by_group = {group: n for group, n in report.get("rejected_by_group", {}).items() if n}
    if by_group:
        lines.append("Rejected, by group: " + ", ".join(f"{k} {v:,}" for k, v in by_group.items()) + ".")
        lines.append("")
    removed = {group: n for group, n in report.get("profile", {}).get("removed_chars_by_group", {}).items() if n}
    if removed:
        lines.append("Characters cut from kept documents, by group: "
                     + ", ".join(f"{k} {v:,}" for k, v in removed.items()) + ".")
        lines.append("")
    lines += ["## How it was made", "",
              "Read (text, HTML, JSON Lines, WARC) → decode → extract the main article (markup pre-pass, "
              "trafilatura) → cut Chinese SEO spam → language id and quality filters → exact and MinHash "
              "near-duplicate removal → deterministic sharded writers. Same input and settings give "
              "byte-identical files.", "",
              "Settings (defaults included):", "", "```json",
              json.dumps(settings, ensure_ascii=False, indent=1, sort_keys=True), "```", ""]
    return "\n".join(lines)


def write_card(path: str, report: Mapping[str, Any]) -> None:
    with FileSystems.create(path) as handle:
        handle.write(render_card(report).encode("utf-8"))
