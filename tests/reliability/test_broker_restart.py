"""The broker goes away mid-stream (SIGTERM, then SIGKILL) and comes back on the same data dir.

A separate broker in a tmp dir, so the session broker is untouched. The worker is never restarted
by the test: it must ride out both outages, resume by itself, and every input must get an outcome.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

import pytest

from reliability.rel_support import SOAK, mixed_stream, outputs_written, own_broker_settings, produce, wait_settled
from wirestream.devkafka import DevKafka
from wirestream.devkafka.broker import _pid_alive
from wirestream.routing import load_routing
from wirestream.settings import DevKafkaSettings, Settings
from wirestream.topics import create_topics, planned_topics

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]
REPO = Path(__file__).resolve().parents[2]


def _settings(bootstrap: str, tmp_path: Path) -> Settings:
    return own_broker_settings("brk", tmp_path, {"bootstrap_servers": bootstrap})


def _down(dk: DevKafka, sig: int) -> float:
    st = dk.state()
    assert st is not None
    t = time.monotonic()
    dk.kill(sig)
    while _pid_alive(st.pid):
        assert time.monotonic() - t < 60, "broker did not exit"
        time.sleep(0.1)
    return time.monotonic() - t


@pytest.fixture
def own_broker(tmp_path: Path):  # type: ignore[no-untyped-def]
    dk = DevKafka(DevKafkaSettings(home=tmp_path / "kafka", cache=REPO / ".cache" / "kafka"))
    dk.start(fresh=True)
    yield dk
    dk.stop()


def test_worker_rides_out_broker_sigterm_and_sigkill(own_broker: DevKafka, workers, tmp_path: Path) -> None:
    dk = own_broker
    st = dk.state()
    assert st is not None
    s = _settings(st.bootstrap, tmp_path)
    asyncio.run(create_topics(s, planned_topics(s, load_routing(s.routing_file))))
    per_phase = 1_000 if SOAK else 200
    values = mixed_stream(per_phase * 3, seed=3)
    phases = [values[i * per_phase : (i + 1) * per_phase] for i in range(3)]
    t0 = time.monotonic()
    workers.start(s)
    asyncio.run(produce(s, phases[0]))
    outages = []
    for k, sig in enumerate((signal.SIGTERM, signal.SIGKILL)):
        # Pull the broker away while the worker is busy with this phase.
        deadline = time.monotonic() + 240
        while outputs_written(s) < k * per_phase + per_phase // 3:
            workers.assert_alive()
            assert time.monotonic() < deadline, "worker made no progress"
            time.sleep(0.3)
        stopped_in = _down(dk, sig)
        time.sleep(5.0)  # a real outage: the worker's connections fail for a while
        workers.assert_alive()
        t_up = time.monotonic()
        st2 = dk.start()
        assert st2.port == st.port, "restart must keep the port (clients reconnect to the same address)"
        outages.append((sig.name, round(stopped_in, 1), round(time.monotonic() - t_up, 1)))
        asyncio.run(produce(s, phases[k + 1]))
    report = wait_settled(s, len(values), workers, timeout=300)
    workers.assert_alive()
    assert report.ok, report.summary()
    assert report.inputs == len(values) and not report.missing
    print(
        f"\nRELIABILITY broker-restart: inputs={len(values)} outages(signal, exit_s, restart_s)={outages} "
        f"seconds={time.monotonic() - t0:.0f} repeated={len(report.repeated)} summary={report.summary()}"
    )
