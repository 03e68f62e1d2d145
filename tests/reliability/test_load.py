"""Sustained load at the highest rate the worker keeps up with; RSS bounded; lag returns to 0."""

from __future__ import annotations

import asyncio
import os
import threading
import time

import psutil
import pytest

from reliability.rel_support import SOAK, mixed_stream, outputs_written, produce, wait_lag_zero, wait_settled

pytestmark = [pytest.mark.reliability, pytest.mark.kafka]

#: Inputs produced but not yet decided: the producer runs ahead of the worker by at most this much,
#: so the stream rate is the worker's best sustained rate, and lag stays bounded while it lasts.
WINDOW = 600
RSS_LIMIT = 1_500 * 2**20


def test_sustained_load_bounded_rss_and_lag_back_to_zero(make_settings, workers) -> None:
    duration = 300.0 if SOAK else 60.0
    s = make_settings(partitions=2)
    proc = workers.start(s)
    asyncio.run(produce(s, mixed_stream(20, seed=1, first=900_000)))
    wait_settled(s, 20, workers, timeout=240)  # warm: tagger loaded, group joined, tables recovered
    ps = psutil.Process(proc.pid)

    values = mixed_stream(int(duration * 400), seed=5)
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.monotonic(), ps.memory_info().rss))
            stop.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    produced = 20
    base_out = outputs_written(s)
    cpu0 = sum(ps.cpu_times()[:2])  # worker user + system seconds: the rate per CPU-second survives contention
    loads = [os.getloadavg()[0]]
    t0 = time.monotonic()
    max_backlog = 0
    while time.monotonic() - t0 < duration:
        workers.assert_alive()
        if len(loads) < (time.monotonic() - t0) / 15:
            loads.append(os.getloadavg()[0])
        backlog = produced - 20 - (outputs_written(s) - base_out)
        max_backlog = max(max_backlog, backlog)
        if backlog < WINDOW:
            batch = values[produced - 20 : produced - 20 + WINDOW - backlog]
            asyncio.run(produce(s, batch))
            produced += len(batch)
        else:
            time.sleep(0.2)
    stopped = time.monotonic()
    cpu = sum(ps.cpu_times()[:2]) - cpu0
    rate = (produced - 20) / (stopped - t0)

    report = wait_settled(s, produced, workers, timeout=180)
    drained = time.monotonic() - stopped
    lag = wait_lag_zero(s, timeout=120)
    lag_zero = time.monotonic() - stopped
    stop.set()
    sampler.join(5)
    assert report.ok and not report.missing, report.summary()
    rss = [r for _, r in samples]
    third = max(1, len(rss) // 3)
    first, last = max(rss[:third]), max(rss[-third:])
    print(
        f"\nRELIABILITY load: seconds={stopped - t0:.0f} inputs={produced - 20} rate={rate:.0f}/s "
        f"worker_cpu_s={cpu:.0f} per_cpu_s={(produced - 20) / max(cpu, 1e-9):.0f}/CPU-s "
        f"loadavg_1m min={min(loads):.1f} max={max(loads):.1f} "
        f"max_backlog={max_backlog} drain={drained:.1f}s lag0_after={lag_zero:.1f}s lag={sorted(lag.values())} "
        f"rss_mb first_third_max={first / 2**20:.0f} last_third_max={last / 2**20:.0f} "
        f"max={max(rss) / 2**20:.0f} samples={len(rss)} audit={report.summary()}"
    )
    assert max(rss) < RSS_LIMIT, f"worker RSS {max(rss) / 2**20:.0f} MB"
    # Bounded, not just small: the last third may not keep growing past the first by more than 50 % + 100 MB.
    assert last <= first * 1.5 + 100 * 2**20, f"RSS grew from {first / 2**20:.0f} to {last / 2**20:.0f} MB"
    assert rate > 5, f"only {rate:.1f} inputs/s"
