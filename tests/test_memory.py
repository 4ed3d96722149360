"""The pagewash command keeps out the modules Beam imports only because they are installed."""
import subprocess
import sys

from pagewash.pipeline.memory import UNUSED_OPTIONAL_IMPORTS


def test_beam_and_pyarrow_work_without_the_modules_kept_out():
    script = (
        "import sys\n"
        "from pagewash.pipeline.memory import skip_unused_imports\n"
        "assert skip_unused_imports() == list(UNUSED)\n"
        "import apache_beam, pyarrow as pa\n"
        "assert not any(name in sys.modules for name in UNUSED), sorted(sys.modules)\n"
        "assert pa.RecordBatch.from_pylist([{'a': 1}]).num_rows == 1\n"  # pyarrow's pandas shim
        "try:\n"
        "    import pandas\n"
        "except ImportError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('pandas imported')\n"
    )
    result = subprocess.run([sys.executable, "-c", f"UNUSED = {UNUSED_OPTIONAL_IMPORTS!r}\n" + script],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_a_module_already_imported_is_left_alone(monkeypatch):
    import importlib

    from pagewash.pipeline import memory

    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    assert memory.skip_unused_imports(("json",)) == []  # already imported: nothing kept out
    assert importlib.import_module("json").dumps([1]) == "[1]"
    marked = memory.skip_unused_imports(("pagewash_no_such_module_x",))
    assert marked == ["pagewash_no_such_module_x"]
    try:
        importlib.import_module("pagewash_no_such_module_x.sub")
    except ModuleNotFoundError as exc:
        assert "pagewash.pipeline.memory" in str(exc)
    else:
        raise AssertionError("imported")


def _worker_facts(_):
    import os

    return (os.path.basename(sys.argv[0]), "pandas" in sys.modules)


def test_local_multi_processing_workers_run_without_the_modules_kept_out():
    import apache_beam as beam
    from apache_beam.options.pipeline_options import DirectOptions
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner
    from apache_beam.testing.util import assert_that, equal_to

    from pagewash.pipeline.memory import local_runner
    from pagewash.pipeline.options import beam_options

    options = beam_options(["--direct_running_mode=multi_processing", "--direct_num_workers=1"])
    with local_runner(options) as runner:
        assert isinstance(runner, FnApiRunner)
        with beam.Pipeline(runner=runner, options=options) as pipeline:
            facts = pipeline | beam.Create([1, 2]) | beam.Map(_worker_facts)
            assert_that(facts, equal_to([("worker.py", False)] * 2))
    assert options.view_as(DirectOptions).direct_running_mode == "multi_processing"  # set back
    with local_runner(beam_options([])) as runner:  # in-process: Beam's own runner from the flags
        assert runner is None


def _idle_threshold(_):
    from apache_beam.runners.worker import sdk_worker

    return sdk_worker.DEFAULT_BUNDLE_PROCESSOR_CACHE_SHUTDOWN_THRESHOLD_S


def test_local_workers_release_idle_bundle_processors(monkeypatch):
    import apache_beam as beam
    from apache_beam.runners.worker import sdk_worker
    from apache_beam.testing.util import assert_that, equal_to

    from pagewash.pipeline.memory import IDLE_BUNDLE_PROCESSOR_S, local_runner
    from pagewash.pipeline.options import beam_options

    assert IDLE_BUNDLE_PROCESSOR_S < 60  # below Beam's default
    monkeypatch.setattr(sdk_worker, "DEFAULT_BUNDLE_PROCESSOR_CACHE_SHUTDOWN_THRESHOLD_S", 60)
    options = beam_options(["--direct_running_mode=multi_processing", "--direct_num_workers=1"])
    with local_runner(options) as runner:
        with beam.Pipeline(runner=runner, options=options) as pipeline:
            thresholds = pipeline | beam.Create([1]) | beam.Map(_idle_threshold)
            assert_that(thresholds, equal_to([IDLE_BUNDLE_PROCESSOR_S]))  # set in the worker process
    with local_runner(beam_options([])) as runner:  # in-process: the worker is this process
        assert runner is None
        assert sdk_worker.DEFAULT_BUNDLE_PROCESSOR_CACHE_SHUTDOWN_THRESHOLD_S == IDLE_BUNDLE_PROCESSOR_S
        with beam.Pipeline(options=beam_options([])) as pipeline:
            _ = pipeline | beam.Create([1, 2]) | beam.Map(lambda x: x)
