"""Log levels of ``-q`` / default / ``-v`` / ``-vv``, and Beam's noise filtered.

Nothing here imports Beam, so the handlers are in place before Beam's import-time warnings.
"""
from __future__ import annotations

import logging
import os

PROGRESS_LOGGER = "pagewash.progress"


class _BeamNoise(logging.Filter):
    """Drops Beam's start-up warnings that say nothing about this run, and (unless -vv) the
    INFO lines Beam's runners and SDK workers log about their own life cycle."""

    _NOISE = ("apitools not found", "requested in with_outputs() but not declared in type hints")

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
