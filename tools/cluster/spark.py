"""``python -m tools.cluster spark``: the Spark recipe, run by hand (not part of CI).

A standalone Spark cluster from the distribution ``pyspark`` carries (one master, one
worker with 2 cores, both in the foreground on 127.0.0.1), a Python worker pool, and
``pagewash run --runner=SparkRunner`` on ``fixtures/pages`` through Beam's Spark job
server (``install.ensure_spark_job_server``), compared byte for byte with the
in-process output.  Every process it starts is stopped by its id at the end.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import sys
import tempfile
import time
import urllib.request
from typing import Dict, List, Optional, Sequence

from tools.cluster import versions
from tools.cluster.compare import differences
from tools.cluster.install import ensure_spark, ensure_spark_job_server
from tools.cluster.processes import LOOPBACK, ProcessSet, exit_on_stop_signals, free_port, free_ports, port_open
from tools.cluster.test import REPO_ROOT, VENV_BIN, run_pagewash, say, tail

# Spark on Java 17 needs these opened (Spark's own launcher adds them; the job server is a plain JVM,
# given them through JDK_JAVA_OPTIONS, which the java launcher reads).
JAVA17_OPENS = [f"--add-opens=java.base/{package}=ALL-UNNAMED" for package in (
    "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio", "java.util",
    "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs", "sun.security.action",
    "sun.util.calendar")]


def spark_env(workdir: pathlib.Path, spark_home: pathlib.Path) -> Dict[str, str]:
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.update({"SPARK_HOME": str(spark_home), "SPARK_LOCAL_IP": LOOPBACK, "SPARK_LOG_DIR": str(workdir / "log"),
                "SPARK_WORKER_DIR": str(workdir / "work"), "SPARK_CONF_DIR": str(workdir / "conf"),
                "SPARK_NO_DAEMONIZE": "1"})
    return env


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.cluster spark", description=__doc__.split("\n")[0])
    parser.add_argument("--workdir")
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    versions.check_sdk_version()
    spark_home = ensure_spark()
    jar = ensure_spark_job_server(spark_home)
    workdir = pathlib.Path(args.workdir or tempfile.mkdtemp(prefix="pagewash-spark-"))
    for folder in ("log", "work", "conf"):
        (workdir / folder).mkdir(parents=True, exist_ok=True)
    env = spark_env(workdir, spark_home)
    processes = ProcessSet()
    source = REPO_ROOT / "fixtures" / "pages"

    exit_on_stop_signals()
    ok = False
    try:
        expected = workdir / "in-process"
        code, wall_local = run_pagewash(processes, "in-process", ["--input", str(source), "--output", str(expected)],
                                        env, workdir / "in-process.log", args.timeout)
        if code != 0:
            raise SystemExit(f"in-process run failed: {tail(workdir / 'in-process.log')}")
        port, web, worker_port, worker_web = free_ports(4)
        spark_class = str(spark_home / "bin" / "spark-class")
        processes.start("spark-master", [spark_class, "org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                                         "--port", str(port), "--webui-port", str(web)], env,
                        open(workdir / "log" / "master.console", "ab"))
        master = f"spark://{LOOPBACK}:{port}"
        processes.start("spark-worker", [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
                                         "--port", str(worker_port), "--webui-port", str(worker_web), "--cores", "2",
                                         "--memory", "2g", master], env,
                        open(workdir / "log" / "worker.console", "ab"))
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{LOOPBACK}:{web}/json/", timeout=5) as response:
                    import json

                    status = json.loads(response.read())
                if status.get("aliveworkers", 0) >= 1:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            raise SystemExit(f"Spark master/worker not up; see {workdir / 'log'}")
        pool_port = free_port()
        processes.start("worker-pool", [sys.executable, "-m", "tools.cluster.worker_pool",
                                        f"--service_port={pool_port}"], env,
                        open(workdir / "worker-pool.log", "ab"), cwd=str(REPO_ROOT))
        while not port_open(pool_port):
            time.sleep(0.3)
        output = workdir / "spark"
        flags: List[str] = ["--runner=SparkRunner", f"--spark_master_url={master}", "--spark_version=3",
                            f"--spark_job_server_jar={jar}", "--environment_type=EXTERNAL",
                            f"--environment_config={LOOPBACK}:{pool_port}"]
        client_env = dict(env, JDK_JAVA_OPTIONS=" ".join(JAVA17_OPENS))
        code, wall = run_pagewash(processes, "spark", ["--input", str(source), "--output", str(output), *flags],
                                  client_env, workdir / "spark.log", args.timeout)
        diff = differences(expected, output) if code == 0 else ["run failed"]
        print(f"Spark {versions.SPARK_VERSION} standalone, Beam {versions.BEAM_VERSION} SparkRunner: exit {code}, "
              f"{wall:.1f} s (in-process {wall_local:.1f} s); identical: {not diff}")
        if code != 0:
            print(tail(workdir / "spark.log", 40))
        ok = code == 0 and not diff
    finally:
        left = processes.stop_all()
        say(f"stopped {len(processes.started)} processes" + (f"; still alive: {left}" if left else ""))
    if ok and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1
