"""Beam's Python worker pool, listening on the loopback address only.

    python -m tools.cluster.worker_pool --service_port=PORT

The same service as ``python -m apache_beam.runners.worker.worker_pool_main
--service_port=PORT`` (Beam's ``BeamFnExternalWorkerPoolServicer`` in process mode:
every worker the runner asks for is a ``python`` subprocess, the first ``python`` on
PATH, so start it with the project's venv first on PATH), except that Beam's
entry point binds ``[::]:PORT``, every interface, and this one binds
``127.0.0.1:PORT``.  SIGTERM stops the service and its workers.
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Optional, Sequence

import grpc
from apache_beam.portability.api import beam_fn_api_pb2_grpc
from apache_beam.runners.worker.worker_pool_main import BeamFnExternalWorkerPoolServicer, kill_process_gracefully
from apache_beam.utils import thread_pool_executor

from tools.cluster.processes import LOOPBACK


def serve(port: int) -> None:
    server = grpc.server(thread_pool_executor.shared_unbounded_instance(),
                         options=[("grpc.http2.max_pings_without_data", 0), ("grpc.http2.max_ping_strikes", 0)])
    bound = server.add_insecure_port(f"{LOOPBACK}:{port}")
    if bound != port:
        raise SystemExit(f"worker pool: could not bind {LOOPBACK}:{port}")
    pool = BeamFnExternalWorkerPoolServicer(use_process=True)
    beam_fn_api_pb2_grpc.add_BeamFnExternalWorkerPoolServicer_to_server(pool, server)
    server.start()
    logging.getLogger(__name__).warning("worker pool listening at %s:%d", LOOPBACK, port)

    stopped = threading.Event()

    def stop(signum, frame):
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    stopped.wait()
    server.stop(0)
    for worker in list(pool._worker_processes.values()):
        kill_process_gracefully(worker, timeout=5)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.cluster.worker_pool")
    parser.add_argument("--service_port", type=int, required=True)
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    logging.basicConfig(level=logging.WARNING)
    serve(args.service_port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
