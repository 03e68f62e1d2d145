"""Worker memory with N remembered articles (default 1M; 10k in quick mode).

    .venv/bin/python -m bench.memory [--quick] [--articles N] [--traffic T] [--keep-datadir]

RSS is a property of a whole process, so each measurement runs in a fresh child process:

1. **Generate** (child 1, "embedded"): a :class:`~wirestream.dedupe.Deduplicator` over
   :class:`~wirestream.dedupe.InMemoryDedupeState` decides N distinct articles (0.5 s apart, so all
   are within the 7-day retention; bodies from bench/dedupe.py's Zipf ``Filler``). Its RSS growth
   over N is the per-article cost of the *dict* backend (tests, embedded mode; no tagger loaded).
   Every table write is also recorded, compacted per batch of 5,000 articles (last value per key,
   as Kafka log compaction would keep it), to a temporary file: that file is the content of the
   dedupe changelog topic after N articles, as JSON values (logical table, key, value).
2. **Worker** (child 2): builds the real worker app with ``wirestream.app.factory.create_app``
   (tagger, routing, Faust app with ``store="rocksdb://"`` and the dedupe table, rocksdict
   driver, the table options from ``wirestream.dedupe.faust_state``), opens the sequencer
   partition's RocksDB stores as Faust's ``assign_partitions`` does, and **recovers** them from the
   recorded changelog through ``Table.apply_changelog_batch`` — the call Faust's recovery service
   makes for each batch of changelog messages (each logical table's keys prefixed as
   ``faust_state.PREFIX`` says, keys and values serialised by the table's codec, as the changelog
   producer would). Then, inside a current-event context for that
   partition (what an agent's event gives), it decides T new articles (default 20,000) with the
   worker's deduplicator: the first one rebuilds the near-duplicate index from the ``log`` table
   (1M keyed RocksDB reads), the rest exercise table writes. The changelog *produce* is stubbed
   (no broker); the RocksDB writes are real. RSS is read after app creation (tagger included),
   after recovery, after the index rebuild and after the traffic, with ``gc.collect()`` first.

Not modelled: Kafka client buffers and the consumer's fetch queue (bounded by the Faust/aiokafka
settings, independent of N), and memtables filling up over a long uptime beyond what recovery and
the traffic wrote (the store's ``write_buffer_size`` x ``max_write_buffer_number`` bounds them:
``rocksdb_bound_mb`` in the output).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import write_result

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "memory.json"
LIMIT_MB = 400
BATCH = 5_000
T0 = datetime(2026, 7, 4, tzinfo=UTC)
STEP_S = 0.5  # seconds between articles: 1M articles span 5.8 days, inside the 7-day retention


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _mb(b: float) -> float:
    return round(b / 2**20, 1)


def _articles(start: int, n: int, seed: int) -> Any:
    """``n`` distinct filler articles numbered from ``start`` (same construction in both children)."""
    import xxhash

    from bench.dedupe import Filler
    from wirestream.models import Article, Block, BlockKind, SourceFormat

    filler = Filler(seed=seed)
    done = 0
    while done < n:
        for body in filler.batch(min(BATCH, n - done)):
            blocks, pos = [], 0
            for p in body.split("\n\n"):
                blocks.append(Block(kind=BlockKind.PARAGRAPH, text=p, start=pos, end=pos + len(p)))
                pos += len(p) + 2
            i = start + done
            aid = f"mem:{i}"
            yield i, Article(
                article_id=aid, story_id=aid, source_format=SourceFormat.JSON, headline=f"Headline {i}",
                body=body, blocks=blocks, language="en", published=T0,
                content_hash=xxhash.xxh3_64_hexdigest(body.encode()),
            )  # fmt: skip
            done += 1


# --------------------------------------------------------------------------- child 1: generate


class _Recorded(dict[str, Any]):
    """A dict table that also records its writes (last value per key) for the changelog file."""

    def __init__(self, name: str, sink: dict[tuple[str, str], Any]) -> None:
        super().__init__()
        self._name = name
        self._sink = sink

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._sink[(self._name, key)] = value

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._sink[(self._name, key)] = None


def generate(n: int, path: Path) -> dict[str, Any]:
    from wirestream.dedupe import Deduplicator, InMemoryDedupeState
    from wirestream.settings import Settings

    settings = Settings()
    sink: dict[tuple[str, str], Any] = {}
    state = InMemoryDedupeState()
    for name in ("stories", "hashes", "articles", "log", "embargoes", "meta"):
        setattr(state, name, _Recorded(name, sink))
    dedupe = Deduplicator(settings.dedupe, state)
    records = changelog_bytes = 0
    gc.collect()
    rss_base = _rss()
    started = time.process_time()
    with path.open("w") as out:

        def flush() -> None:
            nonlocal records, changelog_bytes
            for (table, key), value in sink.items():
                line = json.dumps([table, key, value], separators=(",", ":"))
                out.write(line + "\n")
                records += 1
                changelog_bytes += len(json.dumps(key)) + (len(json.dumps(value)) if value is not None else 0)
            sink.clear()

        for i, art in _articles(0, n, seed=17):
            dedupe.decide(art, T0 + timedelta(seconds=i * STEP_S))
            if (i + 1) % BATCH == 0:
                flush()
        flush()
    cpu = time.process_time() - started
    gc.collect()
    rss_full = _rss()
    return {
        "articles": n,
        "rss_base_mb": _mb(rss_base),
        "rss_full_mb": _mb(rss_full),
        "bytes_per_article": round((rss_full - rss_base) / n, 1),
        "decide_cpu_us_per_article": round(cpu / n * 1e6, 1),
        "changelog_records": records,
        "changelog_bytes_per_article": round(changelog_bytes / n, 1),
        "index_size": dedupe.index_size(),
    }


# --------------------------------------------------------------------------- child 2: worker


def _copy(b: bytes) -> bytes:
    return bytes(memoryview(b))


class _Event:
    """Faust keeps a weak reference to the current event; its message's topic and partition are read."""

    def __init__(self, topic: str, partition: int) -> None:
        self.message = SimpleNamespace(topic=topic, partition=partition)


def worker(
    n: int, path: Path, traffic: int, datadir: Path, faust_options: bool = False, faust_codec: bool = False
) -> dict[str, Any]:
    """``faust_options`` / ``faust_codec``: Faust's own RocksDB options / json (orjson) codec instead
    of wirestream's, for comparison."""
    from faust.streams import _current_event
    from faust.types import TP

    from wirestream.app.factory import create_app
    from wirestream.dedupe import faust_state
    from wirestream.settings import Settings

    if faust_options:
        faust_state.STORE_OPTIONS = {}
    if faust_codec:
        faust_state.CODEC = "json"
    rss_start = _rss()
    settings = Settings(data_dir=datadir, worker_id="bench-memory")
    app = create_app(settings)
    dedupe = app.wirestream_pipeline.deduplicator  # type: ignore[attr-defined]
    state = dedupe.state
    partition = 0  # the one partition with data (the sequencer's); all are opened, as on assignment
    tables = {faust_state.TABLE: state.table}  # the logical tables are key prefixes inside it
    for table in tables.values():
        for p in range(settings.topics.partitions):
            table.data._db_for_partition(p)  # what Store.assign_partitions does
    gc.collect()
    rss_app = _rss()

    # Recovery: changelog messages -> Table.apply_changelog_batch (Faust's recovery call).
    t = time.perf_counter()
    cpu = time.process_time()
    offsets = dict.fromkeys(tables, 0)
    tps = {name: TP(table.changelog_topic.get_topic_name(), partition) for name, table in tables.items()}
    pending: dict[str, list[Any]] = {name: [] for name in tables}

    def apply(name: str) -> None:
        tables[name].apply_changelog_batch(pending[name])
        pending[name] = []

    with path.open() as f:
        for line in f:
            logical, key, value = json.loads(line)
            name, key = faust_state.TABLE, faust_state.PREFIX[logical] + key
            store = tables[name].data
            offsets[name] += 1
            # Copies, as aiokafka would hand them over: Faust's json codec (orjson 3.13 here) returns
            # bytes that keep ~4 KB of heap pinned each while alive.
            msg = SimpleNamespace(
                tp=tps[name], offset=offsets[name], partition=partition, key=_copy(store._encode_key(key)),
                value=None if value is None else _copy(store._encode_value(value)),
            )  # fmt: skip
            pending[name].append(SimpleNamespace(message=msg))
            if len(pending[name]) >= 10_000:
                apply(name)
    for name in tables:
        apply(name)
    recovery_s = time.perf_counter() - t
    recovery_cpu = time.process_time() - cpu
    gc.collect()
    rss_recovered = _rss()

    # Table writes need a current event (as in the dedupe agent); the changelog produce is stubbed.
    fut = SimpleNamespace(message=SimpleNamespace(partition=partition))
    for table in app.tables.values():
        table.send_changelog = lambda *a, **k: fut
    event = _Event(settings.topics.normalised, partition)
    token = _current_event.set(weakref.ref(event))  # type: ignore[arg-type]
    try:
        t = time.perf_counter()
        cpu = time.process_time()
        gen = _articles(n, traffic, seed=29)
        i, first = next(gen)
        dedupe.decide(first, T0 + timedelta(seconds=i * STEP_S))  # rebuilds the index from the log table
        rebuild_s, rebuild_cpu = time.perf_counter() - t, time.process_time() - cpu
        index_size = dedupe.index_size()
        gc.collect()
        rss_index = _rss()
        cpu = time.process_time()
        for i, art in gen:
            dedupe.decide(art, T0 + timedelta(seconds=i * STEP_S))
        traffic_cpu = time.process_time() - cpu
    finally:
        _current_event.reset(token)
    gc.collect()
    rss_full = _rss()
    opts = tables[faust_state.TABLE].data.rocksdb_options
    store_bytes = sum(f.stat().st_size for f in datadir.rglob("*") if f.is_file())
    return {
        "rss_start_mb": _mb(rss_start),
        "rss_app_mb": _mb(rss_app),
        "rss_recovered_mb": _mb(rss_recovered),
        "rss_index_mb": _mb(rss_index),
        "rss_full_mb": _mb(rss_full),
        "index_size": index_size,
        "recovery_s": round(recovery_s, 1),
        "recovery_cpu_s": round(recovery_cpu, 1),
        "index_rebuild_s": round(rebuild_s, 1),
        "index_rebuild_cpu_s": round(rebuild_cpu, 1),
        "traffic_articles": traffic,
        "traffic_decide_cpu_us_per_article": round(traffic_cpu / max(traffic - 1, 1) * 1e6, 1),
        "store_bytes_on_disk_per_article": round(store_bytes / n, 1),
        "codec": tables[faust_state.TABLE].data.key_serializer,
        "rocksdb_options": {
            "write_buffer_size": opts.write_buffer_size,
            "max_write_buffer_number": opts.max_write_buffer_number,
            "block_cache_size": opts.block_cache_size,
        },
        "partitions_open": settings.topics.partitions,
        "rocksdb_bound_mb": _mb(
            len(tables)
            * settings.topics.partitions
            * (opts.write_buffer_size * opts.max_write_buffer_number + opts.block_cache_size)
        ),
    }


# --------------------------------------------------------------------------- driver


def _child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise RuntimeError(f"bench.memory {args[0]} failed:\n{out.stderr[-4000:]}")
    res: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return res


def run(quick: bool = False, articles: int | None = None, traffic: int | None = None, keep: bool = False,
        compare_defaults: bool = False) -> dict[str, Any]:  # fmt: skip
    # quick (CI) shows the part runs: 10k still writes the changelog in two BATCHes and recovers it in several
    # apply batches, as 1M does; the 1M projection from so small a slope is not a figure to quote
    n = articles or (10_000 if quick else 1_000_000)
    traffic = traffic or (500 if quick else 20_000)
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-bench-memory-"))
    try:
        changelog = tmp / "changelog.jsonl"
        print(f"  memory: generating {n:,} articles (embedded dict state) ...", flush=True)
        emb = _child(["_generate", str(n), str(changelog)])
        print(f"  memory: embedded state {emb['bytes_per_article']} B/article; changelog "
              f"{emb['changelog_bytes_per_article']} B/article; recovering the worker ...", flush=True)  # fmt: skip
        wk = _child(["_worker", str(n), str(changelog), str(traffic), str(tmp / "data")])
        dflt = None
        if compare_defaults:
            print("  memory: the same worker with Faust's default RocksDB options and json codec ...", flush=True)
            dflt = _child(["_worker", str(n), str(changelog), str(traffic), str(tmp / "data-d"), "--faust-options",
                           "--faust-codec"])  # fmt: skip
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    load = os.getloadavg()
    res: dict[str, Any] = {
        "articles": n,
        "method": "worker app (create_app) recovered from the recorded changelog via Table.apply_changelog_batch "
        "into rocksdict stores, index rebuilt from the log table, then traffic; see bench/memory.py",
        # the keys bench/__main__.py reads: the *worker's* figures
        "rss_with_tagger_mb": wk["rss_app_mb"],
        "rss_full_mb": wk["rss_full_mb"],
        "bytes_per_article": round((wk["rss_full_mb"] - wk["rss_app_mb"]) * 2**20 / n, 1),
        "worker": wk,
        "embedded": emb,
        "worker_faust_default_rocksdb_options": dflt,
        "limit_mb": LIMIT_MB,
        "loadavg": [round(x, 2) for x in load],
    }
    if n < 1_000_000:  # the 1M figure from the per-article slope (stated as such in the table)
        res["rss_1M_projected_mb"] = round(res["rss_with_tagger_mb"] + res["bytes_per_article"] * 1e6 / 2**20, 1)
    print(f"  memory: {n:,} articles: worker RSS {wk['rss_full_mb']} MB (app+tagger {wk['rss_app_mb']}, after "
          f"recovery {wk['rss_recovered_mb']}, after index rebuild {wk['rss_index_mb']}); embedded dict state "
          f"{emb['bytes_per_article']} B/article", flush=True)  # fmt: skip
    return res


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_generate":
        print(json.dumps(generate(int(argv[1]), Path(argv[2]))))
        return 0
    if argv and argv[0] == "_worker":
        print(json.dumps(worker(int(argv[1]), Path(argv[2]), int(argv[3]), Path(argv[4]),
                                "--faust-options" in argv, "--faust-codec" in argv)))  # fmt: skip
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--articles", type=int)
    ap.add_argument("--traffic", type=int, help="new articles decided by the worker after recovery")
    ap.add_argument("--keep-datadir", action="store_true")
    ap.add_argument("--compare-defaults", action="store_true", help="also run the worker with Faust's RocksDB defaults")
    args = ap.parse_args(argv)
    result = run(args.quick, args.articles, args.traffic, args.keep_datadir, args.compare_defaults)
    print(json.dumps(result, indent=2))
    write_result(RESULTS, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
