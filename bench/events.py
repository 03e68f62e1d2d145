"""Event-tagging throughput on ~2 KB English articles, one core.

Run: ``.venv/bin/python -m bench.events [--seconds 5]`` (writes bench/results/events.json).

To compare two versions of the event engine side by side, give both the same actor tags and rule
data: ``--save-actors FILE`` writes the actor tags the first run computed, ``--load-actors FILE``
reads them instead of running the actor tagger (whose own changes would otherwise move the
figures), and ``--rules DIR`` loads a pinned copy of the rule data.

``--baseline DIR`` (another checkout's ``service`` directory, e.g. a ``git worktree`` of the
commit before a change) loads that checkout's event engine into this process under a private
name, checks that both engines give identical events on both corpora, and times them in
alternating batches: on a shared machine the ratio of the two is then immune to the neighbours
(writes bench/results/events_ab.json).

``--compiled-baseline CHECKOUT`` does the same for the compiled build (mypyc, ``bench.compiled``):
both checkouts are built (cached by source hash), and two long-lived child processes, one per
build, tag the corpus in alternating batches (a compiled module cannot be loaded twice in one
process); the actor tags are computed once and given to both, and the children report a hash of
their events (writes bench/results/events_compiled_ab.json). Its speed-up is the ratio of
the summed CPU seconds, with the median and quartiles of the per-batch ratios beside it: on a shared
machine their spread, and an A/A run (a checkout against itself), say what a ratio is worth.

Three corpora: ``political_dense`` and ``mixed`` are assembled from generic wire-style paragraphs
written for this benchmark (plus the shared sample article when present; ``mixed`` draws 3/4 of
its paragraphs from non-political copy), trimmed to ~2 KB at a paragraph boundary; ``pipeline``
is the pipeline bench's own corpus (``bench.corpus``: its ~2 KB original stories, normalised as
the worker does; ~22 events and ~26 actor tags per article, each article its own sentences), for
``--baseline`` and ``--compiled-baseline``. Actor tags are computed once before timing
(ActorTagger when importable, else none), because this measures the event tagger alone; the
pipeline pays for actor tagging separately.

GC: every timed process applies the worker's policy (``app/factory.py``,
``wirestream.runtime.freeze_long_lived``: ``gc.collect(); gc.freeze()``) once the tagger and the
corpus are loaded, so the collector's passes do not walk the rule data and the corpus (in the
worker: the tagger data). Measured on the compiled build (session 6, three alternating pairs of
4 CPU-s runs): ``political_dense`` within noise (-4% to +2%), ``pipeline`` 1-5% slower unfrozen
(~85 collector passes per 11,000 articles), a cost production does not pay.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wirestream.models import ActorTag, Article, Block, BlockKind, SourceFormat
from wirestream.runtime import freeze_long_lived
from wirestream.tagging.events import EventTagger

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "events.json"
RESULTS_AB = ROOT / "bench" / "results" / "events_ab.json"
SAMPLE = ROOT.parent / "shared" / "samples" / "wire-2025-07-04-coalition.txt"

PARAGRAPHS = [
    "The foreign ministers of France and Germany met in Berlin on Tuesday to discuss energy "
    "security and support for Ukraine, officials said.",
    "Russia launched a wave of missile and drone strikes on Kharkiv overnight, damaging power "
    "lines and injuring at least nine people, the regional governor said.",
    "China condemned the latest sale of weapons to Taiwan and warned Washington that it would "
    "take resolute measures to defend its sovereignty.",
    "Thousands of protesters rallied in the capital on Saturday against a proposed pension reform, "
    "and police used tear gas to disperse the crowd near parliament.",
    "The European Union agreed to extend sanctions on Moscow for another six months, diplomats "
    "said, after Hungary dropped its objections.",
    "Kenya's president called on rival factions in Sudan to agree to an immediate ceasefire and "
    "allow humanitarian aid to reach civilians.",
    "Shares in European banks rose on Wednesday as investors bet that interest rates had peaked, "
    "while oil prices slipped for a third session.",
    "The United Nations said it would send food and medical supplies to flood-hit regions of "
    "Pakistan, where more than a million people have been displaced.",
    "Iran denied accusations that it had supplied drones to Russia, and its foreign minister said "
    "Tehran would not accept what he called baseless claims.",
    "Israel and Egypt held talks in Cairo on border security, a government spokesman said, adding "
    "that the two sides would meet again next month.",
    "The prime minister resigned on Friday after losing a confidence vote, ending weeks of "
    "political turmoil, the state news agency reported.",
    "Heavy rain and strong winds are expected across the north of the country this weekend, "
    "forecasters said, urging residents to avoid unnecessary travel.",
]


# Non-political wire copy: most of a real feed (markets, sport, weather, science, culture).
NEUTRAL = [
    "The central bank left its benchmark rate unchanged at 4.25 percent on Thursday, saying "
    "inflation was easing more slowly than expected in the services sector.",
    "The striker scored twice in the second half as the home side came from behind to win 3-2 "
    "and move three points clear at the top of the table.",
    "Temperatures are forecast to climb above 35 degrees Celsius in the south on Sunday, with "
    "thunderstorms likely in the mountains by the evening.",
    "Researchers said the new battery design could double the range of electric cars, although "
    "commercial production is unlikely before the end of the decade.",
    "The festival opened with a sold-out screening of the director's latest film, which critics "
    "praised for its quiet performances and striking photography.",
    "Quarterly revenue at the retailer rose 6 percent to 2.1 billion euros, beating analysts' "
    "forecasts, as online sales offset weaker demand in stores.",
    "Commuters faced delays of up to an hour after a signal failure near the main station, the "
    "rail operator said, adding that services would return to normal by the afternoon.",
    "The museum will reopen its renovated east wing next spring with an exhibition of "
    "nineteenth-century landscape painting drawn from private collections.",
]


def _article(body: str, n: int) -> Article:
    blocks = []
    pos = 0
    for para in body.split("\n\n"):
        blocks.append(Block(kind=BlockKind.PARAGRAPH, text=para, start=pos, end=pos + len(para)))
        pos += len(para) + 2
    return Article(
        article_id=f"bench:{n}",
        story_id=f"bench:{n}",
        source_format=SourceFormat.TEXT,
        headline=body.split(".")[0][:90],
        body=body,
        blocks=blocks,
        language="en",
        content_hash=f"{n:016x}",
        published=datetime(2025, 7, 4, tzinfo=UTC),
    )


def corpus(n: int, size: int = 2048, seed: int = 7, mixed: bool = False) -> list[Article]:
    """~2 KB articles; ``mixed`` draws 3/4 of the paragraphs from non-political copy."""
    rng = random.Random(seed)
    pool = list(PARAGRAPHS) + (NEUTRAL * 4 if mixed else [])
    if SAMPLE.exists() and not mixed:
        text = SAMPLE.read_text(encoding="utf-8").strip()
        if text.startswith("date "):
            text = text.split(" ", 2)[2]
        pool += [p for p in text.split("\n\n") if len(p) > 60]
    out = []
    for i in range(n):
        paras: list[str] = []
        while sum(len(p) + 2 for p in paras) < size:
            paras.append(rng.choice(pool))
        body = "\n\n".join(paras)
        out.append(_article(body[: body.rfind("\n\n", 0, size + 200)] or body, i))
    return out


def pipeline_corpus(n: int, seed: int = 1) -> list[Article]:
    """The first ``n`` original ~2 KB stories of the pipeline bench's corpus, normalised."""
    from wirestream.models import Provenance, RawInput
    from wirestream.normalise import normalise
    from wirestream.settings import Settings

    from .corpus import generate

    settings = Settings().normalise
    now = datetime(2025, 7, 4, tzinfo=UTC)
    out: list[Article] = []
    # ~82% of the items are originals: 1.5 n items hold n of them
    for i, item in enumerate(generate(n + n // 2 + 10, 2_000, seed=seed)):
        if item.kind != "original":
            continue
        prov = Provenance(topic="bench", partition=0, offset=i, received_at=now)
        article = normalise(RawInput(value=item.value, provenance=prov), settings)
        out.append(article)
        if len(out) == n:
            break
    return out


def corpus_of(kind: str, n: int) -> list[Article]:
    """``n`` articles of the corpus named ``kind`` (see the module docstring)."""
    if kind == "pipeline":
        return pipeline_corpus(n)
    return corpus(n, mixed=kind in ("mixed", "mixed_feed"))


def worker_gc_policy() -> None:
    """What the worker does once its tagger is loaded (``app/factory.py``): ``freeze_long_lived``."""
    freeze_long_lived()


def _actors(arts: list[Article], cache: Path | None = None) -> tuple[list[list[ActorTag]], str]:
    if cache is not None and cache.exists():
        rows = json.loads(cache.read_text(encoding="utf-8"))
        if len(rows) == len(arts):
            return [[ActorTag.model_validate(t) for t in row] for row in rows], f"saved ({cache.name})"
    try:
        from wirestream.tagging.actors import ActorTagger

        tagger = ActorTagger.load()
        return [tagger.tag(a) for a in arts], "ActorTagger"
    except Exception as exc:  # actor tagger absent or broken: measure with no actors
        return [[] for _ in arts], f"none ({type(exc).__name__})"


def run(
    seconds: float,
    n_articles: int,
    mixed: bool = False,
    rules: Path | None = None,
    load_actors: Path | None = None,
    save_actors: Path | None = None,
) -> dict[str, Any]:
    t_load = time.perf_counter()
    tagger = EventTagger.load(rules)
    _ = tagger.rules.languages["en"]  # languages build lazily: count English's build as load
    load_s = time.perf_counter() - t_load
    arts = corpus(n_articles, mixed=mixed)
    acts, actor_source = _actors(arts, load_actors)
    if save_actors is not None:
        rows = [[t.model_dump(mode="json") for t in row] for row in acts]
        save_actors.write_text(json.dumps(rows), encoding="utf-8")
    worker_gc_policy()
    # cold pass: first sight of every token fills the lemma cache
    t0 = time.perf_counter()
    n_events = 0
    for a, ac in zip(arts, acts, strict=True):
        n_events += len(tagger.tag(a, ac))
    cold = time.perf_counter() - t0
    lat: list[float] = []
    done = 0
    t_end = time.perf_counter() + seconds
    t_start = time.perf_counter()
    cpu_start = time.process_time()
    while time.perf_counter() < t_end:
        for a, ac in zip(arts, acts, strict=True):
            s = time.perf_counter()
            tagger.tag(a, ac)
            lat.append(time.perf_counter() - s)
        done += len(arts)
    wall = time.perf_counter() - t_start
    cpu = time.process_time() - cpu_start
    lat.sort()
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "rules_version": tagger.version,
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "articles_distinct": len(arts),
        "mean_article_chars": round(statistics.mean(len(a.body) + len(a.headline) for a in arts)),
        "actor_tags_from": actor_source,
        "events_per_article": round(n_events / len(arts), 2),
        "rule_load_seconds": round(load_s, 2),
        "cold_pass_articles_per_s": round(len(arts) / cold, 1),
        "articles_timed": done,
        "articles_per_s_wall": round(done / wall, 1),
        # CPU seconds of this process: stable when other jobs share the machine
        "articles_per_s_per_core": round(done / cpu, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "latency_us": {
            "p50": round(lat[len(lat) // 2] * 1e6, 1),
            "p90": round(lat[int(len(lat) * 0.9)] * 1e6, 1),
            "p99": round(lat[int(len(lat) * 0.99)] * 1e6, 1),
            "max": round(lat[-1] * 1e6, 1),
        },
        "target_articles_per_s_per_core": 5000,
        "gc": "collect+freeze after load (the worker's policy)",
    }


def _baseline_tagger_class(service: Path) -> type[EventTagger]:
    """The EventTagger class of another checkout, imported as a private package beside ours."""
    pkg = service / "wirestream" / "tagging" / "events"
    name = "_bench_baseline_events"
    spec = importlib.util.spec_from_file_location(name, pkg / "__init__.py", submodule_search_locations=[str(pkg)])
    if spec is None or spec.loader is None:
        raise SystemExit(f"no event engine under {pkg}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its relative imports (.engine, .rules, .text) resolve inside it
    spec.loader.exec_module(module)
    cls: type[EventTagger] = module.EventTagger
    return cls


def ab(
    baseline: Path,
    seconds: float,
    n_articles: int,
    rules: Path | None,
    kind: str,
    baseline_rules: Path | None = None,
) -> dict[str, Any]:
    """Baseline vs current engine on one corpus: identical output checked, then alternating timed batches.

    By default both engines read the same rules, so only the code differs; ``baseline_rules`` gives
    the baseline its own rule data (a change of both code and data, where outputs differ on purpose).
    """
    from wirestream.tagging.events.rules import DATA_DIR

    data = rules or DATA_DIR
    base, cur = _baseline_tagger_class(baseline).load(baseline_rules or data), EventTagger.load(data)
    arts = corpus_of(kind, n_articles)
    acts, actor_source = _actors(arts)
    worker_gc_policy()
    differ = sum(
        [e.model_dump() for e in base.tag(a, ac)] != [e.model_dump() for e in cur.tag(a, ac)]
        for a, ac in zip(arts, acts, strict=True)
    )
    cpu = {"baseline": 0.0, "current": 0.0}
    rounds = 0
    t_end = time.perf_counter() + seconds
    while time.perf_counter() < t_end or rounds % 2:
        order = [("baseline", base), ("current", cur)]
        for key, tagger in order if rounds % 2 == 0 else order[::-1]:
            c = time.process_time()
            for a, ac in zip(arts, acts, strict=True):
                tagger.tag(a, ac)
            cpu[key] += time.process_time() - c
        rounds += 1
    done = rounds * len(arts)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "baseline": str(baseline),
        "rules_version": cur.version,
        "actor_tags_from": actor_source,
        "articles_distinct": len(arts),
        "articles_with_different_events": differ,
        "rounds": rounds,
        "baseline_articles_per_cpu_s": round(done / cpu["baseline"], 1),
        "current_articles_per_cpu_s": round(done / cpu["current"], 1),
        "speedup": round(cpu["baseline"] / cpu["current"], 3),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def _worker(kind: str, actors_file: Path) -> None:
    """Child of :func:`compiled_ab`: tag the corpus once per line on stdin, print CPU seconds."""
    import hashlib

    arts = corpus_of(kind, 500)
    acts, _ = _actors(arts, actors_file)
    tagger = EventTagger.load()
    digest = hashlib.sha256()
    for a, ac in zip(arts, acts, strict=True):
        for e in tagger.tag(a, ac):
            digest.update(e.model_dump_json().encode())
    worker_gc_policy()
    from wirestream.compiled import compiled_modules

    print(json.dumps({"sha256": digest.hexdigest(), "compiled": compiled_modules()}), flush=True)
    for _ in sys.stdin:
        c = time.process_time()
        for a, ac in zip(arts, acts, strict=True):
            tagger.tag(a, ac)
        print(time.process_time() - c, flush=True)


def _ratio_spread(baseline: list[float], current: list[float]) -> dict[str, Any]:
    """Median and quartiles of the per-batch speed-ups baseline/current (CPU seconds per batch)."""
    ratios = sorted(b / c for b, c in zip(baseline, current, strict=True))
    if len(ratios) < 2:
        return {"speedup_median": round(ratios[0], 3) if ratios else None, "speedup_iqr": None}
    q = statistics.quantiles(ratios, n=4)
    return {"speedup_median": round(statistics.median(ratios), 3), "speedup_iqr": [round(q[0], 3), round(q[2], 3)]}


def compiled_ab(baseline: Path, batches: int) -> dict[str, Any]:
    """Compiled build of ``baseline`` (a checkout) vs this checkout's, alternating batches."""
    import subprocess
    import tempfile

    from .compiled import build, overlay

    checkouts = {"baseline": baseline.resolve(), "current": ROOT}
    out: dict[str, Any] = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "baseline": str(baseline)}
    with tempfile.TemporaryDirectory() as tmp:
        # A build's cache key covers only the compiled modules, so its own tree may carry an older
        # checkout's data files and interpreted modules: each side runs its checkout's sources with
        # its build's extension modules laid over them (removed with ``tmp``).
        sites = {
            name: overlay(build(co), Path(tmp) / f"site-{name}", source=co / "service" / "wirestream")
            for name, co in checkouts.items()
        }
        for kind in ("mixed", "political_dense", "pipeline"):
            actors_file = Path(tmp) / f"{kind}.json"
            acts, source = _actors(corpus_of(kind, 500))
            actors_file.write_text(json.dumps([[t.model_dump(mode="json") for t in row] for row in acts]))
            procs = {}
            for name, site in sites.items():
                env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
                cmd = [sys.executable, "-m", "bench.events", "_worker", kind, str(actors_file)]
                procs[name] = subprocess.Popen(
                    cmd, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
                )
            heads = {name: json.loads(p.stdout.readline()) for name, p in procs.items()}  # type: ignore[union-attr]
            cpu = dict.fromkeys(procs, 0.0)
            per_batch: dict[str, list[float]] = {name: [] for name in procs}
            for b in range(batches):
                for name in ("baseline", "current") if b % 2 == 0 else ("current", "baseline"):
                    p = procs[name]
                    p.stdin.write("go\n")  # type: ignore[union-attr]
                    p.stdin.flush()  # type: ignore[union-attr]
                    per_batch[name].append(float(p.stdout.readline()))  # type: ignore[union-attr]
                    cpu[name] += per_batch[name][-1]
            for p in procs.values():
                p.stdin.close()  # type: ignore[union-attr]
                p.wait()
            if not all(h["compiled"] for h in heads.values()):
                raise SystemExit("a child imported no compiled module")
            done = batches * 500
            out[kind] = {
                "actor_tags_from": source,
                "identical_events": heads["baseline"]["sha256"] == heads["current"]["sha256"],
                "baseline_articles_per_cpu_s": round(done / cpu["baseline"], 1),
                "current_articles_per_cpu_s": round(done / cpu["current"], 1),
                "speedup": round(cpu["baseline"] / cpu["current"], 3),
                # the ratios of each batch pair: their spread says what the summed ratio is worth on
                # a shared machine (an A/A run of one build against itself shows the noise)
                **_ratio_spread(per_batch["baseline"], per_batch["current"]),
                "load_average_1m": round(os.getloadavg()[0], 2),
            }
    return out


def main() -> int:
    if sys.argv[1:2] == ["_worker"]:
        _worker(sys.argv[2], Path(sys.argv[3]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--rules", type=Path, help="rule data directory (default: the packaged rules)")
    ap.add_argument("--load-actors", type=Path, metavar="PREFIX", help="read PREFIX.<corpus>.json actor tags")
    ap.add_argument("--save-actors", type=Path, metavar="PREFIX", help="write PREFIX.<corpus>.json actor tags")
    ap.add_argument("--baseline", type=Path, metavar="SERVICE_DIR", help="A/B against another checkout's engine")
    ap.add_argument(
        "--baseline-rules",
        type=Path,
        metavar="DIR",
        help="rule data for the baseline engine (default: the same as the current one); outputs may then differ",
    )
    ap.add_argument("--compiled-baseline", type=Path, metavar="CHECKOUT", help="A/B of the compiled builds")
    ap.add_argument("--batches", type=int, default=20, help="alternating batches for --compiled-baseline")
    args = ap.parse_args()
    if args.compiled_baseline is not None:
        res = compiled_ab(args.compiled_baseline, args.batches)
        RESULTS.with_name("events_compiled_ab.json").write_text(json.dumps(res, indent=2), encoding="utf-8")
        for kind in ("mixed", "political_dense", "pipeline"):
            r = res[kind]
            print(
                f"{kind}: compiled baseline {r['baseline_articles_per_cpu_s']} vs current "
                f"{r['current_articles_per_cpu_s']} articles/CPU-s = {r['speedup']}x (per batch: median "
                f"{r['speedup_median']}x, IQR {r['speedup_iqr']}); identical events: "
                f"{r['identical_events']}; load {r['load_average_1m']}"
            )
        return 0
    if args.baseline is not None:
        res = {
            name: ab(args.baseline, args.seconds, args.articles, args.rules, name, args.baseline_rules)
            for name in ("political_dense", "mixed_feed", "pipeline")
        }
        RESULTS_AB.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_AB.write_text(json.dumps(res, indent=2), encoding="utf-8")
        for name, r in res.items():
            print(
                f"{name}: baseline {r['baseline_articles_per_cpu_s']} vs current "
                f"{r['current_articles_per_cpu_s']} articles/CPU-s = {r['speedup']}x over {r['rounds']} "
                f"alternating rounds; {r['articles_with_different_events']} of {r['articles_distinct']} "
                f"articles with different events; load {r['load_average_1m']}"
            )
        print(f"wrote {RESULTS_AB.relative_to(ROOT)}")
        if args.baseline_rules is not None:
            return 0  # different rule data: differing events are the point, not an error
        return 1 if any(r["articles_with_different_events"] for r in res.values()) else 0

    def path(prefix: Path | None, name: str) -> Path | None:
        return None if prefix is None else prefix.with_name(f"{prefix.name}.{name}.json")

    out = {
        name: run(
            args.seconds,
            args.articles,
            mixed=mixed,
            rules=args.rules,
            load_actors=path(args.load_actors, name),
            save_actors=path(args.save_actors, name),
        )
        for name, mixed in (("political_dense", False), ("mixed_feed", True))
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2), encoding="utf-8")
    for name, res in out.items():
        print(f"== {name}")
        _table(res)
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


def _table(res: dict[str, Any]) -> None:
    rows = [
        ("articles (distinct / timed)", f"{res['articles_distinct']} / {res['articles_timed']}"),
        ("mean chars per article", res["mean_article_chars"]),
        ("actor tags from", res["actor_tags_from"]),
        ("events per article", res["events_per_article"]),
        ("rule set load (s)", res["rule_load_seconds"]),
        ("cold pass (articles/s)", res["cold_pass_articles_per_s"]),
        ("warm throughput, wall (articles/s)", res["articles_per_s_wall"]),
        ("warm throughput (articles per CPU-second)", res["articles_per_s_per_core"]),
        ("machine load average (1 min)", res["load_average_1m"]),
        (
            "latency p50 / p90 / p99 (µs)",
            f"{res['latency_us']['p50']} / {res['latency_us']['p90']} / {res['latency_us']['p99']}",
        ),
        ("target (articles/s/core)", res["target_articles_per_s_per_core"]),
    ]
    w = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{w}}  {v}")


if __name__ == "__main__":
    raise SystemExit(main())
