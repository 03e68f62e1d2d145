"""Fault-injection fixtures: a frozen copy of the code for every worker, short Faust group timeouts,
a stall watchdog that acts within the tests' timeouts (its production defaults are minutes),
workers that explain themselves when a test gives up on them (``RelWorkers.diagnose``), and a
supervisor that restarts a worker exiting with ``EXIT_STALLED`` as systemd or Kubernetes would."""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import wirestream.workers
from reliability.rel_support import FAST_GROUP_ENV, TEST_WATCHDOG_ENV, code_snapshot, describe_group, kill9
from support import Workers
from wirestream.app.watchdog import EXIT_STALLED
from wirestream.settings import Settings, to_env
from wirestream.workers import start_worker

#: Lines of each worker log in a diagnosis: enough for mode's SIGUSR1 dump of a worker's threads and
#: asyncio tasks (about 150-300 lines for a wirestream worker) and the log lines before it.
DIAG_LOG_LINES = 400

#: Restarts of one worker id after which the supervisor gives up and the test fails: a worker that
#: keeps exiting with EXIT_STALLED is in a crash loop, which a restart does not cure.
MAX_RESTARTS = 3


@dataclass(frozen=True)
class Restart:
    """One restart by the test's supervisor: which worker, when, and why it had exited (its last CRITICAL line)."""

    worker_id: str
    exit_code: int
    at: float  # time.time() of the restart
    reason: str


class RelWorkers(Workers):
    """``Workers`` that fail with evidence: what each worker was doing, and who holds the partitions.

    A test that waits on a stalled worker used to sit out pytest's 600 s timeout and say nothing
    (session 6's final CI run). ``diagnose`` collects what the watchdog's own log lines would have
    shown, for the case where the watchdog did not act.

    It is also the workers' supervisor. In production a worker that exits with ``EXIT_STALLED`` (75:
    the watchdog gave up on a stall, or the consumer found an input Faust skipped and refused to
    commit past it) is restarted by systemd (``Restart=on-failure``) or Kubernetes, and that restart
    is part of the guarantee (docs/reliability.md, finding 8). ``assert_alive``, which every wait of
    these tests calls about once a second, does the same: it restarts such a worker with the same
    worker id and settings (hence the same data dir and log file), notes it in the log and in
    :attr:`restarts`. Any other unexpected exit, or more than :data:`MAX_RESTARTS` restarts of one
    worker, still fails the test at once with the diagnosis. Set :attr:`supervise` to ``False`` to
    see every exit as a failure.
    """

    settings: Settings | None = None
    supervise: bool = True

    def __init__(self, tmp_path: Path) -> None:
        super().__init__(tmp_path)
        self.restarts: list[Restart] = []

    def current(self, worker_id: str) -> object:
        """The live process of ``worker_id`` (the newest one started under that id, restarts included)."""
        procs = [proc for wid, proc in self.procs if wid == worker_id]
        assert procs, f"no worker {worker_id}"
        return procs[-1]

    def kill9(self, worker_id: str) -> None:
        """SIGKILL the current process of ``worker_id`` (an expected exit: not restarted, not a failure)."""
        kill9(self.current(worker_id))  # type: ignore[arg-type]

    def _restart(self, index: int, code: int) -> None:
        wid, _ = self.procs[index]
        log = self.logs[index]
        text = log.read_text(errors="replace") if log.exists() else ""
        critical = [ln for ln in text.splitlines() if "[CRITICAL]" in ln]
        reason = critical[-1] if critical else "(no CRITICAL line in its log)"
        n = sum(r.worker_id == wid for r in self.restarts) + 1
        stamp = datetime.datetime.now(datetime.UTC).strftime("%H:%M:%S")
        with log.open("a") as f:
            f.write(f"===== test supervisor {stamp}: {wid} exited with {code}; restart {n}, same settings =====\n")
        print(f"\nSUPERVISOR: {wid} exited with {code} ({reason[:200]}); restart {n}")
        self.restarts.append(Restart(wid, code, time.time(), reason))
        proc = start_worker(self.started_with[wid], log)
        self.procs[index] = (wid, proc)

    def diagnose(self, settings: Settings | None = None) -> str:
        """Each worker's exit code or, if alive, where it waits (SIGUSR1: mode's Worker writes the
        stacks of its threads and asyncio tasks to its log), its watchdog lines and log tail; the
        consumer group as the broker sees it. Works on a plain ``support.Workers`` too
        (``RelWorkers.diagnose(workers, settings)``: the e2e tests' fixture)."""
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
            restarts = [r for r in getattr(self, "restarts", ()) if r.worker_id == wid]
            if restarts:
                state += f", restarted {len(restarts)}x by the test supervisor"
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
        """Restart a worker that exited with ``EXIT_STALLED`` (the supervisor's job, see the class);
        fail at once when a worker died otherwise, with the full diagnosis (not just its log tail)."""
        for index, (wid, proc) in enumerate(self.procs):
            code = proc.poll()  # type: ignore[attr-defined]
            if code is None or getattr(proc, "_ws_expected_exit", False):
                continue
            restarted = sum(r.worker_id == wid for r in self.restarts)
            if self.supervise and code == EXIT_STALLED and wid in self.started_with and restarted < MAX_RESTARTS:
                self._restart(index, code)
                continue
            why = f" after {restarted} restarts (a crash loop)" if code == EXIT_STALLED and restarted else ""
            pytest.fail(f"worker {wid} exited with code {code}{why}\n{self.diagnose(self.settings)}")

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
