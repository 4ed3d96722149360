"""A standalone Flink cluster on the loopback address: one JobManager, TaskManagers, REST queries.

Each process runs in the foreground (``bin/jobmanager.sh start-foreground``, which
``exec``s the JVM), so the id this module holds is the JVM's own.  The
configuration is the distribution's ``conf/config.yaml`` (its Java 17 flags
included) with every address on 127.0.0.1, every port picked free, and the pid,
log and temporary folders inside the run's own folder, written flat
(``taskmanager.numberOfTaskSlots: 2``), which Flink's YAML reader accepts.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List, Optional

import yaml

from tools.cluster.processes import LOOPBACK, ProcessSet, Started, free_port, free_ports


def flatten(tree: Dict[str, Any], prefix: str = "") -> Dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}`` (Flink's keys are dotted paths)."""
    flat: Dict[str, Any] = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, path + "."))
        else:
            flat[path] = value
    return flat


def cluster_config(base: Dict[str, Any], workdir: pathlib.Path, ports: Dict[str, int], slots: int,
                   jobmanager_memory: str, taskmanager_memory: str) -> Dict[str, Any]:
    """The distribution's settings with this run's addresses, ports, folders and sizes."""
    config = flatten(base)
    config.update({
        "jobmanager.bind-host": LOOPBACK,
        "jobmanager.rpc.address": LOOPBACK,
        "jobmanager.rpc.port": ports["rpc"],
        "jobmanager.memory.process.size": jobmanager_memory,
        "blob.server.port": str(ports["blob"]),
        "rest.address": LOOPBACK,
        "rest.bind-address": LOOPBACK,
        "rest.port": ports["rest"],
        "taskmanager.bind-host": LOOPBACK,
        "taskmanager.host": LOOPBACK,
        "taskmanager.numberOfTaskSlots": slots,
        "taskmanager.memory.process.size": taskmanager_memory,
        "parallelism.default": slots,
        # Beam's batch translation runs every stage at once with blocking (sort-merge) exchanges:
        # each result partition wants its own buffers, more than Flink's default network share.
        "taskmanager.memory.network.min": "384m",
        "taskmanager.memory.network.max": "384m",
        "taskmanager.network.sort-shuffle.min-buffers": 64,
        # A killed TaskManager is noticed by failed heartbeat calls (heartbeat.rpc-failure-threshold,
        # 2 by default), so a few seconds after it dies; the timeout for a live but starved one
        # stays generous, since a shared 2-core machine can stall a JVM for many seconds.
        "heartbeat.interval": 3000,
        "heartbeat.timeout": 60000,
        "env.pid.dir": str(workdir / "pid"),
        "env.log.dir": str(workdir / "log"),
        "io.tmp.dirs": str(workdir / "tmp"),
        "web.tmpdir": str(workdir / "web"),
    })
    return config


class FlinkCluster:
    def __init__(self, home: pathlib.Path, workdir: pathlib.Path, processes: ProcessSet, slots: int = 2,
                 rest_port: Optional[int] = None, jobmanager_memory: str = "1024m",
                 taskmanager_memory: str = "2048m"):
        self.home = home
        self.workdir = workdir
        self.processes = processes
        self.slots = slots
        rest = free_port(rest_port or 8081)
        rpc, blob = free_ports(2, taken=[rest])
        self.ports = {"rest": rest, "rpc": rpc, "blob": blob}
        self.jobmanager_memory = jobmanager_memory
        self.taskmanager_memory = taskmanager_memory
        self.jobmanager: Optional[Started] = None
        self.taskmanagers: List[Started] = []

    @property
    def master(self) -> str:
        return f"{LOOPBACK}:{self.ports['rest']}"

    def configure(self) -> pathlib.Path:
        conf = self.workdir / "conf"
        if conf.exists():
            shutil.rmtree(conf)
        shutil.copytree(self.home / "conf", conf)
        base = yaml.safe_load((conf / "config.yaml").read_text()) or {}
        config = cluster_config(base, self.workdir, self.ports, self.slots, self.jobmanager_memory,
                                self.taskmanager_memory)
        (conf / "config.yaml").write_text(yaml.safe_dump(config, default_flow_style=False, sort_keys=True))
        for folder in ("pid", "log", "tmp", "web"):
            (self.workdir / folder).mkdir(parents=True, exist_ok=True)
        return conf

    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update({"FLINK_HOME": str(self.home), "FLINK_CONF_DIR": str(self.workdir / "conf"),
                    "FLINK_LOG_DIR": str(self.workdir / "log"), "FLINK_PID_DIR": str(self.workdir / "pid")})
        return env

    def _log(self, name: str):
        return open(self.workdir / "log" / f"{name}.console", "ab")

    def start(self, timeout: float = 180.0) -> None:
        self.configure()
        self.jobmanager = self.processes.start(
            "flink-jobmanager", [str(self.home / "bin" / "jobmanager.sh"), "start-foreground"], self._env(),
            self._log("jobmanager"))
        self.start_taskmanager()
        self.wait_ready(timeout)

    def start_taskmanager(self) -> Started:
        number = len(self.taskmanagers)
        process = self.processes.start(
            f"flink-taskmanager-{number}", [str(self.home / "bin" / "taskmanager.sh"), "start-foreground"],
            self._env(), self._log(f"taskmanager-{number}"))
        self.taskmanagers.append(process)
        return process

    def kill_taskmanager(self) -> Started:
        """SIGKILLs the newest live TaskManager (a machine lost, not a clean shutdown)."""
        live = [tm for tm in self.taskmanagers if tm.alive()]
        if not live:
            raise RuntimeError("no live TaskManager to kill")
        live[-1].kill()
        return live[-1]

    # --- REST ---------------------------------------------------------------------------------

    def rest(self, path: str, timeout: float = 10.0) -> Any:
        url = f"http://{self.master}{path}"
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))

    def overview(self) -> Optional[Dict[str, Any]]:
        try:
            return self.rest("/overview")
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError):
            return None

    def wait_ready(self, timeout: float, taskmanagers: int = 1) -> Dict[str, Any]:
        """Waits until the REST API answers and ``taskmanagers`` TaskManagers with free slots registered."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.jobmanager is not None and not self.jobmanager.alive():
                raise RuntimeError(f"the JobManager exited (code {self.jobmanager.popen.returncode}); "
                                   f"see {self.workdir / 'log'}")
            overview = self.overview()
            if overview and overview.get("taskmanagers", 0) >= taskmanagers \
                    and overview.get("slots-available", 0) >= self.slots:
                return overview
            time.sleep(1.0)
        raise TimeoutError(f"the Flink cluster was not ready in {timeout:.0f} s; see {self.workdir / 'log'}")

    def jobs(self) -> Dict[str, Dict[str, Any]]:
        """Job id -> the REST API's overview of the job (name, state, start and end time...)."""
        return {job["jid"]: job for job in self.rest("/jobs/overview").get("jobs", [])}

    def job(self, job_id: str) -> Dict[str, Any]:
        return self.rest(f"/jobs/{job_id}")

    def job_restarts(self, job_id: str) -> int:
        values = self.rest(f"/jobs/{job_id}/metrics?get=numRestarts")
        return int(float(values[0]["value"])) if values else 0

    def root_exception(self, job_id: str) -> str:
        exceptions = self.rest(f"/jobs/{job_id}/exceptions")
        history = exceptions.get("exceptionHistory", {}).get("entries", [])
        if history:
            return history[0].get("exceptionName", "") + ": " + (history[0].get("stacktrace", "") or "")[:400]
        return (exceptions.get("root-exception") or "")[:400]

    def wait_for_new_job(self, known: set, timeout: float, states=("RUNNING",)) -> str:
        """The id of the first job not in ``known`` once it is in one of ``states``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for job_id, job in self.jobs().items():
                if job_id not in known and job["state"] in states:
                    return job_id
            time.sleep(0.5)
        raise TimeoutError(f"no new job reached {states} in {timeout:.0f} s")
