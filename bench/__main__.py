"""The one benchmark command: every figure side by side with its baseline, in one run.

    .venv/bin/python -m bench [--quick] [--only pipeline,compiled,dedupe,memory,e2e,latency,sweep,scaling,coldstart]

Runs, in this order (see each module's docstring for how and why it measures what it does):

1. ``bench.pipeline``: in-process pipeline, articles/s/core per stage and total, 2 KB and 20 KB;
   in full mode also ``bench.compiled``: the optional mypyc build (``setup.py``) vs the interpreted
   code, tagging and pipeline, in alternating child processes;
2. ``bench.dedupe`` (the dedupe owner's bench, called as is): near-duplicate check vs datasketch;
3. ``bench.memory``: worker RSS with 1M (quick: 10k) remembered articles, bytes per article;
4. on one local broker started for the run: ``bench.e2e`` (wirestream vs aiokafka pass-through vs
   Faust identity agent vs the same pipeline in a bare aiokafka loop), ``bench.latency``
   (publish → enriched at 200/s; in full mode again with the worker on the compiled build), and in
   full mode the producer compression/linger sweep and the partitions × workers scale-out;
5. full mode only: ``bench.coldstart`` (README command 1 from a fresh clone, jars cached or not).

Prints a table and writes ``bench/results/summary.json`` (plus one JSON per part). Quick mode uses
small sizes and skips the sweep, the scale-out and the cold start: it is what CI runs to check that
the suite *runs*; its timings are not the figures to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import RESULTS_DIR

ROOT = Path(__file__).resolve().parents[1]
RESULTS = RESULTS_DIR
SUMMARY = RESULTS / "summary.json"
PARTS = [
    "pipeline", "compiled", "dedupe", "memory", "e2e", "latency", "latency_compiled", "latency_low", "latency_2w",
    "sweep", "scaling", "coldstart",
]  # fmt: skip
FULL_ONLY = {"compiled", "latency_compiled", "latency_low", "latency_2w", "sweep", "scaling", "coldstart"}
TARGETS = {
    "pipeline_2KB_per_core": 3_000.0,
    "e2e_vs_aiokafka_passthrough": 0.5,
    "e2e_vs_faust_identity": 0.8,
    "latency_p99_ms": 50.0,
    "rss_1M_mb": 400.0,
}


def machine() -> dict[str, Any]:
    import psutil

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _dedupe(quick: bool) -> dict[str, Any]:
    from . import dedupe

    code = dedupe.main(["--quick"] if quick else [])
    out: dict[str, Any] = json.loads((RESULTS / "dedupe.json").read_text())
    out["exit_code"] = code
    return out


def run(quick: bool, only: list[str], reuse: list[str] | None = None) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "quick" if quick else "full",
        "machine": machine(),
        "targets": TARGETS,
        "errors": {},
    }
    started = time.perf_counter()

    def part(name: str, fn: Any) -> None:
        if name in (reuse or []):  # measured by a separate run of the part (e.g. memory at 1M)
            summary[name] = json.loads((RESULTS / f"{name}.json").read_text())
            summary[name]["reused_from_separate_run"] = True
            return
        if name not in only or (quick and name in FULL_ONLY):
            return
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        try:
            res = fn()
            (RESULTS / f"{name}.json").write_text(json.dumps(res, indent=2) + "\n")
            summary[name] = res
        except Exception as exc:  # one failing part must not hide the others' figures
            traceback.print_exc()
            summary["errors"][name] = f"{type(exc).__name__}: {exc}"
        summary.setdefault("seconds", {})[name] = round(time.perf_counter() - t0, 1)

    from . import coldstart, compiled, e2e, latency, memory, pipeline

    RESULTS.mkdir(parents=True, exist_ok=True)
    part("pipeline", lambda: pipeline.run(quick))
    part("compiled", compiled.run)
    part("dedupe", lambda: _dedupe(quick))
    part("memory", lambda: memory.run(quick))
    if {"e2e", "latency", "latency_compiled", "latency_low", "latency_2w", "sweep", "scaling"} & set(only):
        work = Path(tempfile.mkdtemp(prefix="ws-bench-"))
        with e2e.broker(os.environ.get("WIRESTREAM_BENCH_BOOTSTRAP")) as bootstrap:
            part("e2e", lambda: e2e.run(bootstrap, quick, work))
            part("latency", lambda: latency.run(bootstrap, quick, work=work))

            def latency_compiled() -> dict[str, Any]:
                with e2e.pythonpath(compiled.build()):  # the worker runs the compiled build (Docker image)
                    return latency.run(bootstrap, quick, work=work) | {"build": "compiled"}

            part("latency_compiled", latency_compiled)
            # and at half the throughput the worker just reached (what a sized deployment sees)
            capacity = _g(summary, "e2e", "wirestream", "articles_per_s") or 20.0
            part(
                "latency_low", lambda: latency.run(bootstrap, quick, rate=max(1.0, capacity / 2), seconds=30, work=work)
            )
            # the 200/s point again with the load shared by two worker processes (scale-out, one group)
            part("latency_2w", lambda: latency.run(bootstrap, quick, work=work, workers=2))
            part("sweep", lambda: {"rows": e2e.run_settings_sweep(bootstrap, quick, work)})
            part("scaling", lambda: {"rows": e2e.run_scaling(bootstrap, work)})
    part("coldstart", coldstart.run)
    for name in reuse or []:
        if name not in summary:
            part(name, None)
    summary["total_s"] = round(time.perf_counter() - started, 1)
    summary["table"] = table(summary)
    return summary


def _g(d: Any, *keys: Any) -> Any:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def table(s: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of (figure, wirestream, baseline, ratio, target): what the README table is made from."""
    rows: list[dict[str, Any]] = []

    def row(name: str, ours: Any, base: Any = None, baseline: str = "", ratio: Any = None, target: str = "",
            ok: bool | None = None) -> None:  # fmt: skip
        rows.append({"figure": name, "wirestream": ours, "baseline": baseline, "baseline_value": base,
                     "ratio": ratio, "target": target, "meets_target": ok})  # fmt: skip

    for size in ("2KB", "20KB"):
        p = _g(s, "pipeline", size)
        if p:
            cpu = p["articles_per_cpu_s"]
            ok = cpu >= TARGETS["pipeline_2KB_per_core"] if size == "2KB" else None
            row(f"in-process pipeline {size}, articles/CPU-s", cpu, target=">= 3000" if size == "2KB" else "", ok=ok)
            cpu_s = p["articles"] / cpu
            for st, v in p["stages"].items():
                # the stage's share of the process's CPU time (bench.pipeline times stages in CPU): its per-core rate
                st_cpu = v["share_of_time"] * cpu_s
                per_core = round(v["calls"] / st_cpu, 1) if st_cpu else None
                row(f"  stage {st} {size}: articles/CPU-s (share of time)", f"{per_core} ({v['share_of_time']:.0%})")
    c = s.get("compiled")
    if c:
        row("tagging µs/article 2 KB, compiled build (setup.py, mypyc)", c["tag_us_per_article"]["compiled"],
            c["tag_us_per_article"]["interpreted"], "interpreted", f"{c['tag_speedup']}x faster")  # fmt: skip
        row("in-process pipeline 2 KB, compiled build, articles/CPU-s", c["pipeline_articles_per_cpu_s"]["compiled"],
            c["pipeline_articles_per_cpu_s"]["interpreted"], "interpreted", f"{c['pipeline_speedup']}x",
            ">= 3000", c["pipeline_articles_per_cpu_s"]["compiled"] >= TARGETS["pipeline_2KB_per_core"])  # fmt: skip
    e = s.get("e2e")
    for w in ("wirestream", "wirestream-compiled"):
        if not e or w not in e:
            continue
        ws, tag = e[w]["articles_per_s"], " (compiled build)" if w != "wirestream" else ""
        for k, tgt in [("aiokafka-passthrough", 0.5), ("faust-identity", 0.8), ("aiokafka+pipeline", None)]:
            r = e["ratios"][f"{w}/{k}"]
            row(f"e2e 1 worker{tag}, {e['partitions']} partitions, articles/s (wall)", ws, e[k]["articles_per_s"], k,
                r, f">= {tgt}x" if tgt else "", r >= tgt if tgt else None)  # fmt: skip
            rc = _g(e, "ratios_cpu", f"{w}/{k}")
            if rc is not None:
                ws_cpu = e[w]["articles_per_cpu_s"]
                row(f"e2e 1 worker{tag}, {e['partitions']} partitions, articles/CPU-s", ws_cpu,
                    e[k]["articles_per_cpu_s"], k, rc, f">= {tgt}x" if tgt else "",
                    rc >= tgt if tgt else None)  # fmt: skip
    for key in ("latency", "latency_compiled", "latency_low", "latency_2w"):
        lat = _g(s, key, "enriched")
        if lat:
            workers = s[key].get("workers", 1)
            build = " (compiled build)" if s[key].get("build") == "compiled" else ""
            row(f"latency publish->enriched @ {s[key]['offered_rate']:.0f}/s, {workers} worker(s){build} "
                "p50/p95/p99 ms",
                f"{lat['p50_ms']}/{lat['p95_ms']}/{lat['p99_ms']}", target="p99 <= 50",
                ok=lat["p99_ms"] <= TARGETS["latency_p99_ms"])  # fmt: skip
            for hop, h in (_g(s, key, "hops") or {}).items():
                row(f"  hop {hop} @ {s[key]['offered_rate']:.0f}/s p50/p95/p99 ms",
                    f"{h['p50_ms']}/{h['p95_ms']}/{h['p99_ms']}")  # fmt: skip
    d = s.get("dedupe")
    if d:
        for sp in d.get("speedup_vs_datasketch", []):
            ws_us = next(g for g in d["growth_wirestream"] if g["index_articles"] == sp["index_articles"])
            ds_us = next(g for g in d["growth_datasketch"] if g["index_articles"] == sp["index_articles"])
            row(f"near-dup query+insert µs/article @ {sp['index_articles']:,} indexed",
                ws_us["insert_query_us_per_article"], ds_us["insert_query_us_per_article"],
                f"datasketch LSH@{d['datasketch_threshold_compared']}",
                f"{sp['speedup_insert_query']}x faster")  # fmt: skip
        for seed, q in d.get("quality", {}).items():
            th = d["datasketch_threshold_compared"]
            row(f"near-dup P/R (syndication set, seed {seed})", f"{q['wirestream']['P']}/{q['wirestream']['R']}",
                f"{q[f'datasketch@{th}']['P']}/{q[f'datasketch@{th}']['R']}", f"datasketch@{th}")  # fmt: skip
        row("dedupe index bytes/article (tracemalloc)", d.get("memory_bytes_per_article_wirestream"),
            d.get("memory_bytes_per_article_datasketch_with_signatures"), "datasketch LSH+MinHash")  # fmt: skip
    m = s.get("memory")
    if m:
        row(f"worker RSS MB, {m['articles']:,} remembered (tagger alone)",
            f"{m['rss_full_mb']} ({m['rss_with_tagger_mb']})", target="<= 400 @ 1M",
            ok=m["rss_full_mb"] <= TARGETS["rss_1M_mb"] if m["articles"] >= 1_000_000 else None)  # fmt: skip
        row("process bytes per remembered article (RSS growth)", m["bytes_per_article"])
        if "rss_1M_projected_mb" in m:
            row("worker RSS MB @ 1M, projected from the slope", m["rss_1M_projected_mb"], target="<= 400",
                ok=m["rss_1M_projected_mb"] <= TARGETS["rss_1M_mb"])  # fmt: skip
    for r in _g(s, "sweep", "rows") or []:
        row(f"e2e compression={r['compression']} linger={r['linger_ms']}ms, articles/s wall (/CPU-s)",
            f"{r['articles_per_s']} ({r.get('articles_per_cpu_s')})")  # fmt: skip
    for r in _g(s, "scaling", "rows") or []:
        row(f"scale partitions={r['partitions']} workers={r['workers']}, articles/s wall (/CPU-s)",
            f"{r['articles_per_s']} ({r.get('articles_per_cpu_s')})")  # fmt: skip
    for k in ("uncached", "cached"):
        c = _g(s, "coldstart", k)
        if c:
            row(
                f"cold start demo.sh from clone, jars {k}: first enriched / total s",
                f"{_g(c, 'marks_s', 'first_enriched')} / {c['total_s']}",
            )
    return rows


def print_table(rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"wirestream bench ({summary['mode']}, {summary['total_s']} s)")
    for col in ("figure", "wirestream", "baseline", "baseline value", "ratio", "target", "ok"):
        t.add_column(col, justify="left" if col in ("figure", "baseline") else "right")
    for r in rows:
        ok = {True: "[green]yes[/]", False: "[red]no[/]", None: ""}[r["meets_target"]]
        t.add_row(r["figure"], str(r["wirestream"]), r["baseline"],
                  "" if r["baseline_value"] is None else str(r["baseline_value"]),
                  "" if r["ratio"] is None else str(r["ratio"]), r["target"], ok)  # fmt: skip
    Console(width=200).print(t)
    for name, err in summary["errors"].items():
        Console().print(f"[red]{name} failed:[/] {err}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes; skips sweep, scale-out and cold start")
    ap.add_argument("--only", help="comma-separated subset of: " + ",".join(PARTS))
    ap.add_argument("--reuse", help="parts to take from bench/results/<part>.json (measured by a separate run)")
    args = ap.parse_args(argv)
    reuse = args.reuse.split(",") if args.reuse else []
    only = args.only.split(",") if args.only else PARTS
    unknown = (set(only) | set(reuse)) - set(PARTS)
    if unknown:
        ap.error(f"unknown parts: {', '.join(sorted(unknown))}")
    summary = run(args.quick, [p for p in only if p not in reuse], reuse)
    SUMMARY.write_text(json.dumps(summary, indent=2) + "\n")
    print_table(summary["table"], summary)
    print(f"wrote {SUMMARY}")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
