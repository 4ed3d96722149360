"""Beam counter names: built and parsed here, nowhere else.

Every pagewash counter lives in the ``pagewash`` namespace and is named
``<kind>:<part>[:<part>]``:

| name | counts |
|---|---|
| ``input:records`` | records the readers produced (re-filtering: rows read back) |
| ``write:<output>_records`` | records a writer wrote (``clean``, ``rejected``, ``errors``, ``audit``) |
| ``rejected:<reason>`` | rejections per reason code (:mod:`pagewash.transforms.reasons`) |
| ``rejected_by_stage:<stage>:<reason>`` | rejections per stage and reason |
| ``errors:<stage>:<error type>`` | error records per stage and type |
| ``profile:<group>[:<key>]`` | the corpus profile (``pipeline/profile.py``) |
| ``<stage>:<what>`` | anything else a stage counts (``dedup:clusters``, ``spam:chars_removed:<reason>``) |

The run report (``pipeline/report.py``) reads them back with :func:`parse`, so a
counter renamed here is renamed for its reader too.
"""
from __future__ import annotations

from typing import NamedTuple

NAMESPACE = "pagewash"

REJECTED = "rejected"
REJECTED_BY_STAGE = "rejected_by_stage"
ERRORS = "errors"
PROFILE = "profile"
STAGE = "stage"  # the kind :func:`parse` gives every other counter

INPUT_RECORDS = "input:records"
# ids of this run also in the --dedup_against index with other content (a warning in the report)
DEDUP_INDEX_ID_COLLISIONS = "dedup:index_id_collisions"
# --dedup_against rows of an index written before version 2 (no shingle sample): decided on the estimate
DEDUP_INDEX_ROWS_WITHOUT_SAMPLE = "dedup:index_rows_without_sample"
# documents a pooled stage ran in the pipeline worker because its stage process could not be started
STAGE_RUN_IN_WORKER = "stage:run_in_worker"


class Output:
    """The writers' names: their ``write:<name>_records`` counters and the output folders."""

    CLEAN = "clean"
    REJECTED = "rejected"
    ERRORS = "errors"
    AUDIT = "audit"


def rejected(reason: str) -> str:
    return f"{REJECTED}:{reason}"


def rejected_by_stage(stage: str, reason: str) -> str:
    return f"{REJECTED_BY_STAGE}:{stage}:{reason}"


def errors(stage: str, error_type: str) -> str:
    return f"{ERRORS}:{stage}:{error_type}"


def written(output: str) -> str:
    """The counter of the records the writer ``output`` wrote."""
    return f"write:{output}_records"


def profile(group: str, key: object = None) -> str:
    return f"{PROFILE}:{group}" if key is None else f"{PROFILE}:{group}:{key}"


def stage(stage_name: str, what: str) -> str:
    return f"{stage_name}:{what}"


class Counter(NamedTuple):
    """A parsed counter name: ``kind`` (REJECTED, REJECTED_BY_STAGE, ERRORS, PROFILE or STAGE),
    ``scope`` (the stage, or the profile group; ``""`` for ``rejected:<reason>``) and ``key``
    (the reason, error type, profile key or what a stage counted; ``""`` when there is none)."""

    kind: str
    scope: str
    key: str


def parse(name: str) -> Counter:
    """The parts of a counter name built by this module."""
    head, _, rest = name.partition(":")
    if head == REJECTED:
        return Counter(REJECTED, "", rest)
    if head in (REJECTED_BY_STAGE, ERRORS, PROFILE):
        scope, _, key = rest.partition(":")
        return Counter(head, scope, key)
    return Counter(STAGE, head, rest)
