"""Run ``wirestream worker`` as a child process (demo, tests, fault injection).

The child is configured only through ``WIRESTREAM_*`` variables built from a :class:`Settings`, so a
test or the demo runs exactly the worker an operator would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .settings import Settings, to_env


def start_worker(settings: Settings, log_path: Path, metrics_port: int | None = None) -> subprocess.Popen[bytes]:
    """Start ``wirestream worker`` as a child process configured entirely by ``settings``."""
    if metrics_port is not None:
        settings = settings.model_copy(update={"metrics": settings.metrics.model_copy(update={"port": metrics_port})})
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRESTREAM_")}
    env.update(to_env(settings))
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("ab")
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "wirestream.cli", "worker", "--loglevel", "info"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        log.close()


def stop_worker(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
