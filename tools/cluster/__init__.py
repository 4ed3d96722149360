"""Pagewash on real engines: a local Flink cluster (and the Spark recipe), installed from the registries.

    ./run_local.sh test-cluster [--no-fault] [--workdir DIR]   the cluster test (tools/cluster/test.py)
    .venv/bin/python -m tools.cluster spark [--workdir DIR]    the Spark recipe on fixtures/pages (not in CI)
    .venv/bin/python -m tools.cluster install [flink] [spark]  fill the cache only, print the paths
"""
