"""The fixtures' whole output is byte-identical to the stored digest (tests/fixtures_output.sha256).

A change that is meant to change the output regenerates the digest with
``./run_local.sh tools fixtures-digest`` and commits it with the change (README.md, "Two commands")."""
from __future__ import annotations

from tools.fixtures_digest import DIGEST_FILE, fresh_digest


def test_fixtures_output_matches_the_stored_digest():
    stored = DIGEST_FILE.read_text(encoding="utf-8")
    assert len(stored.splitlines()) >= 10  # every output folder's shards
    assert fresh_digest() == stored, "the fixtures' output changed: ./run_local.sh tools fixtures-digest"
