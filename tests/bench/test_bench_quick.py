"""``python -m bench --quick`` runs end to end (CI): every part produces its figures.

Why no timing assertions: CI machines are shared and small, and quick mode uses tiny sizes; the
figures to quote come from a full run on a known machine (bench/README.md). This only checks that
the suite *runs* — against the session's real broker — and that the summary has every part and row.
Results go to a temp dir so the committed figures in bench/results/ are never overwritten.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wirestream.devkafka import DevKafka

pytestmark = [pytest.mark.kafka, pytest.mark.slow, pytest.mark.timeout(1800)]
REPO = Path(__file__).resolve().parents[2]


def test_bench_quick_runs(kafka_broker: DevKafka, tmp_path: Path) -> None:
    st = kafka_broker.state()
    assert st is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRESTREAM_")}
    env.update(WIRESTREAM_BENCH_BOOTSTRAP=st.bootstrap, WIRESTREAM_BENCH_RESULTS=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], cwd=REPO, env=env, capture_output=True, text=True, timeout=1700
    )
    summary_path = tmp_path / "summary.json"
    assert summary_path.exists(), proc.stdout[-4000:] + proc.stderr[-4000:]
    summary = json.loads(summary_path.read_text())
    assert summary["errors"] == {}, summary["errors"]
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    for part in ("pipeline", "dedupe", "memory", "e2e", "latency"):
        assert part in summary, part
    assert set(summary["e2e"]["ratios"]) == {
        "wirestream/aiokafka-passthrough",
        "wirestream/faust-identity",
        "wirestream/aiokafka+pipeline",
    }
    # every variant saw every input (one outcome per input for wirestream)
    assert summary["e2e"]["wirestream"]["outcomes"] >= summary["e2e"]["articles"]
    assert summary["latency"]["enriched"]["count"] > 0
    figures = [row["figure"] for row in summary["table"]]
    assert any(f.startswith("e2e 1 worker") for f in figures)
    assert any(f.startswith("latency") for f in figures)
