"""The profiling tools' own accounting (tools/bench/spam_rules.py, run_profile.py)."""
import pstats
import cProfile
import time

from tools.bench.run_profile import _enclosing_class, _package, report
from tools.bench.spam_rules import Timer


def test_timer_counts_calls_and_a_reentered_name_once():
    timer = Timer()

    def work(n):
        end = time.process_time() + 0.01
        while time.process_time() < end:
            pass
        return inner(n - 1) if n else 0

    inner = timer.wrap("work", work)
    assert inner(2) == 0
    assert timer.calls["work"] == 3
    assert 0.025 <= timer.cpu["work"] < 0.2  # three nested calls timed once: ~0.03 s


def test_enclosing_class_and_package_of_a_path():
    import tools.bench.spam_rules as module

    path = module.__file__
    with open(path, encoding="utf-8") as handle:
        line = next(k for k, text in enumerate(handle, 1) if "def wrap" in text)
    assert _enclosing_class(path, line) == "Timer"
    assert _package("/x/site-packages/apache_beam/runners/worker/op.py", "/repo") == "beam runners/worker"
    assert _package("/repo/transforms/stage.py", "/repo") == "pagewash transforms/stage"
    assert _package("/repo/.venv/lib/site-packages/numpy/core.py", "/repo") == "numpy"


def test_report_lists_dofn_methods_and_packages(capsys):
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    sum(i * i for i in range(20000))
    profiler.disable()
    report(pstats.Stats(profiler), "/nonexistent-root", 5)
    out = capsys.readouterr().out
    assert "profiled CPU" in out and "package (own time only" in out and "builtins and C methods" in out
