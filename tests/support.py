"""Small helpers shared by tests (importable as ``support``: tests/ is on pythonpath)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wirestream.devkafka.broker import free_port
from wirestream.settings import Settings
from wirestream.workers import start_worker, stop_worker


def wait_for(predicate: Callable[[], bool], timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class Workers:
    """Worker processes started by a test; all are stopped at teardown."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.procs: list[tuple[str, object]] = []
        self.logs: list[Path] = []
        self.ports: set[int] = set()
        #: The settings each worker id was last started with (its metrics port included): what a
        #: restart of that worker must use again (same id, hence the same data dir).
        self.started_with: dict[str, Settings] = {}

    def start(self, settings: Settings, worker_id: str = "worker-1") -> object:
        # Two workers on one host cannot share a metrics port: a clash gets a free one (the first
        # worker keeps the configured port, which tests scrape).
        port = settings.metrics.port
        if port in self.ports:
            port = free_port()
        self.ports.add(port)
        metrics = settings.metrics.model_copy(update={"port": port})
        s = settings.model_copy(update={"worker_id": worker_id, "metrics": metrics})
        log = self.tmp_path / f"{worker_id}.log"
        self.started_with[worker_id] = s
        proc = start_worker(s, log)
        self.procs.append((worker_id, proc))
        self.logs.append(log)
        return proc

    def assert_alive(self) -> None:
        """Fail at once (with the log tail) instead of waiting out a timeout on a dead worker."""
        for (wid, proc), log in zip(self.procs, self.logs, strict=True):
            code = proc.poll()  # type: ignore[attr-defined]
            if code is not None and not getattr(proc, "_ws_expected_exit", False):
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
                pytest.fail(f"worker {wid} exited with code {code}:\n{tail}")

    def stop(self, worker_id: str) -> None:
        """Stop one worker on purpose (SIGTERM, then wait); it no longer counts as dead."""
        for wid, proc in self.procs:
            if wid == worker_id:
                proc._ws_expected_exit = True  # type: ignore[attr-defined]
                stop_worker(proc)  # type: ignore[arg-type]

    def stop_all(self) -> None:
        for wid, _ in self.procs:
            self.stop(wid)
