"""In-process pipeline throughput (no Kafka): articles/s/core per stage and in total, 2 KB and 20 KB.

    .venv/bin/python -m bench.pipeline [--quick] [--profile] [--check] [--digest]
    .venv/bin/python -m bench.pipeline --against DIR [--rounds 30] [--size 2000] [--articles 150]

Why in-process: this is the ceiling of one worker core — what the Faust shell can at best reach —
and it isolates the functional core from the broker. The pipeline is the one the embedded mode
builds (:func:`wirestream.embedded.build_pipeline`, in-memory dedupe state) and the inputs are the
realistic mix from :mod:`bench.corpus` (≈ 18 % re-sends, syndicated copies and updates, which the
dedupe stage ends early, so "tag" and "route" run on fewer articles than "normalise").

Figures: per-stage time comes from the pipeline's own ``observe`` hook (the same one that feeds the
Prometheus stage histograms), read here from this process's CPU clock (``Pipeline.clock =
time.process_time``): on the shared machine wall time per stage also counts the neighbours' work.
"other" is the rest of ``Pipeline.process`` (envelopes, verdict stamping). The total is reported
both as wall-clock articles/s and as articles per CPU-second of this process — the latter is the
per-core figure that does not depend on what the neighbours run. Best of ``rounds`` rounds.

``--against DIR`` compares this checkout's ``wirestream`` with another one (``DIR`` holds its package:
an overlay from ``python -m bench.compiled --build-only --overlay DIR`` run in that tree, or a
checkout's ``service/``): two long-lived children, one per package, run :func:`measure` over the same
articles in alternating rounds (ABBA order), and the paired ratios new/old are summarised by their
median and quartiles. Even CPU time moves ±10 % with the neighbours' load (caches, SMT), and the
pairing cancels most of that. ``--digest`` hashes every output message of a fixed corpus with a fixed
clock: equal digests from two packages mean byte-identical topics, keys, values and headers (run it
with each package first on ``PYTHONPATH``; faster than ``bench.e2e digest``, without the broker).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wirestream.models import Provenance, RawInput
from wirestream.pipeline import Pipeline

from . import write_result
from .corpus import generate, mix

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "pipeline.json"
STAGES = ("normalise", "dedupe", "tag", "route")


def build() -> tuple[Pipeline, float]:
    """The embedded pipeline and how long building it took (tagger data load dominates).

    Then the worker's GC policy (``app/factory.py``: :func:`wirestream.runtime.freeze_long_lived`),
    as ``bench.events`` applies it: without it every full collection walks the tagger's few hundred
    thousand long-lived objects (≈ 0.2 s each here), a cost the worker does not pay, and at 20 KB
    (more survivors per article, so more full passes) it was ≈ 10 % of the tag stage's samples.
    """
    from wirestream.embedded import build_pipeline
    from wirestream.runtime import freeze_long_lived
    from wirestream.settings import Settings

    t0 = time.perf_counter()
    pipeline = build_pipeline(Settings())
    build_s = time.perf_counter() - t0
    freeze_long_lived()
    return pipeline, build_s


def raws(size: int, count: int, seed: int = 1) -> tuple[list[RawInput], dict[str, int]]:
    items = generate(count, size, seed=seed)
    now = datetime.now(UTC)
    out = [
        RawInput(value=it.value, provenance=Provenance(topic="bench", partition=0, offset=i, received_at=now))
        for i, it in enumerate(items)
    ]
    return out, mix(items)


def measure(pipeline: Pipeline, inputs: list[RawInput], rounds: int) -> dict[str, Any]:
    """Best round of processing ``inputs`` through a fresh dedupe state each round."""
    from wirestream.dedupe import Deduplicator, InMemoryDedupeState

    spent: dict[str, float] = dict.fromkeys(STAGES, 0.0)
    counts: Counter[str] = Counter()

    def observe(stage: str, seconds: float) -> None:
        spent[stage] = spent.get(stage, 0.0) + seconds
        counts[stage] += 1

    pipeline.observe = observe
    pipeline.clock = time.process_time  # stage figures in CPU time (see the module docstring)
    best: dict[str, Any] | None = None
    for _ in range(rounds):
        # fresh state each round: otherwise round 2 sees every article as an exact re-send
        pipeline.deduplicator = Deduplicator(pipeline.settings.dedupe, InMemoryDedupeState())
        spent.update(dict.fromkeys(STAGES, 0.0))
        counts.clear()
        outcomes: Counter[str] = Counter()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for raw in inputs:
            outcomes[pipeline.process(raw).outcome.value] += 1
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        n = len(inputs)
        stage_s = sum(spent[s] for s in STAGES)
        row = {
            "articles": n,
            "articles_per_s_wall": round(n / wall, 1),
            "articles_per_cpu_s": round(n / cpu, 1),
            "outcomes": dict(outcomes),
            # per stage: µs per article that reached the stage, and that stage's own articles/s
            "stages": {
                s: {
                    "calls": counts[s],
                    "us_per_call": round(spent[s] / max(counts[s], 1) * 1e6, 1),
                    "articles_per_s": round(counts[s] / spent[s], 1) if spent[s] else None,
                    "share_of_time": round(spent[s] / cpu, 3),  # of this process's CPU time
                }
                for s in STAGES
            },
            "other_share_of_time": round(max(0.0, cpu - stage_s) / cpu, 3),
        }
        if best is None or row["articles_per_cpu_s"] > best["articles_per_cpu_s"]:
            best = row
    assert best is not None
    return best


def profile(pipeline: Pipeline, inputs: list[RawInput], top: int = 30) -> str:
    """cProfile of one pass, sorted by cumulative time (what the README's hot-spot list is from)."""
    from wirestream.dedupe import Deduplicator, InMemoryDedupeState

    pipeline.deduplicator = Deduplicator(pipeline.settings.dedupe, InMemoryDedupeState())
    prof = cProfile.Profile()
    prof.enable()
    for raw in inputs:
        pipeline.process(raw)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def check(pipeline: Pipeline, inputs: list[RawInput]) -> int:
    """Every output message of the enriched inputs against ``model_dump_json`` of its model.

    The route stage assembles the record's per-event-type documents from pieces of the record's
    JSON (:mod:`wirestream.routing.outputs`); this checks the bytes on the realistic corpus, as
    the unit tests do on awkward random records. Returns how many documents were compared.
    """
    from wirestream.dedupe import Deduplicator, InMemoryDedupeState
    from wirestream.models import EnrichedRecord
    from wirestream.routing import route_enriched
    from wirestream.routing.outputs import events_record

    pipeline.deduplicator = Deduplicator(pipeline.settings.dedupe, InMemoryDedupeState())
    compared = 0
    for raw in inputs:
        res = pipeline.process(raw)
        if not isinstance(res.record, EnrichedRecord):
            continue
        rec = res.record
        dests = route_enriched(rec.model_copy(update={"routes": []}), pipeline.routing)
        values = [m.value for m in res.messages]
        want = [rec, *(rec if d.events_of is None else events_record(rec, d.events_of) for d in dests)]
        assert values[: len(want)] == [w.model_dump_json().encode() for w in want], rec.article.article_id
        compared += len(want)
    return compared


def digest() -> tuple[int, str]:
    """(messages, sha256 prefix) of every output message of three fixed corpora, with a fixed clock.

    Received and processed times come from one fixed instant, so the digest depends only on the
    code and data that made the messages (dedupe state is fresh per corpus, as in :func:`measure`).
    """
    from wirestream.dedupe import Deduplicator, InMemoryDedupeState

    pipeline, _ = build()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    h = hashlib.sha256()
    n = 0
    for size, count, seed in ((2_000, 1_500, 1), (20_000, 300, 2), (2_000, 1_000, 5)):
        pipeline.deduplicator = Deduplicator(pipeline.settings.dedupe, InMemoryDedupeState())
        for i, it in enumerate(generate(count, size, seed=seed)):
            prov = Provenance(topic="bench", partition=0, offset=i, received_at=now)
            for m in pipeline.process(RawInput(value=it.value, provenance=prov), now).messages:
                h.update(repr((m.topic, m.key, m.value, m.headers)).encode())
                n += 1
    return n, h.hexdigest()[:16]


# One side of --against: this checkout's bench code over whichever wirestream comes first on its path.
_SIDE = """
import json, os, sys
from bench.pipeline import build, measure, raws
pipeline, _ = build()
inputs, _ = raws(int(sys.argv[1]), int(sys.argv[2]))
for raw in inputs[:20]:
    pipeline.process(raw)
measure(pipeline, inputs, 1)
print("ready", flush=True)
for line in sys.stdin:
    os.sched_setaffinity(0, {int(line)})
    row = measure(pipeline, inputs, 1)
    out = {s: v["us_per_call"] for s, v in row["stages"].items()}
    out["total"] = round(1e6 / row["articles_per_cpu_s"], 1)
    print(json.dumps(out), flush=True)
"""


def against(other: Path, rounds: int, size: int, count: int, seed: int = 0) -> dict[str, Any]:
    """This checkout's wirestream ("new") against the one in ``other`` ("old"), rounds alternated.

    Per stage: median CPU µs per article of each side and the median (and quartiles) of the
    per-round ratios new/old; ``total`` is CPU µs per input article of the whole ``process``.

    Both sides of a round run pinned to the same CPU, and both children get the same hash seed:
    unpinned, an A/A run (one package on both sides) at load 10 gave the second child a steady
    ~6 % advantage on every stage (each child stays on the CPU it last ran on, and the two vCPUs
    do not see the same neighbours).
    """
    import wirestream

    # absolute, not resolved: an overlay's sources are symlinks into a checkout, beside its .so files
    sides = {"old": other.absolute(), "new": Path(wirestream.__file__).absolute().parents[1]}
    procs = {}
    for name, path in sides.items():
        env = dict(os.environ, PYTHONPATH=f"{path}{os.pathsep}{ROOT}", PYTHONHASHSEED=str(seed))
        procs[name] = subprocess.Popen(
            [sys.executable, "-c", _SIDE, str(size), str(count)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    try:
        for name, proc in procs.items():
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", name
        load0 = os.getloadavg()
        rows: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
        cpus = sorted(os.sched_getaffinity(0))
        for i in range(rounds):
            cpu = cpus[(i // 2) % len(cpus)]  # both sides of a round on one CPU (see below)
            for name in ("old", "new") if i % 2 == 0 else ("new", "old"):
                proc = procs[name]
                assert proc.stdin is not None and proc.stdout is not None
                proc.stdin.write(f"{cpu}\n")
                proc.stdin.flush()
                rows[name].append(json.loads(proc.stdout.readline()))
        load1 = os.getloadavg()
    finally:
        for proc in procs.values():
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait()
    out: dict[str, Any] = {
        "old": str(sides["old"]), "new": str(sides["new"]), "rounds": rounds, "size": size, "articles": count,
        "load": [round(load0[0], 1), round(load1[0], 1)],
    }  # fmt: skip
    for key in (*STAGES, "total"):
        old = [r[key] for r in rows["old"]]
        new = [r[key] for r in rows["new"]]
        ratios = sorted(b / a for a, b in zip(old, new, strict=True))
        q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
        out[key] = {
            "old_us": round(statistics.median(old), 1),
            "new_us": round(statistics.median(new), 1),
            "ratio": round(statistics.median(ratios), 3),
            "iqr": [round(q[0], 3), round(q[2], 3)],
        }
    return out


def run(quick: bool = False, pipeline: Pipeline | None = None, build_s: float | None = None) -> dict[str, Any]:
    if pipeline is None:
        pipeline, build_s = build()
    rounds = 1 if quick else 3
    sizes = {2_000: 150 if quick else 1_000, 20_000: 30 if quick else 200}
    result: dict[str, Any] = {"benchmark": "pipeline", "quick": quick, "build_s": round(build_s or 0.0, 2)}
    for size, count in sizes.items():
        inputs, kinds = raws(size, count)
        for raw in inputs[:20]:  # warm-up: first calls build regex/automaton caches
            pipeline.process(raw)
        row = measure(pipeline, inputs, rounds)
        row["mix"] = kinds
        row["mean_bytes"] = round(sum(len(r.value) for r in inputs) / len(inputs))
        result[f"{size // 1000}KB"] = row
        st = row["stages"]
        print(f"  pipeline {size // 1000:>2} KB: {row['articles_per_cpu_s']:>7.1f} articles/CPU-s "
              f"({row['articles_per_s_wall']:.1f}/s wall); per stage µs: "
              + ", ".join(f"{s} {st[s]['us_per_call']:.0f}" for s in STAGES), flush=True)  # fmt: skip
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the 2 KB corpus")
    ap.add_argument("--check", action="store_true", help="check every output document's bytes, no timing")
    ap.add_argument("--digest", action="store_true", help="hash every output message (fixed corpus and clock)")
    ap.add_argument("--against", type=Path, metavar="DIR", help="alternate rounds with the wirestream in DIR")
    ap.add_argument("--rounds", type=int, default=30, help="with --against: rounds per side")
    ap.add_argument("--size", type=int, default=2_000, help="with --against: article size in bytes")
    ap.add_argument("--articles", type=int, default=150, help="with --against: articles per round")
    args = ap.parse_args(argv)
    if args.against is not None:
        res = against(args.against, args.rounds, args.size, args.articles)
        print(
            f"  old {res['old']}\n  new {res['new']}\n  {res['rounds']} rounds each of {res['articles']} x "
            f"{res['size']} B, load {res['load'][0]} -> {res['load'][1]}; CPU µs per article"
        )
        for key in (*STAGES, "total"):
            r = res[key]
            print(
                f"  {key:<10} {r['old_us']:>8.1f} -> {r['new_us']:>8.1f}  ratio {r['ratio']:.3f} "
                f"(IQR {r['iqr'][0]:.3f}-{r['iqr'][1]:.3f})"
            )
        return 0
    if args.digest:
        n, h = digest()
        print(f"  pipeline --digest: {n} messages, sha256 {h}")
        return 0
    pipeline, build_s = build()
    if args.check:
        docs = sum(check(pipeline, raws(size, 150 if args.quick else 1_000)[0]) for size in (2_000, 20_000))
        print(f"  pipeline --check: {docs} documents byte-identical to model_dump_json")
        return 0
    if args.profile:
        inputs, _ = raws(2_000, 300)
        print(profile(pipeline, inputs))
        return 0
    result = run(args.quick, pipeline, build_s)
    write_result(RESULTS, result)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
