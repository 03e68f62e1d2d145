"""bench.events (session 6): the pipeline corpus, and the worker's GC policy in timed processes.

Run in a child process from the checkout root, as the other bench tests do (``bench`` is a
top-level package of the checkout, not of the installed service).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

_CHILD = """
import gc, json
from pathlib import Path
from bench import events as b

arts = b.pipeline_corpus(6)
again = b.corpus_of("pipeline", 6)
dense, mixed = b.corpus_of("political_dense", 3), b.corpus_of("mixed_feed", 3)
kept = [object() for _ in range(10)]
b.worker_gc_policy()
frozen = gc.get_freeze_count()
gc.unfreeze()
ab = b.ab(Path("service"), 0.01, 4, None, "pipeline")
print(json.dumps({
    "n": len(arts),
    "distinct": len({a.body for a in arts}),
    "langs": sorted({a.language for a in arts}),
    "sizes": [len(a.body) for a in arts],
    "deterministic": [a.body for a in again] == [a.body for a in arts],
    "dense_is_corpus": [a.body for a in dense] == [a.body for a in b.corpus(3)],
    "mixed_is_corpus": [a.body for a in mixed] == [a.body for a in b.corpus(3, mixed=True)],
    "dense_differs": [a.body for a in dense] != [a.body for a in mixed],
    "frozen": frozen,
    "ab": ab,
}))
"""


def test_bench_events_corpora_gc_policy_and_pipeline_ab() -> None:
    out = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    res = json.loads(out.stdout.strip().splitlines()[-1])
    # the pipeline corpus: normalised originals of the pipeline bench (no re-sends or syndicated copies)
    assert res["n"] == 6 and res["distinct"] == 6
    assert res["langs"] == ["en"]
    assert all(1_500 <= n <= 3_000 for n in res["sizes"])  # the 2 KB size class
    assert res["deterministic"]
    assert res["dense_is_corpus"] and res["mixed_is_corpus"] and res["dense_differs"]
    # the worker's policy leaves what was loaded frozen
    assert res["frozen"] > 0
    # this checkout's engine against itself: the A/B runs and finds no article whose events differ
    ab = res["ab"]
    assert ab["articles_distinct"] == 4
    assert ab["articles_with_different_events"] == 0
    assert ab["rounds"] >= 2
