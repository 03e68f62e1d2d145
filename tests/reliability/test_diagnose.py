"""The reliability fixtures fail with evidence: a dead worker's exit code, watchdog lines and log tail."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reliability.conftest import RelWorkers

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
