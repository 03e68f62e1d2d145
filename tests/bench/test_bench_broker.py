"""A bench stopped with SIGTERM stops the broker it started (it used to leave the java process running)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# The bench's broker() with DevKafka replaced by a stand-in that records stop(); the process then
# receives SIGTERM while inside the context, as a timed-out or killed bench does.
CHILD = """
import os, pathlib, signal, sys, time
import wirestream.devkafka as devkafka

class Stand_in:
    def __init__(self, settings): pass
    def start(self, fresh): return type("State", (), {"bootstrap": "127.0.0.1:1"})()
    def stop(self): pathlib.Path(sys.argv[1]).write_text("stopped")

devkafka.DevKafka = Stand_in
from bench.e2e import broker
with broker() as bootstrap:
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)
"""


def test_sigterm_inside_the_bench_broker_stops_it(tmp_path: Path) -> None:
    marker = tmp_path / "stopped"
    proc = subprocess.run([sys.executable, "-c", CHILD, str(marker)], cwd=REPO, capture_output=True, timeout=60)
    assert marker.exists(), proc.stderr.decode()[-2000:]
    assert proc.returncode == 128 + signal.SIGTERM
