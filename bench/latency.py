"""Latency publish → enriched at a steady offered rate (default 200 articles/s), one worker (or ``--workers N``).

    .venv/bin/python -m bench.latency [--quick] [--rate 200] [--seconds 30] [--workers 2]
    .venv/bin/python -m bench.latency --tree A --tree A --label zstd --label snappy \
        --set snappy:producer_compression=snappy --rounds 3        # two settings of one tree, alternated

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
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from . import write_result
from .corpus import generate, mix
from .e2e import (
    ROOT,
    bench_settings,
    broker,
    create_all,
    outcome_topics,
    parse_sets,
    read_records,
    start_workers,
    wait_for,
    worker_logs,
)

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


def _input_of(value: bytes) -> tuple[int, int, float]:
    """(raw partition, raw offset, publisher timestamp ms) from any record carrying ``provenance``."""
    p = orjson.loads(value)["provenance"]
    return p["partition"], p["offset"], datetime.fromisoformat(p["timestamp"]).timestamp() * 1000


def hop_breakdown(internal: list[Any], outcomes: list[Any], start_ms: float) -> dict[str, Any]:
    """Per-hop latency of the enriched articles: publish → normalised → deduplicated → enriched.

    Each hop is the difference of broker append times (``LogAppendTime`` on the internal topics, for
    the bench only), so it holds the consumer's fetch wait, the stage's CPU and queueing, and the
    producer's linger and request; joined per input by the raw (partition, offset) in ``provenance``.
    """
    appended: dict[str, dict[tuple[int, int], float]] = {"normalised": {}, "deduplicated": {}, "enriched": {}}
    sent: dict[tuple[int, int], float] = {}
    for r in internal:
        if r.value is None or r.value.startswith(b"__wirestream"):
            continue  # embargo ticks
        part, off, ts = _input_of(r.value)
        kind = "normalised" if r.topic.endswith(".normalised") else "deduplicated"
        appended[kind].setdefault((part, off), r.timestamp)
        sent[(part, off)] = ts
    for r in outcomes:
        if r.value is not None and dict(r.headers or ()).get("wirestream.outcome") == b"enriched":
            part, off, ts = _input_of(r.value)
            appended["enriched"].setdefault((part, off), r.timestamp)
    hops: dict[str, list[float]] = {"publish->normalised": [], "normalised->deduplicated": [],
                                    "deduplicated->enriched": []}  # fmt: skip
    for k, t3 in appended["enriched"].items():
        t0, t1, t2 = sent.get(k), appended["normalised"].get(k), appended["deduplicated"].get(k)
        if t0 is None or t1 is None or t2 is None or t0 < start_ms:
            continue
        hops["publish->normalised"].append(t1 - t0)
        hops["normalised->deduplicated"].append(t2 - t1)
        hops["deduplicated->enriched"].append(t3 - t2)
    return {name: {f"p{int(q * 100)}_ms": round(percentile(xs, q), 1) for q in (0.5, 0.95, 0.99)} | {"count": len(xs)}
            for name, xs in hops.items() if xs}  # fmt: skip


def wait_settled(logs: list[Path], quiet: float = 6.0, timeout: float = 180.0) -> float:
    """Wait until every worker logged "Worker ready" and no new partition assignment appeared for ``quiet`` s.

    Several workers joining one group rebalance a few times in their first seconds (each join, and
    Faust's table recovery); a rebalance inside the measured window is start-up, not steady state.
    Returns the seconds waited.
    """
    t0 = last_change = time.monotonic()
    seen = -1
    while time.monotonic() - t0 < timeout:
        texts = [p.read_text(errors="replace") if p.exists() else "" for p in logs]
        count = sum(t.count("Setting newly assigned partitions") for t in texts)
        if count != seen:
            seen, last_change = count, time.monotonic()
        if all("Worker ready" in t for t in texts) and time.monotonic() - last_change >= quiet:
            return round(time.monotonic() - t0, 1)
        time.sleep(0.5)
    raise TimeoutError(f"workers did not settle in {timeout:.0f} s: {logs}")


def run(bootstrap: str, quick: bool = False, rate: float = 200.0, seconds: float | None = None,
        work: Path | None = None, workers: int = 1, **overrides: Any) -> dict[str, Any]:  # fmt: skip
    """``workers`` > 1 starts that many worker processes in one group (their own ids, data dirs and metrics
    ports), as a deployment scales out: the 4 raw and deduplicated partitions are shared between them.
    ``overrides``: worker settings to change (e.g. ``producer_linger_ms=5``), to compare them side by side."""
    from wirestream.workers import stop_worker

    work = work or Path(tempfile.mkdtemp(prefix="ws-bench-latency-"))
    # at 200/s 10 s is already a backlog of minutes for one worker; quick (CI) only shows the part runs: 1 s
    # (200 articles, ~4 s of backlog for one worker at ~50/s) measures the same path as 3 s, which drained ~12 s
    seconds = seconds or (1.0 if quick else 10.0)
    n = int(rate * seconds)
    items = generate(n + 1, 2_000, seed=6)
    n_warm = 20 if quick else max(20, int(rate * 3))
    s = bench_settings(bootstrap, "lat", 4, work / "data", **overrides)
    asyncio.run(create_all(s, internal=True))
    logs = worker_logs(s, work, workers)
    procs = start_workers(s, work, workers)
    settle_s = 0.0
    try:
        # Warm-up: 3 s at the same rate (other articles), outside the figures. The first seconds after a
        # start pay one-off costs (lazily built tagger rules, producer metadata per new output topic,
        # RocksDB first writes) that are start-up, not steady-state latency; their worst case is
        # reported separately as ``warmup_max_ms``.
        warm = [i.value for i in generate(n_warm, 2_000, seed=60)]
        asyncio.run(paced_publish(bootstrap, s.topics.raw, [items[0].value], rate))
        wait_for(bootstrap, outcome_topics(s), 1, 180, procs)
        if workers > 1:
            settle_s = wait_settled(logs)
        warm_ms = time.time() * 1000
        asyncio.run(paced_publish(bootstrap, s.topics.raw, warm, rate))
        wait_for(bootstrap, outcome_topics(s), 1 + n_warm, 120, procs)
        start_ms = time.time() * 1000  # every warm-up article was sent before this
        achieved = asyncio.run(paced_publish(bootstrap, s.topics.raw, [i.value for i in items[1:]], rate))
        got = wait_for(bootstrap, outcome_topics(s), n + 1 + n_warm, 60 + seconds * 4, procs)
    finally:
        for proc in procs:
            stop_worker(proc)
    lat: dict[str, list[float]] = {"enriched": [], "duplicate": []}
    warm_lat: list[float] = []
    worst: dict[int, list[float]] = {}  # second of the run -> latencies: stalls show as spikes
    lat_records = asyncio.run(read_records(bootstrap, outcome_topics(s)))
    for r in lat_records:
        kind = dict(r.headers or ()).get("wirestream.outcome", b"").decode()
        if kind not in lat or r.value is None:
            continue
        ts = orjson.loads(r.value)["provenance"]["timestamp"]
        sent_ms = datetime.fromisoformat(ts).timestamp() * 1000
        if warm_ms <= sent_ms < start_ms:
            warm_lat.append(r.timestamp - sent_ms)
        if sent_ms >= start_ms:
            lat[kind].append(r.timestamp - sent_ms)
            if kind == "enriched":
                worst.setdefault(int((sent_ms - start_ms) / 1000), []).append(r.timestamp - sent_ms)
    out: dict[str, Any] = {"offered_rate": rate, "achieved_publish_rate": round(achieved, 1), "articles": n,
                           "workers": workers, "settle_s": settle_s, "outcomes": got - 1 - n_warm,
                           "mix": mix(items[1:])}  # fmt: skip
    for kind, xs in lat.items():
        if xs:
            out[kind] = {"count": len(xs), **{f"p{int(q * 100)}_ms": round(percentile(xs, q), 1)
                                              for q in (0.5, 0.95, 0.99)}, "max_ms": round(max(xs), 1)}  # fmt: skip
    out["warmup"] = {"articles": n_warm, "max_ms": round(max(warm_lat, default=0.0), 1)}
    out["max_ms_by_second"] = [round(max(worst.get(i, [0.0]))) for i in range(max(worst, default=-1) + 1)]
    out["hops"] = hop_breakdown(asyncio.run(read_records(bootstrap, [s.topics.normalised, s.topics.deduplicated])),
                                lat_records, start_ms)  # fmt: skip
    e = out.get("enriched", {})
    print(f"  latency @ {rate:.0f}/s, {workers} worker(s) (published {achieved:.0f}/s): enriched "
          f"p50 {e.get('p50_ms')} ms, p95 {e.get('p95_ms')} ms, p99 {e.get('p99_ms')} ms", flush=True)  # fmt: skip
    for name, h in out["hops"].items():
        print(f"    {name}: p50 {h['p50_ms']} p95 {h['p95_ms']} p99 {h['p99_ms']} ms", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float)
    ap.add_argument("--bootstrap")
    ap.add_argument("--workers", type=int, default=1, help="worker processes in the group (default 1)")
    ap.add_argument("--tree", action="append", default=[], metavar="DIR",
                    help="run the worker from DIR (a directory holding a wirestream package, e.g. a compiled "
                         "overlay); repeat to compare trees, alternated round by round on one broker")  # fmt: skip
    ap.add_argument("--rounds", type=int, default=1, help="with --tree: rounds over the trees")
    ap.add_argument("--label", action="append", default=[], help="with --tree: a name per tree (default: the tree)")
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="[LABEL:]KEY=VALUE",
        help="with --tree: a worker setting for the run LABEL (or every run), e.g. B:producer_linger_ms=10",
    )
    args = ap.parse_args(argv)
    with broker(args.bootstrap) as bootstrap:
        if not args.tree:
            result = run(bootstrap, args.quick, args.rate, args.seconds, workers=args.workers)
        else:
            result = {"trees": args.tree, "runs": compare_trees(bootstrap, args)}
    write_result(RESULTS, result)
    return 0


def compare_trees(bootstrap: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The same run under each tree in turn, ``rounds`` times (ABAB...), on one broker.

    Why alternated: on a shared machine the neighbours' load drifts by more than the differences
    we look for; alternating puts both trees under the same drift. Only the worker runs the tree
    (``PYTHONPATH`` of the child); the publisher and this process stay on this checkout. Each run
    notes the load average, the figure every comparison on this machine has to be read with.
    ``--label``/``--set`` give a run its own worker settings, so one tree can be compared with
    itself under another setting (a codec, a linger) in the same alternation.
    """
    labels = args.label or list(args.tree)
    if len(labels) != len(args.tree):
        raise SystemExit(f"--label: {len(labels)} labels for {len(args.tree)} trees")
    overrides = parse_sets(args.set, labels)
    runs: list[dict[str, Any]] = []
    old = os.environ.get("PYTHONPATH")
    try:
        for r in range(args.rounds):
            for label, tree in zip(labels, args.tree, strict=True):
                os.environ["PYTHONPATH"] = str(Path(tree).resolve())
                load0 = os.getloadavg()[0]
                print(f"  round {r + 1}, run {label} (tree {tree}, load {load0:.1f})", flush=True)
                res = run(bootstrap, args.quick, args.rate, args.seconds, workers=args.workers, **overrides[label])
                runs.append({"round": r + 1, "run": label, "tree": tree, **overrides[label],
                             "load": [round(load0, 1), round(os.getloadavg()[0], 1)], **res})  # fmt: skip
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return runs


if __name__ == "__main__":
    raise SystemExit(main())
