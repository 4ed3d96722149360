"""``./run_local.sh test-cluster``: pagewash on a local Flink cluster, compared with the in-process runner.

1. Installs or reuses the Flink distribution and Beam's Flink job server (``install.py``;
   cached under ``${PAGEWASH_CACHE:-~/.cache/pagewash}/cluster/``).
2. Writes a few hundred generated pages with planted duplicates (``corpus.py``).
3. Runs ``pagewash run`` in-process (the default runner) on ``fixtures/pages`` and on
   the generated pages.
4. Starts a standalone Flink cluster on 127.0.0.1 (one JobManager, one TaskManager
   with 2 slots) and a Python worker pool from this venv, runs the same inputs with
   ``--runner=FlinkRunner --parallelism=2 --environment_type=EXTERNAL``, checks that
   Flink's REST API reports each job FINISHED and that ``clean/``, ``parquet/``,
   ``rejected/``, ``errors/`` and ``dedup_index/`` are byte-identical to the
   in-process output.
5. Faults (on by default; ``--no-fault`` skips them): SIGKILLs the TaskManager in the
   middle of a job (the cluster restarts a failed job once), (a) then starts a new one:
   the job restarts on it and its output is still byte-identical; (b) starts none: the
   restart finds no slots, the job fails, pagewash exits non-zero, the earlier output
   in that folder is checked, and a rerun on a restored cluster gives the in-process
   bytes again.
6. Stops every process it started, by process id, whatever happened (also on
   SIGTERM/SIGINT), and prints the timings.

Every port is on the loopback address and picked free.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from tools.cluster import versions
from tools.cluster.compare import differences
from tools.cluster.corpus import write_corpus
from tools.cluster.flink import FlinkCluster
from tools.cluster.install import ensure_flink, ensure_job_server
from tools.cluster.processes import LOOPBACK, ProcessSet, exit_on_stop_signals, free_port, port_open
from tools.paths import REPO_ROOT as _ROOT

REPO_ROOT = pathlib.Path(_ROOT)
VENV_BIN = pathlib.Path(sys.executable).parent
PAGEWASH = VENV_BIN / "pagewash"


def say(message: str) -> None:
    print(f"[test-cluster] {message}", flush=True)


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class Results:
    checks: List[Check] = field(default_factory=list)
    timings: List[Tuple[str, str, float]] = field(default_factory=list)  # (input, runner, seconds)
    notes: List[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append(Check(name, ok, detail))
        say(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
        return ok


def tail(path: pathlib.Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_pagewash(processes: ProcessSet, name: str, args: Sequence[str], env: Dict[str, str],
                 log_path: pathlib.Path, timeout: float) -> Tuple[int, float]:
    """Runs ``pagewash run ARGS`` as its own process group; (exit code, wall seconds)."""
    start = time.monotonic()
    with open(log_path, "wb") as log:
        process = processes.start(name, [str(PAGEWASH), "run", *args], env, log, cwd=str(REPO_ROOT))
        try:
            code = process.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            say(f"{name}: no result after {timeout:.0f} s; stopping it")
            code = -1
        process.stop()  # the job server it started goes with it
    return code, time.monotonic() - start


class ClusterTest:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.processes = ProcessSet()
        self.results = Results()
        self.workdir = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="pagewash-cluster-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
        self.cluster: Optional[FlinkCluster] = None
        self.pool_port = 0
        self.jar = ""

    # --- set-up ---------------------------------------------------------------------------------

    def inputs(self) -> Dict[str, pathlib.Path]:
        generated = self.workdir / "generated"
        if generated.exists():
            shutil.rmtree(generated)
        planted = write_corpus(generated, articles=self.args.articles, text_records=self.args.text_records)
        say(f"generated pages: {planted}")
        return {"fixtures": REPO_ROOT / "fixtures" / "pages", "generated": generated}

    def start_cluster(self, flink_home: pathlib.Path) -> None:
        started = time.monotonic()
        self.cluster = FlinkCluster(flink_home, self.workdir / "flink", self.processes, slots=2,
                                    rest_port=self.args.rest_port)
        self.cluster.start(timeout=self.args.start_timeout)
        self.pool_port = free_port()
        self.processes.start("worker-pool", [sys.executable, "-m", "tools.cluster.worker_pool",
                                             f"--service_port={self.pool_port}"], self.env,
                             open(self.workdir / "worker-pool.log", "ab"), cwd=str(REPO_ROOT))
        deadline = time.monotonic() + 60
        while not port_open(self.pool_port) and time.monotonic() < deadline:
            time.sleep(0.3)
        if not port_open(self.pool_port):
            raise RuntimeError(f"the worker pool did not listen; see {self.workdir / 'worker-pool.log'}")
        self.results.timings.append(("cluster start-up", "JobManager + TaskManager + worker pool",
                                     time.monotonic() - started))
        say(f"Flink {versions.FLINK_VERSION} at http://{self.cluster.master} (JobManager pid "
            f"{self.cluster.jobmanager.pid}, TaskManager pid {self.cluster.taskmanagers[0].pid}), "
            f"worker pool at {LOOPBACK}:{self.pool_port}")

    def flink_flags(self, extra: Sequence[str] = ()) -> List[str]:
        return ["--runner=FlinkRunner", f"--flink_master={self.cluster.master}",
                f"--flink_version={versions.FLINK_MINOR}", "--parallelism=2",
                f"--flink_job_server_jar={self.jar}", "--environment_type=EXTERNAL",
                f"--environment_config={LOOPBACK}:{self.pool_port}", *extra]

    # --- the runs ---------------------------------------------------------------------------------

    def in_process(self, name: str, source: pathlib.Path) -> pathlib.Path:
        output = self.workdir / "in-process" / name
        code, wall = run_pagewash(self.processes, f"in-process-{name}", ["--input", str(source), "--output",
                                  str(output)], self.env, self.workdir / f"in-process-{name}.log",
                                  self.args.run_timeout)
        self.results.timings.append((name, "in-process (FnApiRunner)", wall))
        if not self.results.check(f"in-process run on {name}", code == 0, f"exit {code}, {wall:.1f} s"):
            print(tail(self.workdir / f"in-process-{name}.log"))
        return output

    def on_cluster(self, name: str, source: pathlib.Path, output: pathlib.Path, label: str,
                   extra: Sequence[str] = ()) -> Tuple[int, float, List[str]]:
        known = set(self.cluster.jobs())
        log = self.workdir / f"flink-{label}.log"
        code, wall = run_pagewash(self.processes, f"flink-{label}",
                                  ["--input", str(source), "--output", str(output), *self.flink_flags(extra)],
                                  self.env, log, self.args.run_timeout)
        new_jobs = [job_id for job_id in self.cluster.jobs() if job_id not in known]
        if code != 0:
            print(tail(log))
        return code, wall, new_jobs

    def compare_run(self, name: str, source: pathlib.Path, expected: pathlib.Path) -> None:
        output = self.workdir / "flink" / "out" / name
        code, wall, jobs = self.on_cluster(name, source, output, name)
        self.results.timings.append((name, "Flink cluster (FlinkRunner, parallelism 2)", wall))
        self.results.check(f"Flink run on {name}", code == 0, f"exit {code}, {wall:.1f} s")
        overviews = self.cluster.jobs()
        states = {job_id: overviews[job_id]["state"] for job_id in jobs}
        for job_id in jobs:
            self.results.timings.append((name, "  of which the Flink job (REST duration)",
                                         overviews[job_id].get("duration", 0) / 1000.0))
        self.results.check(f"Flink REST API reports the {name} job FINISHED",
                           len(states) == 1 and set(states.values()) == {"FINISHED"}, f"jobs {states}")
        diff = differences(expected, output)
        self.results.check(f"{name}: Flink output byte-identical to in-process", not diff,
                           "; ".join(diff[:10]) if diff else "clean/ parquet/ rejected/ errors/ dedup_index/")

    # --- faults -----------------------------------------------------------------------------------

    def _kill_mid_run(self, known: set, label: str) -> Tuple[str, str]:
        """Waits until the new job has finished ``--kill_at`` of its vertices, then SIGKILLs the oldest live
        TaskManager."""
        job_id = self.cluster.wait_for_new_job(known, timeout=self.args.run_timeout)
        deadline = time.monotonic() + self.args.run_timeout
        vertices: List[dict] = []
        while time.monotonic() < deadline:
            vertices = self.cluster.job(job_id).get("vertices", [])
            finished = sum(1 for v in vertices if v["status"] == "FINISHED")
            if vertices and finished >= self.args.kill_at * len(vertices):
                break
            time.sleep(0.2)
        victim = [tm for tm in self.cluster.taskmanagers if tm.alive()][0]
        victim.kill()
        vertices = self.cluster.job(job_id).get("vertices", [])
        finished = sum(1 for v in vertices if v["status"] == "FINISHED")
        where = f"{finished}/{len(vertices)} job vertices finished"
        say(f"{label}: SIGKILLed TaskManager pid {victim.pid} while job {job_id} was RUNNING ({where})")
        return job_id, where

    def fault_restart(self, source: pathlib.Path, expected: pathlib.Path) -> None:
        """The TaskManager is lost mid-job and a new one started; the cluster's restart strategy restarts
        the job, which waits for the new TaskManager's slots."""
        import threading

        output = self.workdir / "flink" / "out" / "fault-restart"
        known = set(self.cluster.jobs())
        killed: Dict[str, str] = {}

        def killer():
            try:
                job_id, where = self._kill_mid_run(known, "fault (replaced)")
                killed.update(job=job_id, where=where)
                # What a cluster manager does for a lost machine; the job's restart waits for its slots.
                replacement = self.cluster.start_taskmanager()
                say(f"fault (replaced): replacement TaskManager pid {replacement.pid} started")
            except Exception as error:  # reported below as a failed check
                killed["error"] = repr(error)

        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        code, wall, jobs = self.on_cluster("generated", source, output, "fault-restart")
        thread.join(timeout=60)
        self.results.timings.append(("generated", "Flink, TaskManager killed, job restarted", wall))
        if not self.results.check("fault (replaced): TaskManager killed mid-job", "job" in killed,
                                  killed.get("error", killed.get("where", ""))):
            return
        job_id = killed["job"]
        state = self.cluster.jobs().get(job_id, {}).get("state")
        failures = self.cluster.job_failures(job_id)
        self.results.check("fault (replaced): job recovered from the lost TaskManager and FINISHED, exit 0",
                           code == 0 and state == "FINISHED" and len(failures) >= 1,
                           f"exit {code}, state {state}, {len(failures)} failure(s) recovered "
                           f"({'; '.join(failures)[:200]}), {wall:.1f} s")
        diff = differences(expected, output)
        self.results.check("fault (replaced): output byte-identical to in-process", not diff, "; ".join(diff[:10]))
        self.results.notes.append(f"TaskManager SIGKILLed mid-job ({killed['where']}), a new one started, "
                                  f"Flink recovered ({len(failures)} failure(s) in the job's exception history), "
                                  f"state {state}, output identical: {not diff}; wall {wall:.1f} s")

    def fault_fail(self, source: pathlib.Path, expected: pathlib.Path, previous: pathlib.Path) -> None:
        """TaskManager lost mid-job and not replaced: the restart finds no slots, a clean failure; then a rerun."""
        import threading

        output = self.workdir / "flink" / "out" / "fault-fail"
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(previous, output)  # an earlier run's output in the folder
        known = set(self.cluster.jobs())
        killed: Dict[str, str] = {}

        def killer():
            try:
                job_id, where = self._kill_mid_run(known, "fault (not replaced)")
                killed.update(job=job_id, where=where)
            except Exception as error:
                killed["error"] = repr(error)

        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        code, wall, _ = self.on_cluster("generated", source, output, "fault-fail")
        thread.join(timeout=60)
        if not self.results.check("fault (not replaced): TaskManager killed mid-job", "job" in killed,
                                  killed.get("error", killed.get("where", ""))):
            return
        job_id = killed["job"]
        state = self.cluster.jobs().get(job_id, {}).get("state")
        cause = self.cluster.root_exception(job_id).splitlines()[0][:200] if state == "FAILED" else ""
        self.results.check("fault (not replaced): job FAILED and pagewash exited non-zero",
                           code not in (0, -1) and state == "FAILED", f"exit {code}, state {state}, {wall:.1f} s"
                           + (f", cause {cause}" if cause else ""))
        left = differences(previous, output)
        intact = not left
        self.results.notes.append(
            f"TaskManager SIGKILLed mid-job ({killed['where']}), not replaced: job {state} after {wall:.1f} s, "
            f"pagewash exit {code}; the earlier output in --output "
            + ("was left intact" if intact else f"was NOT intact ({len(left)} files differ, e.g. {left[0]})"))
        say(f"fault (not replaced): earlier output in the folder {'intact' if intact else 'not intact'}"
            + ("" if intact else f": {len(left)} files differ"))
        # The rerun on a restored cluster.
        self.cluster.start_taskmanager()
        self.cluster.wait_ready(self.args.start_timeout)
        code, wall, jobs = self.on_cluster("generated", source, output, "fault-rerun")
        states = [self.cluster.jobs()[j]["state"] for j in jobs]
        diff = differences(expected, output)
        self.results.check("fault (not replaced): rerun FINISHED and byte-identical to in-process",
                           code == 0 and states == ["FINISHED"] and not diff,
                           f"exit {code}, states {states}, {wall:.1f} s" + ("; " + "; ".join(diff[:5]) if diff else ""))

    # --- the whole test ---------------------------------------------------------------------------

    def run(self) -> int:
        versions.check_sdk_version()
        started = time.monotonic()
        flink_home = ensure_flink()
        self.jar = str(ensure_job_server("flink"))
        self.results.timings.append(("install / cache check", "", time.monotonic() - started))
        inputs = self.inputs()
        expected = {name: self.in_process(name, source) for name, source in inputs.items()}
        if not all(c.ok for c in self.results.checks):
            return self.report(started)
        self.start_cluster(flink_home)
        for name, source in inputs.items():
            self.compare_run(name, source, expected[name])
        if self.args.fault:
            self.fault_restart(inputs["generated"], expected["generated"])
            self.fault_fail(inputs["generated"], expected["generated"],
                            previous=self.workdir / "flink" / "out" / "generated")
        return self.report(started)

    def report(self, started: float) -> int:
        self.results.timings.append(("test-cluster total", "", time.monotonic() - started))
        print()
        print(f"Beam {versions.BEAM_VERSION} (Python SDK + Java Flink runner), Flink {versions.FLINK_VERSION}, "
              f"standalone on {LOOPBACK}: 1 JobManager, 1 TaskManager x 2 slots, parallelism 2, EXTERNAL "
              f"environment (Python worker pool, one SDK worker process per slot)")
        print(f"{'input':<22} {'runner':<45} {'wall s':>8}")
        for name, runner, seconds in self.results.timings:
            print(f"{name:<22} {runner:<45} {seconds:>8.1f}")
        for note in self.results.notes:
            print(f"fault: {note}")
        failed = [c for c in self.results.checks if not c.ok]
        passed = len(self.results.checks) - len(failed)
        for check in failed:
            print(f"FAILED: {check.name}: {check.detail}")
        if failed:
            print(f"logs kept in {self.workdir}")
        print(f"test-cluster: {passed} passed, {len(failed)} failed")
        return 1 if failed or not self.results.checks else 0

    def stop(self) -> None:
        left = self.processes.stop_all()
        if left:
            say(f"still alive after stopping: {', '.join(left)}")
        else:
            say(f"stopped every process this test started ({len(self.processes.started)})")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./run_local.sh test-cluster", description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", help="folder for inputs, outputs and logs (default: a new temporary folder, "
                                          "removed when every check passed)")
    parser.add_argument("--articles", type=int, default=150, help="generated HTML articles (before copies)")
    parser.add_argument("--text_records", type=int, default=100, help="generated text records with planted pairs")
    parser.add_argument("--no-fault", dest="fault", action="store_false", help="skip the TaskManager-kill runs")
    parser.add_argument("--kill_at", type=float, default=0.2,
                        help="share of the job's vertices finished when the TaskManager is killed")
    parser.add_argument("--rest_port", type=int, default=8081, help="Flink REST port if free (else any free port)")
    parser.add_argument("--start_timeout", type=float, default=240.0)
    parser.add_argument("--run_timeout", type=float, default=900.0)
    return parser.parse_args(list(argv))


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    test = ClusterTest(args)

    exit_on_stop_signals()
    code = 1
    try:
        code = test.run()
    finally:
        test.stop()
    if code == 0 and not args.workdir:
        shutil.rmtree(test.workdir, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
