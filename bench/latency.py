"""Latency publish → enriched at a steady offered rate (default 200 articles/s), one worker.

    .venv/bin/python -m bench.latency [--quick] [--rate 200] [--seconds 30]

Why measured this way: the start of the interval is the raw record's timestamp, set by the
publisher when it sends (``timestamp_ms``) and carried by the worker into the record's
``provenance.timestamp``; the end is the broker's append time of the enriched record
(``LogAppendTime`` on the output topics). Both clocks are this machine's, and neither the bench's
consumer nor its polling is inside the interval. The publisher paces itself to the offered rate
(absolute schedule, so a slow send does not lower the rate) after a warm-up article has gone
through, so the worker's start-up is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from .corpus import generate, mix
from .e2e import ROOT, bench_settings, broker, create_all, outcome_topics, read_records, wait_for

RESULTS = ROOT / "bench" / "results" / "latency.json"


async def paced_publish(bootstrap: str, topic: str, values: list[bytes], rate: float) -> float:
    """Send ``values`` at ``rate``/s on an absolute schedule; returns the achieved rate."""
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=0, acks=1)
    await producer.start()
    futures = []
    try:
        t0 = time.perf_counter()
        for i, v in enumerate(values):
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            futures.append(await producer.send(topic, v, timestamp_ms=int(time.time() * 1000)))
        for f in futures:
            await f
        return len(values) / (time.perf_counter() - t0)
    finally:
        await producer.stop()


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def run(bootstrap: str, quick: bool = False, rate: float = 200.0, seconds: float | None = None,
        work: Path | None = None) -> dict[str, Any]:  # fmt: skip
    from wirestream.workers import start_worker, stop_worker

    work = work or Path(tempfile.mkdtemp(prefix="ws-bench-latency-"))
    seconds = seconds or 10.0  # at 200/s that is already a backlog of minutes for one worker
    n = int(rate * seconds)
    items = generate(n + 1, 2_000, seed=6)
    s = bench_settings(bootstrap, "lat", 4, work / "data")
    asyncio.run(create_all(s))
    proc = start_worker(s, work / f"{s.app_id}.log")
    try:
        asyncio.run(paced_publish(bootstrap, s.topics.raw, [items[0].value], rate))  # warm-up
        wait_for(bootstrap, outcome_topics(s), 1, 180, [proc])
        start_ms = time.time() * 1000  # the warm-up article was sent before this
        achieved = asyncio.run(paced_publish(bootstrap, s.topics.raw, [i.value for i in items[1:]], rate))
        got = wait_for(bootstrap, outcome_topics(s), n + 1, 60 + seconds * 4, [proc])
    finally:
        stop_worker(proc)
    lat: dict[str, list[float]] = {"enriched": [], "duplicate": []}
    for r in asyncio.run(read_records(bootstrap, outcome_topics(s))):
        kind = dict(r.headers or ()).get("wirestream.outcome", b"").decode()
        if kind not in lat or r.value is None:
            continue
        ts = orjson.loads(r.value)["provenance"]["timestamp"]
        sent_ms = datetime.fromisoformat(ts).timestamp() * 1000
        if sent_ms >= start_ms:
            lat[kind].append(r.timestamp - sent_ms)
    out: dict[str, Any] = {"offered_rate": rate, "achieved_publish_rate": round(achieved, 1), "articles": n,
                           "outcomes": got, "mix": mix(items[1:])}  # fmt: skip
    for kind, xs in lat.items():
        if xs:
            out[kind] = {"count": len(xs), **{f"p{int(q * 100)}_ms": round(percentile(xs, q), 1)
                                              for q in (0.5, 0.95, 0.99)}, "max_ms": round(max(xs), 1)}  # fmt: skip
    e = out.get("enriched", {})
    print(f"  latency @ {rate:.0f}/s (published {achieved:.0f}/s): enriched p50 {e.get('p50_ms')} ms, "
          f"p95 {e.get('p95_ms')} ms, p99 {e.get('p99_ms')} ms", flush=True)  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float)
    ap.add_argument("--bootstrap")
    args = ap.parse_args(argv)
    with broker(args.bootstrap) as bootstrap:
        result = run(bootstrap, args.quick, args.rate, args.seconds)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
