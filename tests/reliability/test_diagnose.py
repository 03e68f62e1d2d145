"""The reliability fixtures fail with evidence (a dead worker's exit code, watchdog lines and log tail) and
restart a worker that exits with EXIT_STALLED, as the supervisor the service relies on would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reliability.conftest import MAX_RESTARTS, RelWorkers
from support import Workers
from wirestream.app.watchdog import EXIT_STALLED
from wirestream.devkafka.broker import free_port
from wirestream.settings import Settings

pytestmark = [pytest.mark.reliability]


def test_a_dead_worker_fails_the_test_with_its_exit_code_and_watchdog_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = RelWorkers(tmp_path)
    log = tmp_path / "worker-1.log"
    log.write_text("[x] starting\n[x] [CRITICAL] watchdog: still stalled in a rebalance: lag=...\n")
    proc = subprocess.Popen([sys.executable, "-c", "raise SystemExit(75)"])
    proc.wait(30)
    w.procs.append(("worker-1", proc))
    w.logs.append(log)
    with pytest.raises(pytest.fail.Exception) as info:
        w.assert_alive()
    msg = str(info.value)
    assert "worker worker-1 exited with code 75" in msg
    assert "watchdog lines: [x] [CRITICAL] watchdog: still stalled" in msg
    assert f"===== worker-1 (pid {proc.pid}, exited 75, 2 log lines" in msg


def _fake_workers(monkeypatch: pytest.MonkeyPatch, tmp_path, exit_codes: list[int]) -> list[object]:  # type: ignore[no-untyped-def]
    """Replace ``start_worker`` with processes that exit with ``exit_codes`` in turn (then run until killed);
    each writes a CRITICAL line like the consumer's to its log first. Returns the settings of each start."""
    calls: list[object] = []

    def fake(settings, log_path):  # type: ignore[no-untyped-def]
        code = exit_codes[len(calls)] if len(calls) < len(exit_codes) else None
        calls.append(settings)
        body = f"raise SystemExit({code})" if code is not None else "import time; time.sleep(120)"
        line = f"[x] [CRITICAL] consumer: start {len(calls)}: Faust skipped an input"
        with log_path.open("a") as f:
            f.write(line + "\n")
        return subprocess.Popen([sys.executable, "-c", body], start_new_session=True)

    monkeypatch.setattr(sys.modules[RelWorkers.__module__], "start_worker", fake)
    monkeypatch.setattr(sys.modules[Workers.__module__], "start_worker", fake)
    return calls


def _settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(app_id="ws-supervisor-test", data_dir=tmp_path / "data", metrics={"port": free_port()})  # type: ignore[arg-type]


def _wait_exit(proc: object) -> None:
    proc.wait(30)  # type: ignore[attr-defined]


def test_a_worker_exiting_75_is_restarted_with_its_id_and_settings_and_counted(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    calls = _fake_workers(monkeypatch, tmp_path, [EXIT_STALLED, 1])
    w = RelWorkers(tmp_path)
    first = w.start(_settings(tmp_path), "worker-1")
    _wait_exit(first)
    w.assert_alive()  # the supervisor's restart, not a failure
    assert [(r.worker_id, r.exit_code) for r in w.restarts] == [("worker-1", EXIT_STALLED)]
    assert "Faust skipped an input" in w.restarts[0].reason
    assert len(calls) == 2 and calls[1] == calls[0]  # same worker id, data dir and metrics port
    second = w.current("worker-1")
    assert second is not first
    assert "test supervisor" in (tmp_path / "worker-1.log").read_text()
    # Any other exit code still fails the test at once, with the diagnosis.
    _wait_exit(second)
    with pytest.raises(pytest.fail.Exception) as info:
        w.assert_alive()
    msg = str(info.value)
    assert "worker worker-1 exited with code 1" in msg and "restarted 1x by the test supervisor" in msg


def test_a_worker_that_keeps_exiting_75_fails_the_test_as_a_crash_loop(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _fake_workers(monkeypatch, tmp_path, [EXIT_STALLED] * (MAX_RESTARTS + 1))
    w = RelWorkers(tmp_path)
    w.start(_settings(tmp_path), "worker-1")
    with pytest.raises(pytest.fail.Exception) as info:
        for _ in range(MAX_RESTARTS + 1):
            _wait_exit(w.current("worker-1"))
            w.assert_alive()
    assert len(w.restarts) == MAX_RESTARTS
    assert f"exited with code {EXIT_STALLED} after {MAX_RESTARTS} restarts (a crash loop)" in str(info.value)


def test_a_worker_killed_on_purpose_is_not_restarted(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _fake_workers(monkeypatch, tmp_path, [])
    w = RelWorkers(tmp_path)
    w.start(_settings(tmp_path), "worker-1")
    w.kill9("worker-1")
    w.assert_alive()
    assert w.restarts == [] and len(w.procs) == 1
