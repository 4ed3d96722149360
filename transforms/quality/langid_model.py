"""py3langid's model held compactly: its tables memory-mapped from one unpacked copy.

py3langid (BSD-3-Clause, a fork of langid.py by Marco Lui; https://pypi.org/project/py3langid/)
ships its model as an LZMA-compressed ``.npz``. Its own loader (``py3langid.modelio.load_model``)
keeps the byte automaton's transition table as a 39 MB ``array('I')`` and the per-state tables as
Python lists of 104,583 ints, next to the 27 MB float16 feature table: ~78 MB in every process.

Here the package's model file is unpacked once per process into an anonymous temporary file
(deleted at once, so nothing is left behind) and the two large tables, the transition rows and the
feature weights, are memory-mapped read-only from it: only the pages a text actually visits become
resident. The written file is synced and its pages dropped from the page cache, and the mapping is
advised random access: a fault then maps the one page it needs (pages already cached would be
mapped 16 at a time by the kernel's fault-around, ~20 MB more after 2,000 documents). About 40% of
the 67 MB is visited by 2,000 Chinese and English documents. The per-state tables are ``array`` objects (4 bytes an entry). The arrays are handed to
a subclass of py3langid's own ``LanguageIdentifier``, so the scoring is the package's code: the same
feature counts (the byte automaton walked as array steps, :func:`feature_visits`), the same float16
table, the same float32 arithmetic and the same tie-breaking.
``tests/test_langid.py`` compares it with the package's own loader on every run.
"""
from __future__ import annotations

import lzma
import mmap
import os
import shutil
import tempfile
import zipfile
from array import array
from pathlib import Path
from typing import Dict

import numpy as np
from numpy.lib import format as npy_format

# py3langid's model members (py3langid.modelio.save_model).
_MEMBERS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {np.dtype(np.uint16): "H", np.dtype(np.uint32): "I", np.dtype(np.int32): "i"}


def model_path() -> Path:
    """The model file inside the installed py3langid package."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def _member_arrays(buffer: mmap.mmap, archive: zipfile.ZipFile) -> Dict[str, np.ndarray]:
    """Read-only arrays over ``buffer`` for each stored (uncompressed) ``.npy`` member."""
    arrays: Dict[str, np.ndarray] = {}
    for name in _MEMBERS:
        info = archive.getinfo(name + ".npy")
        if info.compress_type != zipfile.ZIP_STORED:
            raise ValueError(f"model member {name} is compressed; cannot map it")
        # local file header: 30 bytes, then the file name and the extra field
        header = buffer[info.header_offset:info.header_offset + 30]
        name_len = int.from_bytes(header[26:28], "little")
        extra_len = int.from_bytes(header[28:30], "little")
        start = info.header_offset + 30 + name_len + extra_len
        with archive.open(info) as member:
            version = npy_format.read_magic(member)
            shape, fortran, dtype = npy_format._read_array_header(member, version)
            data_offset = start + member.tell()
        if fortran or dtype.hasobject:
            raise ValueError(f"model member {name}: unsupported layout")
        count = int(np.prod(shape)) if shape else 1
        arrays[name] = np.frombuffer(buffer, dtype=dtype, count=count, offset=data_offset).reshape(shape)
    return arrays


def _as_array(values: np.ndarray) -> array:
    """A stdlib ``array`` copy of a 1-D integer array (indexing it yields Python ints)."""
    out = array(_TYPECODES[values.dtype])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


# The byte automaton is an Aho-Corasick automaton over the model's byte n-grams: its state after a
# text is the longest suffix of the text that is one of its trie's nodes, and no node is deeper
# than this many bytes (a breadth-first search of the transitions from the start state finds 6;
# ``tests/test_langid.py`` checks it).  So the state after each byte is the one reached from the
# start state by the last ``AUTOMATON_DEPTH`` bytes alone, and every position's state can be
# computed at once, ``AUTOMATON_DEPTH`` array steps for the whole text instead of one Python step
# a byte.
AUTOMATON_DEPTH = 6


def feature_visits(transitions: np.ndarray, rowbase: np.ndarray, features: np.ndarray,
                   data: bytes) -> Dict[int, int]:
    """``py3langid.langid.visit_counts`` over ``data``: {feature: count}, in the order of each
    feature's first visit (the order the package's ``Counter`` has, which its scoring sums in),
    computed with :data:`AUTOMATON_DEPTH` array steps."""
    codes = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    n = len(codes)
    state = np.zeros(n, dtype=np.int64)
    for lag in range(min(AUTOMATON_DEPTH, n) - 1, -1, -1):  # the oldest byte of each window first
        state[lag:] = transitions[rowbase[state[lag:]] + codes[:n - lag]]
    found = features[state]
    found = found[found >= 0]
    if not len(found):
        return {}
    keys, first, counts = np.unique(found, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return dict(zip(keys[order].tolist(), counts[order].tolist()))


def _array_walk_identifier():
    """py3langid's ``LanguageIdentifier`` with the byte walk of :func:`feature_visits`."""
    from py3langid.langid import RAW_FLOOR, LanguageIdentifier

    class ArrayWalkIdentifier(LanguageIdentifier):
        __slots__ = ("_walk",)

        def _raw_score(self, text):
            # py3langid's own _raw_score (0.4.0), its visit_counts call replaced
            visits = feature_visits(*self._walk, text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            fill = 0.0 if self._norm_probs else RAW_FLOOR
            return np.full(len(self.nb_classes), fill, dtype=np.float32)

    return ArrayWalkIdentifier


def load_compact_identifier(norm_probs: bool = True):
    """py3langid's ``LanguageIdentifier`` over memory-mapped tables (same results as the package's loader)."""
    LanguageIdentifier = _array_walk_identifier()

    with tempfile.TemporaryFile(suffix=".npz") as unpacked:
        with lzma.open(model_path()) as source:
            shutil.copyfileobj(source, unpacked, length=1 << 20)
        unpacked.flush()
        if hasattr(os, "posix_fadvise"):  # Linux; elsewhere only the memory differs
            os.fdatasync(unpacked.fileno())  # dirty pages cannot be dropped
            os.posix_fadvise(unpacked.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        # the mapping outlives the file object (and the file, which has no name)
        buffer = mmap.mmap(unpacked.fileno(), 0, access=mmap.ACCESS_READ)
        if hasattr(mmap, "MADV_RANDOM"):
            buffer.madvise(mmap.MADV_RANDOM)
        unpacked.seek(0)
        with zipfile.ZipFile(unpacked) as archive:
            arrays = _member_arrays(buffer, archive)
    nextmove = arrays["nextmove"]
    # the walk indexes the transition rows one byte at a time: a memoryview yields Python ints
    transitions = memoryview(nextmove).cast("B").cast(_TYPECODES[nextmove.dtype])
    rows = _as_array(arrays["nextmove_row"])
    identifier = LanguageIdentifier(
        arrays["ptc"], np.array(arrays["pc"]), arrays["classes"].tolist(), transitions,
        _as_array(arrays["out_feat"]), norm_probs=norm_probs, tk_row=rows)
    # py3langid pre-shifts the row offsets into a list of Python ints; the same values, 4 bytes each
    identifier._rowbase = array("I", identifier._rowbase)
    # the same tables as numpy arrays for the array walk (the transitions a view of the mapping)
    identifier._walk = (np.frombuffer(transitions, dtype=nextmove.dtype),
                        np.frombuffer(identifier._rowbase, dtype=np.uint32).astype(np.int64),
                        np.asarray(arrays["out_feat"], dtype=np.int64))
    return identifier
