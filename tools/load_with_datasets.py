"""Loads a pagewash output with HuggingFace ``datasets`` the ways the README shows, and checks it
against the Parquet files read with pyarrow.

    python tools/load_with_datasets.py OUTPUT_DIR

``datasets`` needs dill and pyarrow versions apache-beam 2.62 does not allow, so this runs in a
venv of its own (``pip install datasets``), not in the project's; CI does that (.ci/run).
Offline: nothing is fetched from a hub.
"""
from __future__ import annotations

import os
import sys
import tempfile


def main(argv) -> int:
    output = argv[0].rstrip("/")
    cache = tempfile.mkdtemp(prefix="datasets-cache-")
    os.environ.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=cache)
    import datasets
    import pyarrow.dataset as ds

    expected = {row["id"]: row for row in ds.dataset(f"{output}/parquet", format="parquet").to_table().to_pylist()}
    by_dir = datasets.load_dataset("parquet", data_dir=f"{output}/parquet", split="train",
                                   cache_dir=os.path.join(cache, "a"))
    by_card = datasets.load_dataset(output, split="train", cache_dir=os.path.join(cache, "b"))
    for name, loaded in (("data_dir", by_dir), ("card", by_card)):
        got = {row["id"]: row for row in loaded.to_list()}
        if got != expected:
            print(f"datasets ({name}): rows differ from the Parquet files", file=sys.stderr)
            return 1
    struct = by_dir.features["removed"]
    if not isinstance(struct, dict) or struct["place_list"] != datasets.Value("int64"):
        print(f"datasets: removed is {struct!r}, not a struct of int64", file=sys.stderr)
        return 1
    print(f"datasets {datasets.__version__}: {by_dir.num_rows} rows, the same by data_dir and by the card")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
