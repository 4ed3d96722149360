"""What a pagewash process does not load: imports Beam makes only because a package is installed.

``import apache_beam`` imports pandas whenever pandas can be imported
(``apache_beam/typehints/__init__.py``), only to register Beam's DataFrame
batch conversions; pagewash uses no DataFrame anywhere, but pandas is
installed as a dependency of cpca (the gazetteer reads cpca's CSV files
itself and never imports cpca's package, which needs pandas).  That import
alone costs about 48 MB of resident memory (31 MB anonymous) in every
process, a sixth of a worker's floor (docs/PERFORMANCE.md).

:func:`skip_unused_imports`, called by the ``pagewash`` command before Beam
is imported, puts a finder first on ``sys.meta_path`` that answers an import
of these modules with ``ModuleNotFoundError`` (what Beam's and pyarrow's
optional imports expect when a package is absent; a ``None`` entry in
``sys.modules`` is not enough: pyarrow's pandas shim then gets ``None`` back).
It changes nothing for a module already imported, so a process that loaded
pandas for something else (a notebook, the tooling) keeps it.
"""
from __future__ import annotations

import contextlib
import importlib.abc
import logging
import sys
from typing import Any, Iterator, List, Optional, Sequence, Tuple

# modules Beam imports only when they are installed, and pagewash never needs
UNUSED_OPTIONAL_IMPORTS: Tuple[str, ...] = ("pandas",)


class _Unused(importlib.abc.MetaPathFinder):
    """Finds nothing for the given top-level modules (and their submodules): they import as absent."""

    def __init__(self, names: Sequence[str]):
        self.names = frozenset(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r} (not loaded by pagewash, which does "
                                      f"not use it: pagewash.pipeline.memory)", name=fullname)
        return None


def skip_unused_imports(modules: Sequence[str] = UNUSED_OPTIONAL_IMPORTS) -> List[str]:
    """Makes ``modules`` import as absent in this process, unless already imported;
    returns the ones it kept out."""
    marked = [name for name in modules if name not in sys.modules]
    if marked and not any(isinstance(finder, _Unused) and finder.names >= set(marked) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Unused(marked))
    return marked


# Beam's SDK worker keeps each stage's BundleProcessor (its operations, DoFn instances, counters and
# their monitoring state) once the stage's bundle is done, for reuse, until it has been idle for
# DEFAULT_BUNDLE_PROCESSOR_CACHE_SHUTDOWN_THRESHOLD_S (60 s).  On the local runners every stage runs
# its bundles back to back and never again, so a run of ~100 fused stages kept ~0.3 MB of
# processor per stage it had run in the last minute.
IDLE_BUNDLE_PROCESSOR_S = 2


def release_idle_bundle_processors(seconds: float = IDLE_BUNDLE_PROCESSOR_S) -> None:
    """Makes the SDK workers this process creates from now on shut down a cached BundleProcessor
    once it has been idle ``seconds`` (its DoFns' ``teardown`` runs then; a later bundle of the
    same stage makes a new one, with ``setup``).  Changes no output: only when processors are
    released."""
    from apache_beam.runners.worker import sdk_worker

    sdk_worker.DEFAULT_BUNDLE_PROCESSOR_CACHE_SHUTDOWN_THRESHOLD_S = seconds


# the module each worker of the local multi_processing runner runs (pipeline/worker.py)
WORKER_MODULE = "pagewash.pipeline.worker"
_MODE_WARNING = "direct_running_mode should be `multi_processing`"


def worker_command() -> str:
    """The command line of a local worker: Beam's SDK worker without the unused imports."""
    return f"{sys.executable} -m {WORKER_MODULE}"


class _DropModeWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _MODE_WARNING not in record.getMessage()


@contextlib.contextmanager
def local_runner(options) -> Iterator[Optional[Any]]:
    """The runner object for ``beam.Pipeline(runner=...)``: None (Beam's runner from the flags)
    unless the run uses the in-process runner with ``--direct_running_mode=multi_processing``;
    then the same FnApiRunner with the same workers, started as :data:`WORKER_MODULE` instead of
    Beam's worker module.  FnApiRunner replaces any worker environment by its own command when
    the running mode is multi_processing, so the mode reads ``in_memory`` while the pipeline is
    built and run (the number of workers stays ``--direct_num_workers``; FnApiRunner's warning
    about that combination is dropped) and is set back afterwards."""
    from apache_beam.options.pipeline_options import DirectOptions, StandardOptions

    from pagewash.pipeline.options import IN_PROCESS_RUNNER

    direct = options.view_as(DirectOptions)
    if options.view_as(StandardOptions).runner == IN_PROCESS_RUNNER:
        release_idle_bundle_processors()  # the in_memory mode's worker runs in this process
    if options.view_as(StandardOptions).runner != IN_PROCESS_RUNNER or direct.direct_running_mode != "multi_processing":
        yield None
        return
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner, fn_runner
    from apache_beam.transforms import environments

    runner = FnApiRunner(default_environment=environments.SubprocessSDKEnvironment.from_command_string(
        command_string=worker_command()))
    runner_log = logging.getLogger(fn_runner.__name__)
    drop = _DropModeWarning()
    runner_log.addFilter(drop)
    direct.direct_running_mode = "in_memory"
    try:
        yield runner
    finally:
        direct.direct_running_mode = "multi_processing"
        runner_log.removeFilter(drop)
