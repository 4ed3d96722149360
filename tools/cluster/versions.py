"""The engine versions the cluster test runs, in one place.

Beam: the Python SDK in ``pyproject.toml`` (``apache-beam==2.62.0``) and the Java
runner modules below must be the same release; the SDK worker and the job server
speak that release's portability protocol.  2.62.0 is the newest Beam release whose
Flink runner module (``org.apache.beam:beam-runners-flink-1.19``) and job service
(``beam-runners-java-job-service``) both resolve, with every transitive dependency,
from the package registry this project uses.  The prebuilt job-server jars
(``beam-runners-flink-<minor>-job-server``) are not served there for any release
2.60.0-2.77.0, so the job server is started from those modules' classpath (see
``install.py``): the same ``FlinkJobServerDriver`` class the prebuilt jar runs.

Flink: the runner module is built for Flink 1.19; the distribution comes from PyPI
(``apache-flink-libraries`` carries ``flink-dist``, ``apache-flink`` the ``bin/``
scripts and ``conf/``), at the newest 1.19 patch release.

Spark: Beam's Spark 3 runner module of the same Beam release, on the Spark
distribution that ``pyspark`` carries (its ``jars/``), Spark 3.5 / Scala 2.12 as
that module is built for.
"""
from __future__ import annotations

BEAM_VERSION = "2.62.0"

FLINK_MINOR = "1.19"
FLINK_VERSION = "1.19.3"  # apache-flink / apache-flink-libraries on PyPI
FLINK_RUNNER_ARTIFACT = f"org.apache.beam:beam-runners-flink-{FLINK_MINOR}:{BEAM_VERSION}"
FLINK_JOB_SERVER_MAIN = "org.apache.beam.runners.flink.FlinkJobServerDriver"

SPARK_VERSION = "3.5.3"  # pyspark on PyPI
SPARK_RUNNER_ARTIFACT = f"org.apache.beam:beam-runners-spark-3:{BEAM_VERSION}"
SPARK_JOB_SERVER_MAIN = "org.apache.beam.runners.spark.SparkJobServerDriver"

# The job server logs through SLF4J; the prebuilt jar bundles the JDK binding.
SLF4J_BINDING = "org.slf4j:slf4j-jdk14:1.7.30"


def check_sdk_version() -> None:
    """Fails when the installed Beam SDK is not the release the Java modules are."""
    import apache_beam

    if apache_beam.__version__ != BEAM_VERSION:
        raise SystemExit(f"apache-beam {apache_beam.__version__} is installed; the cluster runner modules are "
                         f"{BEAM_VERSION}: re-run ./run_local.sh so the venv matches pyproject.toml")
