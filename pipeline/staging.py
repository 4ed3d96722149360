"""Atomic output: a run writes into a staging directory beside ``--output`` and
swaps it in only once every shard, the report and the dataset card are written.

- Local filesystem: the staging directory is ``<parent>/.<name>.staging-XXXX``;
  the swap renames the old output aside, renames the staging directory to
  ``--output`` and deletes the old one (two renames in one directory: a crash
  between them leaves the old output, complete, as ``.<name>.replaced-XXXX``).
- Other Beam filesystems (gs://, s3://, hdfs://) have no directory rename:
  the run stages under ``<output>.staging-XXXX/``, then the old output's files
  are deleted and the staged files renamed into place.  That swap is not atomic,
  which is what ``_SUCCESS`` is for.

``_SUCCESS`` (the Hadoop/Spark convention) is the last file written: an output
without it is incomplete.  A run that fails (bad input, an exception, Ctrl-C)
deletes its staging directory; one that is killed (``kill -9``) leaves it
beside the untouched previous output.  A local staging directory's name
carries the writing process's id and host (``.<name>.staging-<pid>@<host>-XXXX``):
the next run on that host deletes one whose process is gone, and only warns
about one whose process still runs or that another host wrote.
"""
from __future__ import annotations

import glob
import hashlib
import logging
import os
import re
import socket
import shutil
import tempfile
import uuid

from apache_beam.io.filesystems import FileSystems

SUCCESS_MARKER = "_SUCCESS"

_log = logging.getLogger(__name__)


def _is_local(path: str) -> bool:
    return "://" not in path


def _host_tag() -> str:
    """A short, filename-safe tag of this host (the hostname itself may hold any character)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


_OWNER = re.compile(r"\.staging-(\d+)@([0-9a-f]{8})-")


def _owner_is_gone(staging: str) -> bool:
    """True when ``staging`` was written by a process of this host that no longer exists."""
    match = _OWNER.search(os.path.basename(staging))
    if match is None or match.group(2) != _host_tag():
        return False
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False  # PermissionError: the process exists (another user's)
    return False


class StagedOutput:
    """``begin()`` -> the staging directory to write to; ``commit()`` swaps it in; ``abort()`` drops it."""

    def __init__(self, output: str):
        self.output = output.rstrip("/") or output
        self.staging: str = ""

    def begin(self) -> str:
        if _is_local(self.output):
            target = os.path.abspath(self.output)
            parent, name = os.path.dirname(target), os.path.basename(target)
            os.makedirs(parent, exist_ok=True)
            for stale in sorted(glob.glob(os.path.join(glob.escape(parent), f".{glob.escape(name)}.staging-*"))):
                if _owner_is_gone(stale):
                    _log.info("deleting %s: the run that wrote it was killed", stale)
                    shutil.rmtree(stale, ignore_errors=True)
                else:
                    _log.warning("%s is left from a run that was killed (or is still running); delete it once "
                                 "no run writes to %s", stale, self.output)
            self.staging = tempfile.mkdtemp(prefix=f".{name}.staging-{os.getpid()}@{_host_tag()}-", dir=parent)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.staging, 0o777 & ~umask)  # mkdtemp makes it private; the output is not
        else:
            self.staging = f"{self.output}.staging-{uuid.uuid4().hex[:12]}"
            FileSystems.mkdirs(self.staging)
        return self.staging

    def commit(self) -> None:
        """Marks the staged output complete and puts it in place of ``--output``."""
        if _is_local(self.output):
            with open(os.path.join(self.staging, SUCCESS_MARKER), "wb"):
                pass
            target = os.path.abspath(self.output)
            old = None
            if os.path.lexists(target):
                old = tempfile.mkdtemp(prefix=f".{os.path.basename(target)}.replaced-",
                                       dir=os.path.dirname(target))
                os.rmdir(old)  # a unique name for the rename below
                os.rename(target, old)
            os.rename(self.staging, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            self._commit_remote()
        self.staging = ""

    def _commit_remote(self) -> None:
        old = FileSystems.match([f"{self.output}/**"])[0].metadata_list
        if old:
            FileSystems.delete([m.path for m in old])
        staged = sorted(m.path for m in FileSystems.match([f"{self.staging}/**"])[0].metadata_list)
        FileSystems.rename(staged, [self.output + path[len(self.staging):] for path in staged])
        FileSystems.delete([self.staging])
        with FileSystems.create(f"{self.output}/{SUCCESS_MARKER}") as handle:
            handle.write(b"")

    def abort(self) -> None:
        if not self.staging:
            return
        try:
            if _is_local(self.staging):
                shutil.rmtree(self.staging, ignore_errors=True)
            elif FileSystems.exists(self.staging):
                FileSystems.delete([self.staging])
        finally:
            self.staging = ""
