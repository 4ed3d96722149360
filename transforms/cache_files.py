"""Tables derived from installed packages, kept in files of this user's in the temporary directory.

Some tables cost a second or more to build in every process (the spam lexicon's trie and arrays,
the quality signals' common words, which read eight of wordfreq's lists); a process reads them
from a file instead, written once per machine.  A file is named after what its table is built from
(package versions, the source files' sizes and times: :func:`package_files`), so a new source is a
new file; its content is checked by a SHA-256 when read, and it is read or written only in a folder
of this user's that no one else can write to (:func:`folder_is_private`): in a shared temporary
directory another user could otherwise plant a file that changes what the cleaner decides.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import stat
import tempfile
from typing import Callable, List, Optional, Sequence

_JSON_MAGIC = b"pagewash-table\n"


def cache_dir() -> str:
    """Where the cache files are kept: a folder of this user's in the temporary directory."""
    return os.path.join(tempfile.gettempdir(), f"pagewash-lexicon-{os.getuid()}")


def folder_is_private(folder: str) -> bool:
    """True when ``folder`` (created private if missing) is this user's and no one else can write
    to it."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_atomically(path: str, chunks: Sequence[bytes]) -> None:
    """Writes ``chunks`` to ``path`` through a temporary file: a reader sees the whole file or none."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def package_files(package: str, folder: str, suffix: str) -> List[List[object]]:
    """``[name, size, mtime_ns]`` of each file of ``package``'s ``folder`` whose name ends with
    ``suffix``, in name order, found without importing the package (wordfreq's import alone costs
    a quarter of a CPU-second)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{package} is not installed")
    path = os.path.join(list(spec.submodule_search_locations)[0], folder)
    out: List[List[object]] = []
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.name.endswith(suffix):
            st = entry.stat()
            out.append([entry.name, st.st_size, st.st_mtime_ns])
    return out


def cache_file(prefix: str, key: object, extension: str) -> str:
    """The cache file of a table built from ``key`` (JSON-ready: versions, source stamps)."""
    digest = hashlib.sha256(json.dumps(key).encode()).hexdigest()[:24]
    return os.path.join(cache_dir(), f"{prefix}-{digest}.{extension}")


def read_bytes(path: str) -> Optional[bytes]:
    """The whole file, or None when it cannot be read (missing, unreadable: the caller rebuilds)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _read_json(path: str) -> Optional[object]:
    data = read_bytes(path)
    if data is None or not data.startswith(_JSON_MAGIC):
        return None
    end = data.find(b"\n", len(_JSON_MAGIC))
    body = data[end + 1:]
    if end < 0 or data[len(_JSON_MAGIC):end].decode("ascii", "replace") != hashlib.sha256(body).hexdigest():
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def cached_json(path: str, build: Callable[[], object]) -> object:
    """The JSON value kept in ``path`` (:func:`cache_file`), or ``build()`` (and the file written
    when its folder is private).  Written ASCII-escaped, so every string, a lone surrogate too,
    reads back the same."""
    private = folder_is_private(os.path.dirname(path))
    value = _read_json(path) if private else None
    if value is not None:
        return value
    value = build()
    if not private:
        logging.getLogger(__name__).warning("cache file not used: %s is not a folder of this user's "
                                            "that only it can write", os.path.dirname(path))
        return value
    body = json.dumps(value, ensure_ascii=True).encode("ascii")
    try:
        write_atomically(path, [_JSON_MAGIC, hashlib.sha256(body).hexdigest().encode("ascii"), b"\n", body])
    except OSError as exc:  # a read-only or full disk: the next process builds it again
        logging.getLogger(__name__).warning("cache file not written (%s): %s", path, exc)
    return value
