"""Processes the cluster test starts, each stopped by its own id; free loopback ports."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from contextlib import closing
from typing import IO, Dict, List, Optional, Sequence

LOOPBACK = "127.0.0.1"


def free_port(preferred: Optional[int] = None) -> int:
    """A TCP port free on the loopback address (``preferred`` when it is free)."""
    candidates = ([preferred] if preferred else []) + [0]
    for port in candidates:
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind((LOOPBACK, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port on the loopback address")


def free_ports(count: int, taken: Sequence[int] = ()) -> List[int]:
    ports: List[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports and port not in taken:
            ports.append(port)
    return ports


def port_open(port: int, host: str = LOOPBACK) -> bool:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


class Started:
    """One process this test started, in its own process group (its children with it)."""

    def __init__(self, name: str, command: Sequence[str], env: Dict[str, str], log: IO, cwd: Optional[str] = None):
        self.name = name
        self.command = list(command)
        self.popen = subprocess.Popen(self.command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        self.pid = self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def group_alive(self) -> bool:
        """Whether any process of the group is still running (zombies waiting for a parent
        that does not reap them, as PID 1 of some containers, do not count)."""
        try:
            os.killpg(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return any(True for _ in _running_members(self.pid))

    def signal(self, sig: int) -> None:
        """Sends ``sig`` to the process group this process leads (it and the children it started)."""
        try:
            os.killpg(self.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM, then SIGKILL after ``grace`` seconds; waits until the whole group is gone."""
        if self.group_alive():
            self.signal(signal.SIGTERM)
            deadline = time.monotonic() + grace
            while self.group_alive() and time.monotonic() < deadline:
                self.popen.poll()
                time.sleep(0.2)
            if self.group_alive():
                self.signal(signal.SIGKILL)
        self.popen.wait()
        deadline = time.monotonic() + 10
        while self.group_alive() and time.monotonic() < deadline:
            time.sleep(0.1)


def _running_members(group: int):
    """Pids of the processes of ``group`` that are not zombies (from /proc)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        state, process_group = fields[0], int(fields[2])
        if process_group == group and state != b"Z":
            yield int(entry)


class ProcessSet:
    """Every process the test started; ``stop_all`` stops them, newest first."""

    def __init__(self):
        self.started: List[Started] = []

    def start(self, name: str, command: Sequence[str], env: Dict[str, str], log: IO,
              cwd: Optional[str] = None) -> Started:
        process = Started(name, command, env, log, cwd)
        self.started.append(process)
        return process

    def stop_all(self) -> List[str]:
        """Stops every started process; returns the names of any still alive afterwards."""
        for process in reversed(self.started):
            process.stop()
        return [f"{p.name} (pid {p.pid})" for p in self.started if p.group_alive()]


def exit_on_stop_signals() -> None:
    """SIGTERM/SIGINT/SIGHUP raise SystemExit, so ``finally`` blocks stop what was started;
    a second signal during that clean-up is ignored."""
    def stop_on_signal(signum, frame):
        for other in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(other, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop_on_signal)
