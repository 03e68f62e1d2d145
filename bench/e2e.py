"""End to end through the real broker, one worker: wirestream vs the baselines users would pick.

    .venv/bin/python -m bench.e2e [--quick]
    .venv/bin/python -m bench.e2e digest [--tree <dir with a wirestream package>]...   # output equivalence
    .venv/bin/python -m bench.e2e digest --tree A --tree B --rounds 3 [--set B:producer_compression=snappy]
    .venv/bin/python -m bench.e2e produce --compression zstd --compression snappy --rounds 6   # the producer alone

In one run, on one broker, with the same corpus bytes (:mod:`bench.corpus`) preloaded into a fresh
raw topic of the same partition count for each variant:

* ``wirestream``: the real worker process (``wirestream worker``: 3 Faust agents, 2 internal hops);
* ``wirestream-compiled`` (full mode): the same worker running the optional mypyc build of the
  tagging modules (``setup.py``; built by :func:`bench.compiled.build`), as the Docker image does;
* ``aiokafka-passthrough``: a bare aiokafka consume → produce loop (no work; the client/broker
  ceiling any Python service on this machine starts from);
* ``faust-identity``: a Faust app with one agent forwarding each event unchanged (Faust's own cost);
* ``aiokafka+pipeline``: the same :class:`~wirestream.pipeline.Pipeline` called from a bare
  aiokafka loop (what a user writing it by hand without Faust would get; same work, no tables,
  no repartition hop).

Why a preloaded backlog: every variant starts after its input is in the topic, and throughput is
measured from the *broker's* append time (``message.timestamp.type=LogAppendTime`` on the output
topics) of the first to the last output record, so worker start-up (≈ 15–35 s for wirestream:
tagger data) and the bench's own polling are outside the figure. All producers use the same
linger and compression as the wirestream worker.

Each baseline is a child process started by this module (``python -m bench.e2e _passthrough …``),
like the worker, so the comparison is process against process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wirestream.settings import DevKafkaSettings, Settings, TopicSettings, to_env

from . import compiled, write_result
from .corpus import Item, generate, mix

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "e2e.json"
LOG_APPEND = {"message.timestamp.type": "LogAppendTime"}


# --------------------------------------------------------------------------- broker and topics


@contextlib.contextmanager
def broker(bootstrap: str | None = None) -> Iterator[str]:
    """A broker to run against: the given one, or a fresh local one (jars from the usual cache)."""
    if bootstrap:
        yield bootstrap
        return
    from wirestream.devkafka import DevKafka

    cache = Path(os.environ.get("WIRESTREAM_DEVKAFKA__CACHE", ROOT / ".cache" / "kafka"))
    # A bench killed with SIGTERM (a timeout, `kill`) would exit without unwinding, leaving its broker
    # running; as SystemExit the finally below stops it. (SIGKILL cannot be caught.)
    main = threading.current_thread() is threading.main_thread()  # only there can a handler be set
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm) if main else None
    try:
        with tempfile.TemporaryDirectory(prefix="ws-bench-kafka-") as home:
            dk = DevKafka(DevKafkaSettings(home=Path(home), cache=cache, heap="1g"))
            st = dk.start(fresh=True)
            try:
                yield st.bootstrap
            finally:
                dk.stop()
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


_COUNTER = iter(range(1_000_000))


def bench_settings(bootstrap: str, name: str, partitions: int, data_dir: Path, **overrides: Any) -> Settings:
    """Settings with topics and app id unique to this variant (like the test fixtures)."""
    tag = f"{name}-{int(time.time() * 1000) % 10_000_000}-{next(_COUNTER)}"
    topics = TopicSettings(
        raw=f"b.{tag}.raw", normalised=f"b.{tag}.normalised", deduplicated=f"b.{tag}.deduplicated",
        enriched=f"b.{tag}.enriched", duplicates=f"b.{tag}.duplicates", deadletter=f"b.{tag}.deadletter",
        events_prefix=f"b.{tag}.events.", partitions=partitions,
    )  # fmt: skip
    from wirestream.devkafka.broker import free_port

    return Settings(  # own data dir: Faust's RocksDB paths do not include the app id
        app_id=f"wsb-{tag}", data_dir=data_dir / tag, topics=topics, kafka={"bootstrap_servers": bootstrap},
        metrics={"port": free_port()}, **overrides,
    )  # fmt: skip


def outcome_topics(s: Settings) -> list[str]:
    """The topics on which every input has exactly one outcome record (route copies excluded)."""
    return [s.topics.enriched, s.topics.duplicates, s.topics.deadletter]


async def create_all(s: Settings, internal: bool = False) -> None:
    """Every wirestream topic, with broker append time on the outcome topics (what we time by).

    ``internal``: the two internal topics too, so the latency bench can time each hop.
    """
    from wirestream.routing import load_routing
    from wirestream.topics import TopicSpec, create_topics, planned_topics

    outs = set(outcome_topics(s)) | ({s.topics.normalised, s.topics.deduplicated} if internal else set())
    specs = [
        TopicSpec(t.name, t.partitions, {**t.config, **LOG_APPEND}) if t.name in outs else t
        for t in planned_topics(s, load_routing(s.routing_file))
    ]
    await create_topics(s, specs)


async def create_plain(s: Settings, names: list[str], log_append: list[str]) -> None:
    from wirestream.topics import TopicSpec, create_topics

    await create_topics(s, [TopicSpec(n, s.topics.partitions, LOG_APPEND if n in log_append else {}) for n in names])


# --------------------------------------------------------------------------- produce, wait, read


async def publish(bootstrap: str, topic: str, values: list[bytes]) -> float:
    """Send every value (acks=all, batched); returns seconds taken."""
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, acks="all", max_request_size=4_000_000)
    await producer.start()
    t0 = time.perf_counter()
    try:
        futures = [await producer.send(topic, v) for v in values]
        for f in futures:
            await f
    finally:
        await producer.stop()
    return time.perf_counter() - t0


async def end_total(bootstrap: str, topics: list[str]) -> int:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await consumer.start()
    try:
        tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        if not tps:
            await consumer._client.force_metadata_update()
            tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        ends = await consumer.end_offsets(tps)
        return sum(ends.values())
    finally:
        await consumer.stop()


def _cpu(procs: list[Any]) -> float:
    """User+system CPU seconds of the child processes (0 for any that is gone)."""
    return sum(_cpu_split(procs))


def _cpu_split(procs: list[Any]) -> tuple[float, float]:
    """(user, system) CPU seconds of the child processes: the kernel's share (socket writes to the
    broker) is reported apart, because a wall-time profiler counts a thread blocked in ``send`` as
    busy (py-spy put ≈ 11 % of the worker's samples there; the kernel's CPU was ≈ 2 %)."""
    import psutil

    user = system = 0.0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            t = psutil.Process(p.pid).cpu_times()
            user += t.user
            system += t.system
    return user, system


def wait_for(bootstrap: str, topics: list[str], expected: int, timeout: float, procs: list[Any],
             cpu: dict[str, float] | None = None) -> int:  # fmt: skip
    """Poll the topics' end offsets until ``expected`` records are there (or a child died / timeout).

    ``cpu``, when given, gets the children's CPU seconds and the output count at the first poll that
    saw output and at the end: the machine is shared, so CPU-seconds per article is the figure that
    does not depend on the neighbours (wall-clock throughput does).
    """
    deadline = time.monotonic() + timeout
    n = 0
    while time.monotonic() < deadline:
        n = asyncio.run(end_total(bootstrap, topics))
        if cpu is not None and n > 0 and "cpu0" not in cpu:
            user, system = _cpu_split(procs)
            cpu.update(cpu0=user + system, sys0=system, n0=n)
        if n >= expected:
            if cpu is not None:
                user, system = _cpu_split(procs)
                cpu.update(cpu1=user + system, sys1=system, n1=n)
            return n
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"child process exited with {p.returncode}")
        time.sleep(0.5)
    return n


def cpu_figures(cpu: dict[str, float]) -> dict[str, float]:
    done = cpu.get("n1", 0) - cpu.get("n0", 0)
    spent = cpu.get("cpu1", 0) - cpu.get("cpu0", 0)
    if done <= 0 or spent <= 0:
        return {}
    out = {"articles_per_cpu_s": round(done / spent, 1), "cpu_ms_per_article": round(spent / done * 1000, 2)}
    if "sys1" in cpu:
        out["sys_ms_per_article"] = round((cpu["sys1"] - cpu.get("sys0", 0)) / done * 1000, 3)
    return out


async def read_records(bootstrap: str, topics: list[str]) -> list[Any]:
    """Every record currently in ``topics`` (read from the start up to the end offsets)."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, max_partition_fetch_bytes=8 << 20
    )
    await consumer.start()
    out: list[Any] = []
    try:
        await consumer._client.force_metadata_update()
        tps = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        ends = await consumer.end_offsets(tps)
        todo = {tp for tp in tps if ends[tp] > 0}
        while todo:
            batch = await consumer.getmany(*todo, timeout_ms=1000)
            for tp, recs in batch.items():
                out.extend(recs)
                if recs and recs[-1].offset + 1 >= ends[tp]:
                    todo.discard(tp)
    finally:
        await consumer.stop()
    return out


def span_throughput(records: list[Any], n: int) -> dict[str, float]:
    """Outputs per second between the first and the last broker append (LogAppendTime)."""
    ts = sorted(r.timestamp for r in records)
    span = max((ts[-1] - ts[0]) / 1000, 1e-3)
    return {"records": len(records), "span_s": round(span, 3), "articles_per_s": round((n - 1) / span, 1)}


# --------------------------------------------------------------------------- child processes


def _child(args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as fh:
        return subprocess.Popen(
            [sys.executable, "-m", "bench.e2e", *args], cwd=ROOT, env={**os.environ, **(env or {})},
            stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


async def _passthrough(bootstrap: str, src: str, dst: str, group: str, linger: int, compression: str | None,
                       work: bool) -> None:  # fmt: skip
    """Bare aiokafka loop: getmany → (optionally Pipeline.process) → send → flush → commit."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    pipeline = None
    if work:
        from wirestream.embedded import build_pipeline
        from wirestream.models import Provenance, RawInput

        pipeline = build_pipeline(Settings())
    consumer = AIOKafkaConsumer(src, bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False,
                                auto_offset_reset="earliest", max_partition_fetch_bytes=8 << 20)  # fmt: skip
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=linger, compression_type=compression,
                                max_request_size=8 << 20)  # fmt: skip
    await consumer.start()
    await producer.start()
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stopping.set)
    try:
        while not stopping.is_set():
            batch = await consumer.getmany(timeout_ms=200, max_records=500)
            for tp, recs in batch.items():
                for r in recs:
                    if pipeline is None:
                        await producer.send(dst, r.value, key=r.key, headers=list(r.headers or ()))
                        continue
                    prov = Provenance(
                        topic=tp.topic, partition=tp.partition, offset=r.offset, received_at=datetime_now()
                    )
                    raw = RawInput(value=r.value or b"", key=r.key, provenance=prov)
                    for m in pipeline.process(raw).messages:  # outcome + route copies, as the worker
                        await producer.send(m.topic, m.value, key=m.key, headers=list(m.headers))
            if batch:
                await producer.flush()
                await consumer.commit()
    finally:
        await producer.stop()
        await consumer.stop()


def datetime_now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _faust_identity(bootstrap: str, src: str, dst: str, app_id: str, linger: int, compression: str | None,
                    partitions: int, datadir: str) -> None:  # fmt: skip
    """A Faust app configured like wirestream's (same linger, compression, commit settings), one agent
    forwarding every event unchanged."""
    import faust

    s = Settings()
    app = faust.App(
        app_id, broker=f"kafka://{bootstrap}", datadir=datadir, topic_partitions=partitions,
        topic_allow_declare=True, topic_disable_leader=True, processing_guarantee=s.processing_guarantee,
        consumer_auto_offset_reset="earliest", web_enabled=False, producer_linger_ms=linger,
        producer_compression_type=compression, broker_commit_every=s.commit_every,
        broker_commit_interval=s.commit_interval_seconds, stream_wait_empty=True,
        key_serializer="raw", value_serializer="raw",
    )  # fmt: skip
    src_t = app.topic(src, key_type=bytes, value_type=bytes, allow_empty=True)
    dst_t = app.topic(dst, key_type=bytes, value_type=bytes, allow_empty=True)

    @app.agent(src_t, name="identity", concurrency=1)
    async def identity(stream: Any) -> None:
        async for event in stream.events():
            await dst_t.send(key=event.key, value=event.value, headers=list(event.headers or ()))

    sys.argv = [sys.argv[0], "worker"]
    faust.Worker(app, loglevel="warning", quiet=True).execute_from_commandline()


# --------------------------------------------------------------------------- variants


def worker_logs(s: Settings, work: Path, workers: int) -> list[Path]:
    """The log file of each of ``workers`` worker processes started by :func:`start_workers`."""
    return [work / f"{s.app_id}-w{k}.log" for k in range(workers)]


def start_workers(s: Settings, work: Path, workers: int) -> list[subprocess.Popen[bytes]]:
    """``workers`` worker processes in one group: each its own worker id (so its own data dir) and metrics port."""
    from wirestream.workers import start_worker

    def own(k: int) -> Settings:
        return s.model_copy(
            update={"worker_id": f"w{k}", "metrics": s.metrics.model_copy(update={"port": s.metrics.port + k})}
        )

    return [start_worker(own(k), log) for k, log in enumerate(worker_logs(s, work, workers))]


def run_wirestream(bootstrap: str, items: list[Item], partitions: int, work: Path, workers: int = 1,
                   timeout: float = 900, **overrides: Any) -> dict[str, Any]:  # fmt: skip
    from wirestream.workers import stop_worker

    s = bench_settings(bootstrap, "ws", partitions, work / "data", **overrides)
    asyncio.run(create_all(s))
    asyncio.run(publish(bootstrap, s.topics.raw, [i.value for i in items]))
    t0 = time.perf_counter()
    procs = start_workers(s, work, workers)
    cpu: dict[str, float] = {}
    try:
        got = wait_for(bootstrap, outcome_topics(s), len(items), timeout, procs, cpu)
        total = time.perf_counter() - t0
    finally:
        for p in procs:
            stop_worker(p)
    recs = asyncio.run(read_records(bootstrap, outcome_topics(s)))
    recs = [r for r in recs if dict(r.headers or ()).get("wirestream.outcome") != b"tombstone"]
    out = span_throughput(recs, len(items))
    out.update({"outcomes": got, "wall_incl_startup_s": round(total, 1), "partitions": partitions, "workers": workers})
    out.update(cpu_figures(cpu))
    return out


def run_baseline(kind: str, bootstrap: str, items: list[Item], partitions: int, work: Path,
                 linger: int, compression: str | None, timeout: float = 600) -> dict[str, Any]:  # fmt: skip
    s = bench_settings(bootstrap, kind.replace("+", "-"), partitions, work / "data")
    src, dst = s.topics.raw, s.topics.enriched
    outs = outcome_topics(s) if kind == "aiokafka+pipeline" else [dst]
    if kind == "aiokafka+pipeline":
        asyncio.run(create_all(s))
    else:
        asyncio.run(create_plain(s, [src, dst], [dst]))
    asyncio.run(publish(bootstrap, src, [i.value for i in items]))
    comp = compression or "none"
    if kind == "faust-identity":
        args = ["_faust_identity", bootstrap, src, dst, s.app_id, str(linger), comp, str(partitions),
                str(work / "data" / s.app_id)]  # fmt: skip
    else:
        args = ["_passthrough", bootstrap, src, dst, s.app_id, str(linger), comp,
                "1" if kind == "aiokafka+pipeline" else "0"]  # fmt: skip
    t0 = time.perf_counter()
    proc = _child(args, work / f"{s.app_id}.log", to_env(s) if kind == "aiokafka+pipeline" else None)
    cpu: dict[str, float] = {}
    try:
        wait_for(bootstrap, outs, len(items), timeout, [proc], cpu)
        total = time.perf_counter() - t0
    finally:
        stop(proc)
    recs = [r for r in asyncio.run(read_records(bootstrap, outs))
            if dict(r.headers or ()).get("wirestream.outcome") != b"tombstone"]  # fmt: skip
    out = span_throughput(recs, len(items))
    out.update({"wall_incl_startup_s": round(total, 1), "partitions": partitions, "workers": 1})
    out.update(cpu_figures(cpu))
    return out


def run(bootstrap: str, quick: bool = False, work: Path | None = None) -> dict[str, Any]:
    """The side-by-side comparison (one worker, same partitions, same bytes) plus ratios."""
    work = work or Path(tempfile.mkdtemp(prefix="ws-bench-e2e-"))
    n = 200 if quick else 1_500  # quick (CI): the part runs; 200 inputs still span every format and copy kind
    items = generate(n, 2_000, seed=3)
    s = Settings()
    linger, comp = s.producer_linger_ms, s.producer_compression
    partitions = s.topics.partitions
    res: dict[str, Any] = {"articles": n, "size": 2_000, "mix": mix(items), "partitions": partitions,
                           "linger_ms": linger, "compression": comp}  # fmt: skip
    variants = ["aiokafka-passthrough", "faust-identity", "aiokafka+pipeline"]
    ours = ["wirestream"]
    res["wirestream"] = run_wirestream(bootstrap, items, partitions, work)
    print(f"  e2e wirestream            {res['wirestream']['articles_per_s']:>9.1f} articles/s "
          f"({res['wirestream'].get('articles_per_cpu_s')}/CPU-s)", flush=True)  # fmt: skip
    if not quick:
        with pythonpath(compiled.build()):
            res["wirestream-compiled"] = run_wirestream(bootstrap, items, partitions, work)
        ours.append("wirestream-compiled")
        print(f"  e2e wirestream-compiled   {res['wirestream-compiled']['articles_per_s']:>9.1f} articles/s "
              f"({res['wirestream-compiled'].get('articles_per_cpu_s')}/CPU-s)", flush=True)  # fmt: skip
    for kind in variants:
        res[kind] = run_baseline(kind, bootstrap, items, partitions, work, linger, comp)
        print(f"  e2e {kind:<22}{res[kind]['articles_per_s']:>9.1f} articles/s "
              f"({res[kind].get('articles_per_cpu_s')}/CPU-s)", flush=True)  # fmt: skip
    res["ratios"], res["ratios_cpu"] = {}, {}
    for w in ours:
        ws, ws_cpu = res[w]["articles_per_s"], res[w].get("articles_per_cpu_s")
        for k in variants:
            res["ratios"][f"{w}/{k}"] = round(ws / res[k]["articles_per_s"], 4)
            # the same ratios per CPU-second of the worker process (robust to the neighbours' load)
            if ws_cpu and res[k].get("articles_per_cpu_s"):
                res["ratios_cpu"][f"{w}/{k}"] = round(ws_cpu / res[k]["articles_per_cpu_s"], 4)
    return res


@contextlib.contextmanager
def pythonpath(site: Path) -> Iterator[None]:
    """Child processes started inside (the worker) run the compiled build ``site`` with this checkout's sources."""
    old = os.environ.get("PYTHONPATH")
    overlay = compiled.overlay(site)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(overlay), *([old] if old else [])])
    try:
        yield
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old
        shutil.rmtree(overlay, ignore_errors=True)


def run_settings_sweep(bootstrap: str, quick: bool, work: Path) -> list[dict[str, Any]]:
    """Producer compression and linger, on wirestream itself (full mode)."""
    n = 300 if quick else 600
    items = generate(n, 2_000, seed=4)
    rows = []
    for comp, linger in [("none", 1), ("lz4", 1), ("zstd", 1), ("zstd", 0), ("zstd", 5)]:
        r = run_wirestream(bootstrap, items, 4, work, producer_compression=comp, producer_linger_ms=linger)
        r.update({"compression": comp, "linger_ms": linger, "articles": n})
        rows.append(r)
        print(
            f"  sweep compression={comp:<5} linger={linger:>2} ms: {r['articles_per_s']:>8.1f} articles/s", flush=True
        )
    return rows


def run_scaling(bootstrap: str, work: Path, n: int = 600) -> list[dict[str, Any]]:
    """Partitions 1/2/4 × workers 1/2 (full mode: each point starts fresh workers)."""
    items = generate(n, 2_000, seed=5)
    rows = []
    for partitions in (1, 2, 4):
        for workers in (1, 2):
            r = run_wirestream(bootstrap, items, partitions, work, workers=workers)
            r["articles"] = n
            rows.append(r)
            print(
                f"  scale partitions={partitions} workers={workers}: {r['articles_per_s']:>8.1f} articles/s", flush=True
            )
    return rows


# --------------------------------------------------------------------------- output digest (equivalence)

WALL_CLOCK_FIELDS = frozenset({"received_at", "processed_at", "timestamp"})


def _scrub(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _scrub(v) for k, v in x.items() if k not in WALL_CLOCK_FIELDS}
    if isinstance(x, list):
        return [_scrub(v) for v in x]
    return x


def output_digest(records: list[Any], s: Settings) -> dict[str, Any]:
    """A hash of every output record of one run, comparable across runs and code versions.

    Topic names lose the run's unique prefix, JSON values their wall-clock fields (and are
    re-dumped with sorted keys), dead letters keep their bytes; keys, partitions and headers count.
    Records of topics shared between runs (routes without the prefix) are kept only when their
    provenance names this run's raw topic.
    """
    import hashlib

    prefix = s.topics.raw.removesuffix("raw")
    lines, nbytes = [], 0
    for r in records:
        value: Any = None
        if r.value is not None:
            try:
                value = json.loads(r.value)
            except ValueError:
                value = None
        if not r.topic.startswith(prefix) and not (
            isinstance(value, dict) and value.get("provenance", {}).get("topic") == s.topics.raw
        ):
            continue
        nbytes += len(r.value or b"")
        topic = r.topic.removeprefix(prefix)
        if r.value is None:
            text = None
        elif topic == "deadletter" or value is None:
            text = hashlib.sha256(r.value).hexdigest()
        else:
            text = json.dumps(_scrub(value), sort_keys=True).replace(prefix, "P.")
        headers = [(k, v.decode("utf-8", "replace").replace(prefix, "P.")) for k, v in (r.headers or ())
                   if k != "__connect.errors.timestamp"]  # fmt: skip
        key = r.key.decode("utf-8", "replace") if r.key is not None else None
        lines.append(json.dumps([topic, r.partition, key, text, headers]))
    lines.sort()
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    return {"records": len(lines), "bytes": nbytes, "sha256_16": digest}


async def publish_to_partitions(bootstrap: str, topic: str, values: list[bytes], partitions: int) -> None:
    """Item i to partition i mod ``partitions``: the same layout in every run (unlike the random default)."""
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, acks="all", max_request_size=4_000_000)
    await producer.start()
    try:
        futures = [await producer.send(topic, v, partition=i % partitions) for i, v in enumerate(values)]
        for f in futures:
            await f
    finally:
        await producer.stop()


def run_digest(bootstrap: str, items: list[Item], work: Path, partitions: int = 1, **overrides: Any) -> dict[str, Any]:
    """One worker (whatever ``PYTHONPATH`` selects) over ``items``: its output digest and CPU per article.

    One raw partition by default: with several, the order in which they reach the dedupe sequencer
    (and so which copy of a story counts as the first) varies from run to run for the same code.
    ``overrides``: worker settings (e.g. ``producer_compression="snappy"``); the digest reads the
    records' values, so a setting that only changes how they travel (codec, linger) keeps it.
    """
    from wirestream.routing import load_routing
    from wirestream.topics import planned_topics
    from wirestream.workers import stop_worker

    s = bench_settings(bootstrap, "dg", partitions, work / "data", **overrides)
    asyncio.run(create_all(s))
    asyncio.run(publish_to_partitions(bootstrap, s.topics.raw, [i.value for i in items], partitions))
    procs = start_workers(s, work, 1)
    cpu: dict[str, float] = {}
    try:
        wait_for(bootstrap, outcome_topics(s), len(items), 900, procs, cpu)
    finally:
        for p in procs:
            stop_worker(p)
    internal = {s.topics.raw, s.topics.normalised, s.topics.deduplicated}
    outs = [t.name for t in planned_topics(s, load_routing(s.routing_file))
            if t.name not in internal and not t.name.endswith("-changelog")]  # fmt: skip
    return {**output_digest(asyncio.run(read_records(bootstrap, outs)), s), **cpu_figures(cpu)}


def parse_sets(specs: list[str], labels: list[str]) -> dict[str, dict[str, str]]:
    """``LABEL:key=value`` (or ``key=value`` for every run) into worker setting overrides per label."""
    out: dict[str, dict[str, str]] = {label: {} for label in labels}
    for spec in specs:
        target, sep, kv = spec.partition(":")
        if not sep or "=" in target:
            target, kv = "", spec
        key, eq, value = kv.partition("=")
        if not eq or not key:
            raise SystemExit(f"--set {spec!r}: expected [LABEL:]key=value")
        for label in labels if not target else [target]:
            if label not in out:
                raise SystemExit(f"--set {spec!r}: no run labelled {label!r} (labels: {', '.join(labels)})")
            out[label][key] = value
    return out


def digest_main(trees: list[str], n: int, bootstrap: str | None, rounds: int = 1, sets: list[str] | None = None,
                labels: list[str] | None = None) -> int:  # fmt: skip
    """``python -m bench.e2e digest [--tree DIR]...``: the same corpus through each tree's worker.

    A tree is a directory holding a ``wirestream`` package (e.g. ``<worktree>/service``); none
    means this checkout. Equal digests: the same records on the same topics. With ``--rounds N``
    the runs alternate (A B, B A, A B ...: the neighbours' drift falls on both sides alike) and each
    line carries the load average; ``--label`` names a run (default ``A``, ``B``, ...), so that one
    tree can run twice with different settings (``--set B:producer_compression=snappy``).
    """
    items = generate(n, 2_000, seed=3)
    work = Path(tempfile.mkdtemp(prefix="ws-bench-digest-"))
    runs = list(trees or [""])
    if labels and len(labels) != len(runs):
        raise SystemExit(f"--label: {len(labels)} labels for {len(runs)} trees")
    names = labels or [chr(ord("A") + i) for i in range(len(runs))]
    overrides = parse_sets(sets or [], names)
    with broker(bootstrap) as b:
        for r in range(rounds):
            order = list(zip(names, runs, strict=True))
            for name, tree in order if r % 2 == 0 else order[::-1]:
                old = os.environ.get("PYTHONPATH")
                if tree:
                    os.environ["PYTHONPATH"] = str(Path(tree).resolve())
                load = round(os.getloadavg()[0], 2)
                try:
                    res = run_digest(b, items, work / f"{name}-{r}", **overrides[name])
                finally:
                    if old is None:
                        os.environ.pop("PYTHONPATH", None)
                    else:
                        os.environ["PYTHONPATH"] = old
                line = {"round": r + 1, "run": name, "tree": tree or "checkout", **overrides[name], "load": load, **res}
                print(json.dumps(line), flush=True)
    return 0


# --------------------------------------------------------------------------- the producer alone (codec, linger)


def worker_records(n: int, seed: int = 3) -> list[list[tuple[str, bytes | None, bytes | None]]]:
    """What a worker produces per input, in order: the two internal envelopes and every output record.

    From the embedded pipeline over the e2e corpus (same bytes as the worker's, the envelopes as the
    shell writes them: ``app/factory.py``); the dedupe tables' changelog records (≈ 4 small records
    per new article) are left out. Topic names are the settings' defaults and the routing file's.
    """
    from wirestream.dedupe import partition_key
    from wirestream.models import DedupedEnvelope, NormalisedEnvelope, Provenance, RawInput

    from .pipeline import build

    pipeline, _ = build()
    t = pipeline.settings.topics
    out: list[list[tuple[str, bytes | None, bytes | None]]] = []
    for i, it in enumerate(generate(n, 2_000, seed=seed)):
        prov = Provenance(topic=t.raw, partition=0, offset=i, received_at=datetime_now())
        env = pipeline.normalise(RawInput(value=it.value, provenance=prov))
        if not isinstance(env, NormalisedEnvelope):
            out.append([(m.topic, m.key, m.value) for m in env.messages])
            continue
        recs = [(t.normalised, partition_key(env.article), NormalisedEnvelope.__pydantic_serializer__.to_json(env))]
        d = pipeline.dedupe(env)
        if isinstance(d, DedupedEnvelope):
            recs.append(
                (t.deduplicated, d.article.story_id.encode(), DedupedEnvelope.__pydantic_serializer__.to_json(d))
            )
            d = pipeline.enrich(d)
        out.append(recs + [(m.topic, m.key, m.value) for m in d.messages])
    return out


async def _replay(bootstrap: str, articles: list[list[tuple[str, bytes | None, bytes | None]]], prefix: str,
                  compression: str | None, linger: int, rate: float) -> dict[str, float]:  # fmt: skip
    """Send ``articles`` as the worker does (one awaited ``send`` per record, an article every
    1/``rate`` s) and return this process's CPU per article between the first send and the last ack."""
    from aiokafka import AIOKafkaProducer

    from wirestream.kafka_client import key_hash_partitioner
    from wirestream.settings import Settings

    s = Settings()
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, linger_ms=linger, compression_type=compression, acks="all",
        max_batch_size=s.producer_max_batch_size, max_request_size=s.topics.max_message_bytes,
        partitioner=key_hash_partitioner,
    )  # fmt: skip
    await producer.start()
    try:
        for topic in {prefix + t for a in articles for t, _, _ in a}:  # metadata outside the figure
            await producer.partitions_for(topic)
        futures: list[asyncio.Future[Any]] = []
        t0, cpu0 = time.perf_counter(), time.process_time()
        for i, recs in enumerate(articles):
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            for topic, key, value in recs:
                futures.append(await producer.send(prefix + topic, value, key=key))
        await asyncio.gather(*futures)
        cpu = time.process_time() - cpu0
        wall = time.perf_counter() - t0
    finally:
        await producer.stop()
    return {"cpu_ms_per_article": round(cpu / len(articles) * 1000, 3), "wall_s": round(wall, 2)}


def produce_main(codecs: list[str], n: int, rounds: int, rate: float, linger: int, bootstrap: str | None,
                 log_dir: Path | None = None) -> int:  # fmt: skip
    """``python -m bench.e2e produce``: the worker's producer alone, codec against codec, alternated.

    Why: a producer setting moves a worker's CPU by a few per cent, less than the run-to-run noise
    of a whole worker on this shared machine (session 15: zstd/snappy pairs ×0.74-1.13 at load
    4-8), and a profile cannot settle it (py-spy counts the codec's and the socket's GIL-free time
    as busy whether or not the core runs it). Here nothing else runs in the process: the records a
    worker sends per input (envelopes and outputs, from the embedded pipeline) go through one
    aiokafka producer with the worker's batch size, partitioner and linger, paced at ``rate``
    articles/s (the batching a worker at that rate gets), and this process's CPU per article is the
    figure. ``log_dir``: the broker's data directory, to report the bytes it stores per article.
    """
    articles = worker_records(n)
    with broker(bootstrap) as b:
        topics = sorted({t for a in articles for t, _, _ in a})
        run = int(time.time()) % 1_000_000  # fresh topics per invocation: stored bytes of this run only
        for r in range(rounds):
            order = codecs if r % 2 == 0 else codecs[::-1]
            for codec in order:
                prefix = f"bp{run}.{r}.{codec}."
                asyncio.run(create_plain_topics(b, [prefix + t for t in topics], 4))
                load = round(os.getloadavg()[0], 2)
                res = asyncio.run(_replay(b, articles, prefix, None if codec == "none" else codec, linger, rate))
                line = {"round": r + 1, "compression": codec, "load": load, **res}
                if log_dir is not None:
                    line["stored_kb_per_article"] = round(stored_bytes(log_dir, prefix) / len(articles) / 1000, 2)
                print(json.dumps(line), flush=True)
    return 0


async def create_plain_topics(bootstrap: str, names: list[str], partitions: int) -> None:
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(t, partitions, 1) for t in names])
    finally:
        await admin.close()


def stored_bytes(log_dir: Path, prefix: str) -> int:
    """Bytes the broker keeps in its log segments for the topics named ``prefix…`` (what the codec left)."""
    return sum(f.stat().st_size for d in log_dir.glob(f"{prefix}*") for f in d.glob("*.log"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_passthrough":
        b, src, dst, group, linger, comp, work = argv[1:8]
        asyncio.run(_passthrough(b, src, dst, group, int(linger), None if comp == "none" else comp, work == "1"))
        return 0
    if argv and argv[0] == "_faust_identity":
        b, src, dst, app_id, linger, comp, parts, datadir = argv[1:9]
        _faust_identity(b, src, dst, app_id, int(linger), None if comp == "none" else comp, int(parts), datadir)
        return 0
    if argv and argv[0] == "digest":
        dp = argparse.ArgumentParser(description=digest_main.__doc__.splitlines()[0] if digest_main.__doc__ else None)
        dp.add_argument("--tree", action="append", default=[], help="directory holding a wirestream package")
        dp.add_argument("--label", action="append", default=[], help="a name per --tree, in order (default A, B, ...)")
        dp.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="[LABEL:]KEY=VALUE",
            help="a worker setting for the run LABEL (or every run), e.g. B:producer_compression=snappy",
        )
        dp.add_argument("--rounds", type=int, default=1, help="alternated rounds over the runs")
        dp.add_argument("--articles", type=int, default=1_500)
        dp.add_argument("--bootstrap")
        dargs = dp.parse_args(argv[1:])
        return digest_main(dargs.tree, dargs.articles, dargs.bootstrap, dargs.rounds, dargs.set, dargs.label)
    if argv and argv[0] == "produce":
        pp = argparse.ArgumentParser(description=produce_main.__doc__.splitlines()[0] if produce_main.__doc__ else None)
        pp.add_argument(
            "--compression", action="append", default=[], help="codecs to alternate (none, snappy, zstd, ...)"
        )
        pp.add_argument("--articles", type=int, default=600)
        pp.add_argument("--rounds", type=int, default=4)
        pp.add_argument("--rate", type=float, default=200.0, help="articles per second (sets the batching)")
        pp.add_argument("--linger", type=int, default=Settings().producer_linger_ms)
        pp.add_argument("--bootstrap")
        pp.add_argument("--log-dir", type=Path, help="the broker's data directory: report the bytes stored")
        pargs = pp.parse_args(argv[1:])
        codecs = pargs.compression or ["zstd", "snappy"]
        return produce_main(
            codecs, pargs.articles, pargs.rounds, pargs.rate, pargs.linger, pargs.bootstrap, pargs.log_dir
        )
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--bootstrap", help="use this broker instead of starting one")
    args = ap.parse_args(argv)
    with broker(args.bootstrap) as bootstrap:
        result = run(bootstrap, args.quick)
    write_result(RESULTS, result)
    print(json.dumps(result["ratios"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
