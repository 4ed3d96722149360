"""Log levels of ``-q`` / default / ``-v`` / ``-vv``, and Beam's noise filtered.

Nothing here imports Beam, so the handlers are in place before Beam's import-time warnings.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import threading
from typing import Iterator, Optional

PROGRESS_LOGGER = "pagewash.progress"


class _BeamNoise(logging.Filter):
    """Drops Beam's start-up warnings that say nothing about this run, and (unless -vv) the
    INFO lines Beam's runners and SDK workers log about their own life cycle."""

    _NOISE = ("apitools not found", "requested in with_outputs() but not declared in type hints",
              "No semi_persistent_directory found")

    def __init__(self, beam_info: bool):
        super().__init__()
        self.beam_info = beam_info

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("pagewash") and record.levelno < logging.WARNING and not self.beam_info:
            return False
        message = record.getMessage()
        return not any(noise in message for noise in self._NOISE)


def configure_logging(verbosity: int = 0, quiet: bool = False) -> None:
    """``quiet``: errors only; default: warnings and pagewash's progress lines; ``verbosity`` 1:
    pagewash's INFO lines; 2: Beam's INFO lines too."""
    os.environ["PAGEWASH_LAUNCHER_PID"] = str(os.getpid())
    # SDK worker processes the local runners start (--direct_running_mode=multi_processing) log to
    # this process's stderr at INFO from their own root logger; they read their log level from the
    # PIPELINE_OPTIONS environment variable, the way every Beam runner hands options to its workers.
    if "PIPELINE_OPTIONS" not in os.environ:
        level = "INFO" if verbosity >= 2 else "ERROR" if quiet else "WARNING"
        os.environ["PIPELINE_OPTIONS"] = json.dumps({"options": {"default_sdk_harness_log_level": level}})
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_BeamNoise(beam_info=verbosity >= 2))
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbosity >= 2 else logging.WARNING)
    own = logging.getLogger("pagewash")
    own.setLevel(logging.ERROR if quiet else logging.INFO if verbosity >= 1 else logging.WARNING)
    progress = logging.getLogger(PROGRESS_LOGGER)
    progress.setLevel(logging.ERROR if quiet else logging.INFO)
    progress_handler_format = logging.Formatter("%(message)s")
    for h in root.handlers:
        h.setFormatter(_ByLogger(h.formatter, progress_handler_format))


class _ByLogger(logging.Formatter):
    """Progress lines as they are; every other record with its level and logger."""

    def __init__(self, default: logging.Formatter, progress: logging.Formatter):
        super().__init__()
        self.default = default
        self.progress = progress

    def format(self, record: logging.LogRecord) -> str:
        chosen = self.progress if record.name == PROGRESS_LOGGER else self.default
        return chosen.format(record)


# Lines SDK worker processes write to the inherited stderr with their own logging set-up
# (Python's basic "LEVEL:logger:message" format): their life cycle at INFO, and start-up
# warnings that say nothing about the run.
_WORKER_INFO = re.compile(r"^(?:INFO|DEBUG):(?P<logger>[\w.]+):(?P<message>.*)$")


def worker_line(line: str, verbosity: int) -> Optional[str]:
    """What to show of one stderr line of a worker process: the line, a shorter one, or None."""
    if verbosity >= 2:
        return line
    match = _WORKER_INFO.match(line.rstrip("\n"))
    if match:
        if match.group("logger") == PROGRESS_LOGGER:
            return match.group("message") + "\n"
        if verbosity >= 1 and match.group("logger").startswith("pagewash"):
            return line
        return None
    if any(noise in line for noise in _BeamNoise._NOISE):
        return None
    return line


@contextlib.contextmanager
def filtered_stderr(verbosity: int = 0) -> Iterator[None]:
    """Routes this process's stderr (file descriptor 2, which worker subprocesses inherit)
    through :func:`worker_line` while the block runs."""
    try:
        original = os.dup(2)
    except OSError:  # no usable stderr: nothing to filter
        yield
        return
    read_end, write_end = os.pipe()
    shown_to = os.dup(original)  # the pump's own copy of the real stderr
    sys.stderr.flush()
    os.dup2(write_end, 2)
    os.close(write_end)

    def pump() -> None:
        with os.fdopen(read_end, "r", encoding="utf-8", errors="replace") as lines, \
                os.fdopen(shown_to, "w", encoding="utf-8", errors="replace") as out:
            for line in lines:
                shown = worker_line(line, verbosity)
                if shown is not None:
                    out.write(shown)
                    out.flush()

    thread = threading.Thread(target=pump, name="pagewash-stderr", daemon=True)
    thread.start()
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(original, 2)  # closes the pipe's last write end held here: the pump sees EOF
        os.close(original)
        thread.join(timeout=10)
