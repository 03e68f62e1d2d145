"""Worker memory with N remembered articles (default 1M; 50k in quick mode).

    .venv/bin/python -m bench.memory [--quick] [--articles N]

Why a separate process: RSS is a property of a whole process, so the measurement runs in a fresh
child that loads what a worker holds — the tagger (dictionaries, automata) and a
:class:`~wirestream.dedupe.Deduplicator` over :class:`~wirestream.dedupe.InMemoryDedupeState` —
records its RSS, then feeds N distinct articles through ``Deduplicator.decide`` (1 s apart, so all
are within retention) and records RSS again. "Bytes per remembered article" is the RSS growth over N:
everything the dedupe state keeps per article (exact-hash and id maps, version records, sketches and
the near-duplicate index), not just the index, which the dedupe engineer measures separately with
tracemalloc (bench/dedupe.py, ``memory_bytes_per_article_wirestream``).

Article bodies come from bench/dedupe.py's Zipf ``Filler`` (the dedupe owner's generator), so the
index sees a realistic spread of shingles rather than templated text.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "memory.json"
LIMIT_MB = 400


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def child(n: int, with_tagger: bool = True) -> dict[str, Any]:
    import xxhash

    from bench.dedupe import Filler
    from wirestream.dedupe import Deduplicator, InMemoryDedupeState
    from wirestream.models import Article, Block, BlockKind, SourceFormat
    from wirestream.settings import Settings

    settings = Settings()
    rss_start = _rss()
    tagger = None
    if with_tagger:
        from wirestream.tagging import Tagger

        tagger = Tagger.load()
    gc.collect()
    rss_base = _rss()
    dedupe = Deduplicator(settings.dedupe, InMemoryDedupeState())
    filler = Filler(seed=17)
    t0 = datetime(2026, 7, 4, tzinfo=UTC)
    started = time.perf_counter()
    done = 0
    while done < n:
        for body in filler.batch(min(5_000, n - done)):
            paras = body.split("\n\n")
            blocks, pos = [], 0
            for p in paras:
                blocks.append(Block(kind=BlockKind.PARAGRAPH, text=p, start=pos, end=pos + len(p)))
                pos += len(p) + 2
            aid = f"mem:{done}"
            art = Article(
                article_id=aid, story_id=aid, source_format=SourceFormat.JSON, headline=f"Headline {done}",
                body=body, blocks=blocks, language="en", published=t0,
                content_hash=xxhash.xxh3_64_hexdigest(body.encode()),
            )  # fmt: skip
            dedupe.decide(art, t0 + timedelta(seconds=done))
            done += 1
    fill_s = time.perf_counter() - started
    gc.collect()
    rss_full = _rss()
    del tagger
    return {
        "articles": n,
        "rss_start_mb": round(rss_start / 2**20, 1),
        "rss_with_tagger_mb": round(rss_base / 2**20, 1),
        "rss_full_mb": round(rss_full / 2**20, 1),
        "bytes_per_article": round((rss_full - rss_base) / n, 1),
        "index_size": dedupe.index_size(),
        "fill_s": round(fill_s, 1),
        "decide_us_per_article": round(fill_s / n * 1e6, 1),
        "limit_mb": LIMIT_MB,
    }


def run(quick: bool = False, articles: int | None = None) -> dict[str, Any]:
    n = articles or (50_000 if quick else 1_000_000)
    out = subprocess.run(
        [sys.executable, "-m", "bench.memory", "_child", str(n)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    res: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if n < 1_000_000:  # the 1M figure from the per-article slope (stated as such in the table)
        res["rss_1M_projected_mb"] = round(res["rss_with_tagger_mb"] + res["bytes_per_article"] * 1e6 / 2**20, 1)
    print(f"  memory: {n:,} articles: RSS {res['rss_full_mb']} MB (tagger alone {res['rss_with_tagger_mb']} MB), "
          f"{res['bytes_per_article']} B/article", flush=True)  # fmt: skip
    return res


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_child":
        print(json.dumps(child(int(argv[1]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--articles", type=int)
    args = ap.parse_args(argv)
    result = run(args.quick, args.articles)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
