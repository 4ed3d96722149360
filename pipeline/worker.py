"""The worker process of the local ``multi_processing`` runner: Beam's SDK worker, started
without the modules pagewash does not use (:mod:`pagewash.pipeline.memory`).

Beam starts each worker as ``python -m apache_beam.runners.worker.sdk_worker_main``;
pagewash's command starts ``python -m pagewash.pipeline.worker`` instead
(:func:`pagewash.pipeline.memory.local_runner`), which is the same worker (the same
``main``, the same environment variables and arguments) once the unused imports are
kept out, so each worker holds about 48 MB less.
"""
from __future__ import annotations

import sys


def main() -> None:
    from pagewash.pipeline.memory import release_idle_bundle_processors, skip_unused_imports

    skip_unused_imports()
    release_idle_bundle_processors()
    from apache_beam.runners.worker import sdk_worker_main

    sdk_worker_main.main(sys.argv)


if __name__ == "__main__":
    main()
