"""Benchmark wirestream's near-duplicate check against datasketch MinHash + MinHashLSH.

    .venv/bin/python -m bench.dedupe [--quick]

On the same articles, in one run:

* quality: pairwise precision/recall on the generated syndication set (tests/dedupe), for
  wirestream (one-permutation 8-bit MinHash sketch + bottom-m candidate keys, overlap >= 0.7
  and Jaccard >= 0.3, exactly the service's check),
  datasketch MinHash(128 perms) + MinHashLSH at several Jaccard thresholds (candidates confirmed
  with ``MinHash.jaccard``), and 64-bit SimHash at k = 3 (and wider k, for context);
* cost per article (query + insert, text shingling included) as the index grows with filler
  articles (Zipf-distributed vocabulary): 10k -> 100k (-> 1M for wirestream in full mode);
* index memory per article, measured with tracemalloc;
* the full ``Deduplicator.decide`` (dict state) per article, for what the shell will see.

Writes bench/results/dedupe.json (or under ``WIRESTREAM_BENCH_RESULTS``, as ``python -m bench`` does).
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

from . import RESULTS_DIR as RESULTS

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "dedupe"))

from dedupe_articles import T0  # noqa: E402
from syndication_corpus import Corpus, generate, pairwise  # noqa: E402

from wirestream.dedupe import Deduplicator, InMemoryDedupeState  # noqa: E402
from wirestream.dedupe.core import body_sketch, new_index  # noqa: E402
from wirestream.dedupe.shingles import _PUNCT, shingle_hashes  # noqa: E402
from wirestream.dedupe.simhash import hamming_many, simhash64  # noqa: E402
from wirestream.settings import DedupeSettings  # noqa: E402

SETTINGS = DedupeSettings()
PERMS = 128
_TOKEN = re.compile(r"[0-9a-z\u0080-\U0010ffff]+")


# --------------------------------------------------------------------------- the two methods


def shingle_strings(body: str, size: int = 5) -> list[bytes]:
    """The same shingles as wirestream (per paragraph, same tokens), as bytes for datasketch."""
    out: list[bytes] = []
    for para in body.lower().translate(_PUNCT).split("\n"):
        toks = _TOKEN.findall(para)
        out.extend(" ".join(toks[i : i + size]).encode() for i in range(len(toks) - size + 1))
    return out


class Wirestream:
    name = "wirestream"

    def __init__(self, threshold: float = SETTINGS.near_threshold) -> None:
        self.index = new_index(SETTINGS)
        self.threshold = threshold
        self.n = 0

    def step(self, body: str) -> int | None:
        """Query then insert; returns the matched slot (or None)."""
        sk = body_sketch(body, SETTINGS)
        hit = None
        if sk.size >= SETTINGS.min_shingles:
            matches = self.index.query(sk, self.threshold, SETTINGS.near_min_jaccard)
            hit = matches[0].slot if matches else None
            self.index.add(self.n, sk)
        self.n += 1
        return hit

    def finish(self) -> None:
        self.index.flush()


class Datasketch:
    name = "datasketch"

    def __init__(self, threshold: float, keep_signatures: bool = True) -> None:
        from datasketch import MinHash, MinHashLSH

        self._MinHash = MinHash
        self.lsh = MinHashLSH(threshold=threshold, num_perm=PERMS)
        self.threshold = threshold
        self.keep = keep_signatures
        self.sigs: dict[int, Any] = {}
        self.n = 0

    def step(self, body: str) -> int | None:
        sh = shingle_strings(body, SETTINGS.shingle_size)
        hit = None
        if len(set(sh)) >= SETTINGS.min_shingles:
            m = self._MinHash(num_perm=PERMS)
            m.update_batch(sh)
            best = -1.0
            for key in self.lsh.query(m):
                j = m.jaccard(self.sigs[key]) if self.keep else 1.0
                if j >= self.threshold and j > best:
                    best, hit = j, key
            self.lsh.insert(self.n, m)
            if self.keep:
                self.sigs[self.n] = m
        self.n += 1
        return hit

    def finish(self) -> None:
        return None


def stream_clusters(corpus: Corpus, method: Any) -> dict[str, str]:
    """Feed articles in arrival order; an article joins the cluster of its best match."""
    cluster: dict[int, str] = {}
    predicted: dict[str, str] = {}
    for i, a in enumerate(corpus.articles):
        hit = method.step(a.body)
        label = cluster[hit] if hit is not None else a.article_id
        cluster[i] = label
        predicted[a.article_id] = label
    return predicted


def simhash_quality(corpus: Corpus, ks: list[int]) -> dict[int, tuple[float, float]]:
    fps = np.array([simhash64(shingle_hashes(a.body)) for a in corpus.articles], dtype=np.uint64)
    out: dict[int, tuple[float, float]] = {}
    for k in ks:
        predicted: dict[str, str] = {}
        labels: list[str] = []
        for i, a in enumerate(corpus.articles):
            label = a.article_id
            if i:
                d = hamming_many(int(fps[i]), fps[:i])
                j = int(np.argmin(d))
                if d[j] <= k:
                    label = labels[j]
            labels.append(label)
            predicted[a.article_id] = label
        p, r, *_ = pairwise(corpus.truth, predicted)
        out[k] = (p, r)
    return out


# --------------------------------------------------------------------------- filler articles


@functools.cache
def _vocabulary(seed: int, vocab: int) -> tuple[np.ndarray, np.ndarray]:
    """The filler's words (sorted by length) and their Zipf probabilities, for ``seed``.

    Cached: drawing 50k words one ``integers`` call at a time takes ~1.7 CPU-s, and one run builds
    a filler per measurement (6 in all, from 2 seeds). The arrays are a pure function of the seed
    (their own generator, ``seed + 1``), never written to, and built before any ``tracemalloc``
    window opens, so every figure is the same as with a fresh build.
    """
    syll = ["ka", "ri", "to", "men", "sa", "lo", "der", "an", "vi", "pe", "ul", "ro", "ne", "is", "ta",
            "mo", "el", "gu", "bra", "chi", "ost", "fel", "dan", "wy", "zo", "har", "qui", "lin"]  # fmt: skip
    words: set[str] = set()
    r = np.random.default_rng(seed + 1)
    while len(words) < vocab:
        words.add("".join(syll[i] for i in r.integers(0, len(syll), r.integers(1, 5))))
    p = 1.0 / np.arange(1, vocab + 1) ** 1.05
    return np.array(sorted(words, key=len)), p / p.sum()


class Filler:
    """Distinct synthetic articles with a Zipf word distribution, to grow the index."""

    def __init__(self, seed: int = 1, vocab: int = 50_000) -> None:
        self.rng = np.random.default_rng(seed)
        self.words, self.p = _vocabulary(seed, vocab)

    def batch(self, n: int) -> list[str]:
        out = []
        lens = self.rng.integers(200, 400, n)
        idx = self.rng.choice(self.words.size, size=int(lens.sum()), p=self.p)
        pos = 0
        for ln in lens.tolist():
            toks = self.words[idx[pos : pos + ln]].tolist()
            pos += ln
            cuts = sorted(set(self.rng.integers(20, ln - 20, 5).tolist()))
            paras, last = [], 0
            for c in [*cuts, ln]:
                paras.append(" ".join(toks[last:c]))
                last = c
            out.append("\n\n".join(paras))
        return out


def grow(make: Callable[[], Any], sizes: list[int], filler_seed: int, probes: list[str], batch: int = 5000
         ) -> list[dict[str, float]]:  # fmt: skip
    """Per-article cost of query+insert while the index grows; probe query cost at each size."""
    method = make()
    filler = Filler(filler_seed)
    out = []
    n = 0
    for target in sizes:
        spent, counted = 0.0, 0
        while n < target:
            texts = filler.batch(min(batch, target - n))
            t = time.process_time()
            for body in texts:
                method.step(body)
            dt = time.process_time() - t
            n += len(texts)
            if target - n < 20_000:  # cost measured over the last <= 20k articles before the size
                spent += dt
                counted += len(texts)
        method.finish()
        t = time.process_time()
        for body in probes:
            method.step(body)
        probe_dt = time.process_time() - t
        n += len(probes)
        out.append({
            "index_articles": n,
            "insert_query_us_per_article": round(spent / max(counted, 1) * 1e6, 1),
            "probe_us_per_article": round(probe_dt / len(probes) * 1e6, 1),
        })  # fmt: skip
        print(f"  {method.name:<11} n={n:>9,}  query+insert {out[-1]['insert_query_us_per_article']:>7.1f} us/article"
              f"  (syndication probes {out[-1]['probe_us_per_article']:.1f} us)", flush=True)  # fmt: skip
    return out


def flatness(make: Callable[[], Any], sizes: list[int], filler_seed: int, rounds: int = 10, batch: int = 1000
             ) -> list[dict[str, float]]:  # fmt: skip
    """Cost per article at several index sizes, measured *side by side* (interleaved) in one process.

    ``grow`` measures each size at a different moment, so on a shared machine a change of load
    between the 10k and the 1M measurement looks like growth (or hides it). Here one index per
    size is filled first (untimed), then each round times ``batch`` fresh articles (query +
    insert, shingling included) on every index in turn (each index grows by ``rounds * batch``).
    Reported: the mean (total CPU / articles: the amortised cost, merges included), the median
    and the minimum over rounds (the least disturbed by other processes); the ratios to the
    smallest size are what "near-constant" is judged on.
    """
    filler = Filler(filler_seed)
    methods = []
    for size in sizes:
        m = make()
        n = 0
        while n < size:
            for body in filler.batch(min(5000, size - n)):
                m.step(body)
            n = min(size, n + 5000)
        m.finish()
        methods.append(m)
    times: list[list[float]] = [[] for _ in sizes]
    for _ in range(rounds):
        texts = filler.batch(batch)  # the same new articles for every size
        for i, m in enumerate(methods):
            t = time.process_time()
            for body in texts:
                m.step(body)
            times[i].append((time.process_time() - t) / batch * 1e6)
    base_mean, base_min = float(np.mean(times[0])), min(times[0])
    out = []
    for size, ts in zip(sizes, times, strict=True):
        mean, med = float(np.mean(ts)), float(np.median(ts))
        out.append({"index_articles": size, "mean_us_per_article": round(mean, 1),
                    "median_us_per_article": round(med, 1), "min_us_per_article": round(min(ts), 1),
                    "ratio_mean": round(mean / base_mean, 2), "ratio_min": round(min(ts) / base_min, 2)})  # fmt: skip
        print(f"  side by side n={size:>9,}  query+insert mean {mean:7.1f} us/article (median {med:.1f}, min "
              f"{min(ts):.1f})  x{mean / base_mean:.2f} (min x{min(ts) / base_min:.2f})", flush=True)  # fmt: skip
    return out


def memory(make: Callable[[], Any], n: int, filler_seed: int) -> float:
    """Bytes per article held by the index after ``n`` inserts (tracemalloc)."""
    filler = Filler(filler_seed)
    # exactly n texts (in batches of at most 5,000 to bound the texts held at once)
    texts_iter: Iterator[list[str]] = (filler.batch(min(5000, n - start)) for start in range(0, n, 5000))
    warm = make()  # first use imports modules lazily; keep those allocations out of the count
    for body in filler.batch(50):
        warm.step(body)
    warm.finish()
    del warm
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    method = make()
    for texts in texts_iter:
        for body in texts:
            method.step(body)
        del texts
    method.finish()
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    del method
    return used / n


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: checks that it runs (CI); quote a full run")
    ap.add_argument("--flat-only", action="store_true", help="only the side-by-side 10k/100k/1M cost (~10 min)")
    args = ap.parse_args(argv)
    if args.flat_only:
        print("== wirestream cost per article, indexes of 10k / 100k / 1M measured side by side", flush=True)
        t = time.process_time()
        flat = flatness(Wirestream, [10_000, 100_000, 1_000_000], 5)
        out = RESULTS / "dedupe_flat.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"flatness_wirestream": flat, "cpu_s": round(time.process_time() - t, 1),
                                   "loadavg": [round(x, 2) for x in os.getloadavg()]}, indent=2))  # fmt: skip
        print(f"wrote {out}")
        return 0
    quick = args.quick
    seeds = [7] if quick else [7, 11, 23]
    ds_thresholds = [0.3, 0.4, 0.5, 0.6]
    result: dict[str, Any] = {
        "mode": "quick" if quick else "full",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "settings": SETTINGS.model_dump(),
        "datasketch_num_perm": PERMS,
    }

    print("== quality: pairwise P/R on the syndication set", flush=True)
    quality: dict[str, Any] = {}
    for seed in seeds:
        corpus = generate(seed=seed)
        row: dict[str, Any] = {"articles": len(corpus.articles), "clusters": corpus.n_clusters,
                               "stories": corpus.n_stories, "true_pairs": corpus.true_pairs()}  # fmt: skip
        ws = Wirestream()
        t = time.process_time()
        pred = stream_clusters(corpus, ws)
        ws_us = (time.process_time() - t) / len(corpus.articles) * 1e6
        p, r, *_ = pairwise(corpus.truth, pred)
        row["wirestream"] = {"P": round(p, 4), "R": round(r, 4), "us_per_article": round(ws_us, 1)}
        for th in ds_thresholds:
            ds = Datasketch(th)
            t = time.process_time()
            pred = stream_clusters(corpus, ds)
            ds_us = (time.process_time() - t) / len(corpus.articles) * 1e6
            p, r, *_ = pairwise(corpus.truth, pred)
            row[f"datasketch@{th}"] = {"P": round(p, 4), "R": round(r, 4), "us_per_article": round(ds_us, 1)}
        for k, (p, r) in simhash_quality(corpus, [3, 6, 10, 16]).items():
            row[f"simhash_k{k}"] = {"P": round(p, 4), "R": round(r, 4)}
        d = Deduplicator(SETTINGS, InMemoryDedupeState())
        t = time.process_time()
        for i, a in enumerate(corpus.articles):
            d.decide(a, T0 + timedelta(seconds=i))
        decide_us = (time.process_time() - t) / len(corpus.articles) * 1e6
        row["deduplicator_decide_us_per_article"] = round(decide_us, 1)
        quality[str(seed)] = row
        print(f" seed {seed}: {len(corpus.articles)} articles, {corpus.n_clusters} clusters, "
              f"{corpus.n_stories} distinct stories, {corpus.true_pairs()} true pairs", flush=True)  # fmt: skip
        for name, v in row.items():
            if isinstance(v, dict):
                extra = f"  {v['us_per_article']:7.1f} us/article" if "us_per_article" in v else ""
                print(f"   {name:<16} P={v['P']:.4f} R={v['R']:.4f}{extra}")
        print(f"   Deduplicator.decide (dict state) {row['deduplicator_decide_us_per_article']} us/article")
    result["quality"] = quality

    # the datasketch threshold compared against: best recall among those with P >= 0.98 on all seeds
    def ok(th: float) -> bool:
        return all(q[f"datasketch@{th}"]["P"] >= 0.98 for q in quality.values())

    candidates = [th for th in ds_thresholds if ok(th)] or ds_thresholds
    best_th = max(candidates, key=lambda th: sum(q[f"datasketch@{th}"]["R"] for q in quality.values()))
    result["datasketch_threshold_compared"] = best_th
    print(f"== datasketch threshold used for cost comparison: {best_th}", flush=True)

    probes = [a.body for a in generate(seed=99).articles][:1000]
    ws_sizes = [1_000, 2_000] if quick else [10_000, 100_000, 1_000_000]
    ds_sizes = [1_000, 2_000] if quick else [10_000, 100_000]
    print("== cost per article as the index grows (filler articles, Zipf vocabulary)", flush=True)
    t = time.process_time()
    result["growth_wirestream"] = grow(Wirestream, ws_sizes, 5, probes)
    result["growth_wirestream_seconds"] = round(time.process_time() - t, 1)
    flat_sizes = [1_000, 2_000] if quick else [10_000, 100_000, 1_000_000]
    print("== the same, indexes of each size measured side by side (interleaved rounds)", flush=True)
    result["flatness_wirestream"] = flatness(Wirestream, flat_sizes, 5, rounds=2 if quick else 10)
    t = time.process_time()
    result["growth_datasketch"] = grow(lambda: Datasketch(best_th), ds_sizes, 5, probes)
    result["growth_datasketch_seconds"] = round(time.process_time() - t, 1)

    # quick (CI): sizes that only show the part runs; tracemalloc makes every allocation slow
    mem_ws = 500 if quick else 100_000
    mem_ds = 150 if quick else 5_000  # datasketch under tracemalloc is slow (~15 ms/article)
    print(f"== index memory (tracemalloc; wirestream {mem_ws:,}, datasketch {mem_ds:,} articles)", flush=True)
    result["memory_articles"] = {"wirestream": mem_ws, "datasketch": mem_ds}
    result["memory_bytes_per_article_wirestream"] = round(memory(Wirestream, mem_ws, 9), 1)
    result["memory_bytes_per_article_datasketch_lsh_only"] = round(
        memory(lambda: Datasketch(best_th, keep_signatures=False), mem_ds, 9), 1
    )
    result["memory_bytes_per_article_datasketch_with_signatures"] = round(
        memory(lambda: Datasketch(best_th), mem_ds, 9), 1
    )
    print(f"  wirestream index            {result['memory_bytes_per_article_wirestream']:>8.1f} B/article")
    print(f"  datasketch MinHashLSH only  {result['memory_bytes_per_article_datasketch_lsh_only']:>8.1f} B/article")
    with_sigs = result["memory_bytes_per_article_datasketch_with_signatures"]
    print(f"  datasketch LSH + MinHashes  {with_sigs:>8.1f} B/article")

    common = [g for g in result["growth_wirestream"] if g["index_articles"] in
              {h["index_articles"] for h in result["growth_datasketch"]}]  # fmt: skip
    speedups = []
    for g in common:
        h = next(x for x in result["growth_datasketch"] if x["index_articles"] == g["index_articles"])
        ins = h["insert_query_us_per_article"] / g["insert_query_us_per_article"]
        probe = h["probe_us_per_article"] / g["probe_us_per_article"]
        speedups.append({"index_articles": g["index_articles"], "speedup_insert_query": round(ins, 2),
                         "speedup_probe": round(probe, 2)})  # fmt: skip
    result["speedup_vs_datasketch"] = speedups
    for s in speedups:
        print(f"== speed-up vs datasketch at {s['index_articles']:,}: {s['speedup_insert_query']}x (filler), "
              f"{s['speedup_probe']}x (syndication probes)")  # fmt: skip

    out = RESULTS / "dedupe.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
