"""Deduplication: exact (normalised-text hash) then near-duplicate (MinHash LSH),
connected components in Beam, a deterministic keep policy, and an index for
incremental refreshes.  See docs/DEDUP.md."""
