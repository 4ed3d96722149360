"""The reason registry and the counter names: one definition each, read the same way by every consumer."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pagewash.transforms import counters
from pagewash.transforms.reasons import (BY_CODE, REASONS, REJECTION, REJECTION_GROUPS, REJECTION_REASONS, REMOVAL,
                                         REMOVAL_GROUPS, REMOVAL_REASONS, SPAM_REMOVAL_REASONS,
                                         TAMPER_EVIDENCE_REASONS, Group, Reason, group_of, reasons_in)
from pagewash.transforms.schema import REMOVAL_FIELDS

ROOT = Path(__file__).resolve().parents[1]


def test_every_code_is_registered_once_with_a_known_kind_and_group():
    codes = [info.code for info in REASONS]
    assert len(codes) == len(set(codes))
    named = {value for name, value in vars(Reason).items() if name.isupper()}
    assert named == set(codes)
    for info in REASONS:
        assert info.kind in (REJECTION, REMOVAL) and info.summary
        assert info.group in (REJECTION_GROUPS if info.kind == REJECTION else REMOVAL_GROUPS)
    assert set(REJECTION_REASONS) | set(REMOVAL_REASONS) == set(codes)


def test_the_removed_struct_is_the_registry_of_removals_in_order():
    assert REMOVAL_FIELDS == REMOVAL_REASONS
    # fields are only ever appended: the schema's first fields stay where they were
    assert REMOVAL_FIELDS[:3] == ("html_hidden", "html_navigation", "html_comments")
    assert REMOVAL_FIELDS[-1] == Reason.CLUSTER_SPAM


def test_seo_spam_is_one_group_and_the_rules_evidence_is_derived_from_it():
    assert SPAM_REMOVAL_REASONS == reasons_in(Group.SEO_SPAM) == {
        "place_list", "keyword_stuffing", "injected_keyword", "site_title", "spam_link", "template_line",
        "pasted_sentence", "cluster_spam"}
    assert TAMPER_EVIDENCE_REASONS == SPAM_REMOVAL_REASONS - {"spam_link"}
    assert reasons_in(Group.SEO_SPAM, REJECTION) == {Reason.SPAM_ONLY}
    assert group_of("html_navigation") == Group.BOILERPLATE and group_of("editor_credit") == Group.METADATA
    assert group_of("not_a_reason") == "other"


def test_the_extractor_removal_keys_are_registered():
    """Every removal key the extraction code writes literally is a registered removal reason."""
    keys = set()
    for path in ("transforms/extract.py", "transforms/html_prepass.py"):
        text = (ROOT / path).read_text(encoding="utf-8")
        keys |= set(re.findall(r'removed\["(\w+)"\]', text)) | set(re.findall(r'"(html_\w+)"', text))
    prepass = (ROOT / "transforms/html_prepass.py").read_text(encoding="utf-8")
    if 'f"html_{' in prepass:  # the box and heading kinds give html_<kind>
        from pagewash.transforms.html_prepass import BOX_TOKENS

        keys |= {f"html_{kind}" for kind in BOX_TOKENS}
    keys.discard("html_lang")  # a meta key, not a removal
    assert keys and keys <= {code for code in REMOVAL_REASONS if BY_CODE[code].stage == "extract"}


@pytest.mark.parametrize("name, parsed", [
    (counters.rejected("too_large"), (counters.REJECTED, "", "too_large")),
    (counters.rejected_by_stage("quality", "short_lines"), (counters.REJECTED_BY_STAGE, "quality", "short_lines")),
    (counters.errors("read", "JSONDecodeError"), (counters.ERRORS, "read", "JSONDecodeError")),
    (counters.profile("lang", "zh"), (counters.PROFILE, "lang", "zh")),
    (counters.profile("chars_total"), (counters.PROFILE, "chars_total", "")),
    (counters.stage("spam", "chars_removed:place_list"), (counters.STAGE, "spam", "chars_removed:place_list")),
    (counters.written(counters.Output.CLEAN), (counters.STAGE, "write", "clean_records")),
    (counters.INPUT_RECORDS, (counters.STAGE, "input", "records")),
])
def test_counter_names_parse_back_into_their_parts(name, parsed):
    assert tuple(counters.parse(name)) == parsed


def test_no_counter_name_is_built_or_split_outside_the_counter_module():
    pattern = re.compile(r'f"(rejected|rejected_by_stage|errors|profile|write|input|dedup|spam|read):\{|'
                         r'Metrics\.counter\(|\.partition\(":"\)')
    allowed = {"transforms/counters.py", "transforms/stage.py"}
    offenders = []
    for folder in ("pipeline", "transforms"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in allowed:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                # (the CLI's "module:function" command targets are not counter names)
                if pattern.search(line) and "target.partition" not in line:
                    offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, offenders


def test_the_report_reads_counters_through_the_module_and_totals_per_group():
    from pagewash.pipeline.report import build_report

    built = {
        counters.INPUT_RECORDS: 3,
        counters.written(counters.Output.CLEAN): 1,
        counters.written(counters.Output.REJECTED): 2,
        counters.rejected(Reason.SPAM_ONLY): 1,
        counters.rejected(Reason.NEAR_DUPLICATE): 1,
        counters.rejected_by_stage("spam", Reason.SPAM_ONLY): 1,
        counters.rejected_by_stage("dedup", Reason.NEAR_DUPLICATE): 1,
        counters.profile("lang", "zh"): 1,
        counters.profile("removed_chars", Reason.PLACE_LIST): 40,
        counters.profile("removed_chars", Reason.HTML_NAVIGATION): 10,
        counters.profile("removed_chars", Reason.EDITOR_CREDIT): 5,
        counters.stage("dedup", "clusters"): 1,
    }
    report = build_report(built, {}, 1.0, "2026-01-01T00:00:00Z")
    assert all(report["checks"].values()) and report["counts"]["accounted"]
    assert report["rejected_by_group"][Group.SEO_SPAM] == 1 and report["rejected_by_group"][Group.DUPLICATE] == 1
    assert report["profile"]["removed_chars_by_group"] == {Group.SEO_SPAM: 40, Group.BOILERPLATE: 10,
                                                           Group.METADATA: 5}
    assert report["stage_counters"] == {"dedup:clusters": 1, "input:records": 3, "write:clean_records": 1,
                                        "write:rejected_records": 2}
