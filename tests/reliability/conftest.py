"""Fault-injection fixtures: a frozen copy of the code for every worker, short Faust group timeouts,
a stall watchdog that acts within the tests' timeouts (its production defaults are minutes), and
workers that explain themselves when a test gives up on them (``RelWorkers.diagnose``)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import wirestream.workers
from reliability.rel_support import FAST_GROUP_ENV, TEST_WATCHDOG_ENV, code_snapshot, describe_group
from support import Workers
from wirestream.settings import Settings, to_env

#: Lines of each worker log in a diagnosis: enough for mode's SIGUSR1 dump of a worker's threads and
#: asyncio tasks (about 150-300 lines for a wirestream worker) and the log lines before it.
DIAG_LOG_LINES = 400


class RelWorkers(Workers):
    """``Workers`` that fail with evidence: what each worker was doing, and who holds the partitions.

    A test that waits on a stalled worker used to sit out pytest's 600 s timeout and say nothing
    (session 6's final CI run). ``diagnose`` collects what the watchdog's own log lines would have
    shown, for the case where the watchdog did not act.
    """

    settings: Settings | None = None

    def diagnose(self, settings: Settings | None = None) -> str:
        """Each worker's exit code or, if alive, where it waits (SIGUSR1: mode's Worker writes the
        stacks of its threads and asyncio tasks to its log), its watchdog lines and log tail; the
        consumer group as the broker sees it."""
        alive = [(wid, proc) for wid, proc in self.procs if proc.poll() is None]  # type: ignore[attr-defined]
        for _, proc in alive:
            with contextlib.suppress(OSError):
                os.kill(proc.pid, signal.SIGUSR1)  # type: ignore[attr-defined]
        if alive:
            time.sleep(3.0)  # the dump is written by the worker's event loop
        out = []
        for (wid, proc), log in zip(self.procs, self.logs, strict=True):
            code = proc.poll()  # type: ignore[attr-defined]
            text = log.read_text(errors="replace") if log.exists() else ""
            lines = text.splitlines()
            watchdog = [ln for ln in lines if "watchdog:" in ln]
            state = "alive" if code is None else f"exited {code}"
            out.append(f"===== {wid} (pid {proc.pid}, {state}, {len(lines)} log lines, {log}) =====")  # type: ignore[attr-defined]
            out.append("watchdog lines: " + ("\n".join(watchdog) if watchdog else "none"))
            out.extend(lines[-DIAG_LOG_LINES:])
        if settings is not None:
            out.append("===== consumer group =====")
            out.append(describe_group(settings))
        return "\n".join(out)

    def start(self, settings: Settings, worker_id: str = "worker-1") -> object:
        self.settings = settings  # for the consumer group in a diagnosis
        return super().start(settings, worker_id)

    def assert_alive(self) -> None:
        """Fail at once when a worker died unexpectedly, with the full diagnosis (not just its log tail)."""
        for (wid, proc), _log in zip(self.procs, self.logs, strict=True):
            code = proc.poll()  # type: ignore[attr-defined]
            if code is not None and not getattr(proc, "_ws_expected_exit", False):
                pytest.fail(f"worker {wid} exited with code {code}\n{self.diagnose(self.settings)}")

    def wait_log(self, worker_id: str, text: str, timeout: float, settings: Settings | None = None) -> None:
        """Wait for ``text`` in a worker's log; fail fast if a worker dies, with a diagnosis on timeout."""
        path = self.tmp_path / f"{worker_id}.log"
        deadline = time.monotonic() + timeout
        while True:
            try:
                if text in path.read_text(errors="replace"):
                    return
            except OSError:
                pass
            self.assert_alive()
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} not in {worker_id}'s log after {timeout:.0f}s\n{self.diagnose(settings)}")
            time.sleep(1.0)


@pytest.fixture
def workers(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[RelWorkers]:
    w = RelWorkers(tmp_path)
    request.node._ws_workers = w
    yield w
    w.stop_all()


@pytest.fixture(scope="session")
def frozen_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wirestream package as it was when the session started (see ``code_snapshot``)."""
    return code_snapshot(tmp_path_factory.mktemp("code"))


@pytest.fixture(autouse=True)
def _worker_env(monkeypatch: pytest.MonkeyPatch, frozen_code: Path) -> Iterator[None]:
    for k, v in FAST_GROUP_ENV.items():
        monkeypatch.setenv(k, v)
    # start_worker passes a worker only its settings' WIRESTREAM_* variables: add the watchdog's.
    monkeypatch.setattr(wirestream.workers, "to_env", lambda st: {**to_env(st), **TEST_WATCHDOG_ENV})
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(frozen_code), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    )
    yield
