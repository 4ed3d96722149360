"""The report's bar charts (``plots/*.png``), drawn by matplotlib in a process of its own.

A chart is a :class:`Bars` spec (plain data: title, labels, values, axis labels), made by
:func:`pagewash.pipeline.report_md.plot_specs` from the report.  :func:`draw` turns one into
PNG bytes.  :class:`PlotProcess` is started before the pipeline is built: it imports
matplotlib (about half of the plots' cost) while the run goes on, and draws the specs it is
sent once the report is known, so neither the import nor matplotlib's memory is in the
runner's process.  This module imports neither Beam nor pagewash's stages: the drawing
process loads matplotlib and nothing else.  The bytes are the same as drawing in the
runner (:func:`draw_all`, which is also the fallback when the process cannot be used).

    python -m pagewash.pipeline.plots      (the drawing process: specs as JSON on stdin, PNGs as JSON on stdout)
"""
from __future__ import annotations

import base64
import binascii
import io
import json
import subprocess
import sys
from typing import Dict, List, Mapping, NamedTuple, Optional


class Bars(NamedTuple):
    """One bar chart."""

    title: str
    labels: List[str]
    values: List[float]
    xlabel: str
    ylabel: str
    horizontal: bool = False


def _imports():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    return Figure, MaxNLocator


def draw(spec: Bars) -> bytes:
    """The PNG bytes of one chart (no timestamp or software tag: the same spec gives the same bytes)."""
    Figure, MaxNLocator = _imports()
    figure = Figure(figsize=(7.0, 3.4), dpi=100)
    axes = figure.add_subplot(1, 1, 1)
    if spec.horizontal:
        positions = list(range(len(spec.labels)))[::-1]
        axes.barh(positions, spec.values, color="#4c72b0")
        axes.set_yticks(positions, spec.labels, fontsize=8)
        axes.set_xlabel(spec.xlabel)
    else:
        positions = list(range(len(spec.labels)))
        axes.bar(positions, spec.values, color="#4c72b0")
        axes.set_xticks(positions, spec.labels, rotation=45, ha="right", fontsize=8)
        axes.set_xlabel(spec.xlabel)
        axes.set_ylabel(spec.ylabel)
    (axes.xaxis if spec.horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=not spec.horizontal))
    axes.set_title(spec.title, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def draw_all(specs: Mapping[str, Bars]) -> Dict[str, bytes]:
    """``{file name: PNG bytes}``, in the order of ``specs``."""
    return {name: draw(spec) for name, spec in specs.items()}


class PlotProcess:
    """A drawing process started now, used once: :meth:`draw` sends the specs and returns the PNGs.
    Any failure of the process (it could not start, it died, its answer is not whole) falls back
    to drawing here, so a report never lacks a plot; :meth:`close` stops an unused process."""

    def __init__(self):
        self._proc: Optional[subprocess.Popen] = None
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            self._proc = None

    def draw(self, specs: Mapping[str, Bars]) -> Dict[str, bytes]:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                request = json.dumps({name: spec._asdict() for name, spec in specs.items()}).encode("utf-8")
                out, _ = proc.communicate(request)
                if proc.returncode == 0:
                    images = {name: base64.b64decode(data, validate=True) for name, data in json.loads(out).items()}
                    if list(images) == list(specs):
                        return images
            except (OSError, ValueError, TypeError, AttributeError, binascii.Error):
                proc.kill()
                proc.wait()
        return draw_all(specs)

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()


def main() -> int:
    _imports()  # before the request arrives: this is the part that overlaps the run
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    specs = {name: Bars(**fields) for name, fields in request.items()}
    images = {name: base64.b64encode(data).decode("ascii") for name, data in draw_all(specs).items()}
    sys.stdout.buffer.write(json.dumps(images).encode("ascii"))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
