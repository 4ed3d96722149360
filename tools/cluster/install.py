"""Installs the engines the cluster test needs into a cache outside the checkout.

    ${PAGEWASH_CACHE:-~/.cache/pagewash}/cluster/
      flink-1.19.3/pyflink/          the Flink distribution (bin/, lib/, conf/) from PyPI
      beam-2.62.0-flink-1.19/        Beam's Flink job server: lib/*.jar from Maven + a launcher jar
      spark-3.5.3/pyspark/           (Spark recipe) the Spark distribution pyspark carries
      beam-2.62.0-spark-3/           (Spark recipe) Beam's Spark job server, as above

Everything comes from the package registries with their ordinary clients: pip
(``--no-deps --target``, never into the project's venv: both Flink packages pin an
old apache-beam) and Maven (``dependency:copy-dependencies`` of Beam's runner
module).  Each folder is built in a temporary sibling and renamed into place when
complete, so an interrupted install is redone, never half-used.

The job server: Beam publishes ``beam-runners-flink-<minor>-job-server`` as one
shaded jar; the registry here serves none (see ``versions.py``), so the job server
is Beam's runner module and its declared dependencies, launched by a jar that holds
only a manifest (``Main-Class: FlinkJobServerDriver``, ``Class-Path: lib/...``).
``java -jar`` on it is what Beam's ``FlinkRunner`` runs for ``--flink_job_server_jar``.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from typing import List, Optional, Sequence

from tools.cluster import versions

COMPLETE = ".complete"


def cache_root() -> pathlib.Path:
    base = os.environ.get("PAGEWASH_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "pagewash")
    return pathlib.Path(base) / "cluster"


def _log(message: str) -> None:
    print(f"[cluster] {message}", file=sys.stderr, flush=True)


def _build_into(target: pathlib.Path, build) -> pathlib.Path:
    """Runs ``build(tmp)`` in a fresh sibling of ``target`` and renames it into place."""
    if (target / COMPLETE).exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=target.name + ".partial-", dir=target.parent))
    try:
        build(tmp)
        (tmp / COMPLETE).write_text("")
        if target.exists():
            shutil.rmtree(target)
        tmp.rename(target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def require_tools(tools: Sequence[str] = ("java", "mvn")) -> None:
    """Java and Maven come with this project's machines; Debian's packages otherwise."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise SystemExit(f"cluster test needs {', '.join(missing)} (Java 17 and Maven) on PATH")
    _log(f"installing {', '.join(missing)} from Debian's packages")
    subprocess.run(["apt-get", "update", "-q"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-q", "openjdk-17-jdk-headless", "maven"], check=True)


# --- Flink / Spark distributions from PyPI -------------------------------------------------------


def pip_target(target: pathlib.Path, requirements: Sequence[str]) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--no-deps", "--no-compile", "--target", str(target), *requirements], check=True)


def ensure_flink(cache: Optional[pathlib.Path] = None) -> pathlib.Path:
    """FLINK_HOME of the Flink distribution (``pyflink/`` with bin/, lib/, conf/)."""
    cache = cache or cache_root()
    target = cache / f"flink-{versions.FLINK_VERSION}"
    if not (target / COMPLETE).exists():
        _log(f"installing Flink {versions.FLINK_VERSION} from PyPI into {target} (~250 MB, once)")

        def build(tmp: pathlib.Path) -> None:
            pip_target(tmp, [f"apache-flink-libraries=={versions.FLINK_VERSION}",
                             f"apache-flink=={versions.FLINK_VERSION}"])
            home = tmp / "pyflink"
            for script in (home / "bin").iterdir():
                script.chmod(0o755)
            if not (home / "bin" / "jobmanager.sh").exists() or not list((home / "lib").glob("flink-dist*.jar")):
                raise SystemExit(f"the Flink packages did not install a distribution under {home}")

        _build_into(target, build)
    return target / "pyflink"


def ensure_spark(cache: Optional[pathlib.Path] = None) -> pathlib.Path:
    """SPARK_HOME of the Spark distribution pyspark carries (``pyspark/`` with bin/, jars/, sbin/)."""
    cache = cache or cache_root()
    target = cache / f"spark-{versions.SPARK_VERSION}"
    if not (target / COMPLETE).exists():
        _log(f"installing Spark {versions.SPARK_VERSION} from PyPI into {target} (~320 MB, once)")

        def build(tmp: pathlib.Path) -> None:
            pip_target(tmp, [f"pyspark=={versions.SPARK_VERSION}"])
            home = tmp / "pyspark"
            for folder in ("bin", "sbin"):
                for script in (home / folder).iterdir():
                    script.chmod(0o755)

        _build_into(target, build)
    return target / "pyspark"


# --- Beam job servers from Maven ---------------------------------------------------------------


def classpath_pom(artifacts: Sequence[str]) -> str:
    """A pom whose only job is to resolve ``artifacts`` (group:artifact:version) and their dependencies."""
    deps = []
    for artifact in artifacts:
        group, name, version = artifact.split(":")
        deps.append(f"    <dependency><groupId>{group}</groupId><artifactId>{name}</artifactId>"
                    f"<version>{version}</version></dependency>")
    return ("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
            "  <modelVersion>4.0.0</modelVersion>\n"
            "  <groupId>pagewash.cluster</groupId><artifactId>job-server-classpath</artifactId>"
            "<version>1</version><packaging>pom</packaging>\n"
            "  <dependencies>\n" + "\n".join(deps) + "\n  </dependencies>\n</project>\n")


def manifest(main_class: str, class_path: Sequence[str]) -> bytes:
    """A JAR manifest; lines are wrapped at 72 bytes as the JAR spec requires."""

    def header(name: str, value: str) -> bytes:
        raw = f"{name}: {value}".encode("utf-8")
        lines = [raw[:72]]
        raw = raw[72:]
        while raw:
            lines.append(b" " + raw[:71])
            raw = raw[71:]
        return b"\r\n".join(lines) + b"\r\n"

    return (header("Manifest-Version", "1.0") + header("Main-Class", main_class)
            + header("Class-Path", " ".join(class_path)) + b"\r\n")


def write_launcher_jar(path: pathlib.Path, main_class: str, lib: pathlib.Path,
                       extra: Sequence[pathlib.Path] = ()) -> None:
    """A jar of only a manifest: ``main_class`` and a Class-Path of every jar in ``lib`` (relative to the
    jar, so ``lib`` must be its sibling) and of ``extra`` jars (absolute ``file:`` URLs)."""
    jars = sorted(p.name for p in lib.glob("*.jar"))
    if not jars:
        raise SystemExit(f"no jars resolved into {lib}")
    class_path = [f"{lib.name}/{name}" for name in jars] + [p.resolve().as_uri() for p in extra]
    info = zipfile.ZipInfo("META-INF/MANIFEST.MF", date_time=(1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as jar:
        jar.writestr(info, manifest(main_class, class_path))


def resolve_classpath(folder: pathlib.Path, artifacts: Sequence[str], excludes: Sequence[str] = ()) -> pathlib.Path:
    (folder / "pom.xml").write_text(classpath_pom(artifacts))
    command: List[str] = ["mvn", "-B", "-q", "-f", str(folder / "pom.xml"),
                          "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies",
                          f"-DoutputDirectory={folder / 'lib'}", "-DincludeScope=runtime"]
    if excludes:
        command.append("-DexcludeGroupIds=" + ",".join(excludes))
    subprocess.run(command, check=True)
    return folder / "lib"


def ensure_job_server(runner: str = "flink", cache: Optional[pathlib.Path] = None) -> pathlib.Path:
    """The launcher jar of Beam's job server for ``runner`` (flink or spark)."""
    require_tools()
    cache = cache or cache_root()
    if runner == "flink":
        name, artifact, main = f"flink-{versions.FLINK_MINOR}", versions.FLINK_RUNNER_ARTIFACT, \
            versions.FLINK_JOB_SERVER_MAIN
    elif runner == "spark":
        name, artifact, main = "spark-3", versions.SPARK_RUNNER_ARTIFACT, versions.SPARK_JOB_SERVER_MAIN
    else:
        raise ValueError(f"unknown runner {runner!r}")
    target = cache / f"beam-{versions.BEAM_VERSION}-{name}"
    jar_name = f"beam-{name}-job-server-{versions.BEAM_VERSION}.jar"
    if not (target / COMPLETE).exists():
        _log(f"resolving Beam {versions.BEAM_VERSION}'s {name} job server from Maven into {target} (~150 MB, once)")

        def build(tmp: pathlib.Path) -> None:
            lib = resolve_classpath(tmp, [artifact, versions.SLF4J_BINDING])
            write_launcher_jar(tmp / jar_name, main, lib)

        _build_into(target, build)
    return target / jar_name


def ensure_spark_job_server(spark_home: pathlib.Path, cache: Optional[pathlib.Path] = None) -> pathlib.Path:
    """Beam's Spark job server on the Spark distribution's own jars (the runner module declares Spark as
    ``provided``): a second launcher jar beside the first, its Class-Path also naming ``spark_home/jars``."""
    base = ensure_job_server("spark", cache)
    jar = base.with_name(f"beam-spark-3-job-server-{versions.BEAM_VERSION}-on-spark-{versions.SPARK_VERSION}.jar")
    if not jar.exists():
        write_launcher_jar(jar, versions.SPARK_JOB_SERVER_MAIN, base.parent / "lib",
                           extra=sorted((spark_home / "jars").glob("*.jar")))
    return jar


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m tools.cluster install [flink] [spark]``: fills the cache, prints the paths."""
    wanted = list(argv or []) or ["flink"]
    for runner in wanted:
        home = ensure_flink() if runner == "flink" else ensure_spark()
        print(f"{runner} home: {home}")
        print(f"{runner} job server: {ensure_job_server(runner) if runner == 'flink' else ensure_spark_job_server(home)}")
    return 0
