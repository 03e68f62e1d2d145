"""Actor-tagging throughput on ~2 KB news articles, one core.

Run: ``.venv/bin/python -m bench.actors [--seconds 5]`` (writes bench/results/actors.json).

A/B of two builds or checkouts, interleaved (the machine is shared: runs minutes apart measure the
neighbours as much as the code)::

    .venv/bin/python -m bench.actors --interleave OLD_PATH NEW_PATH [--rounds 40] [--data DIR]

Each PATH is put first on ``PYTHONPATH`` of its own long-lived child (a checkout's ``service``
directory, or a ``bench.compiled`` overlay); both tag the same articles with the same dictionary
(``--data``, default the packaged one of each), one round (all articles once) each in turn, so the
neighbours' load falls on both alike. It prints the median articles/CPU-s of each and the median
of the per-pair ratios.

Besides throughput it reports where a tag call spends its time (the automaton scan alone vs the
whole call, per article) and the lexicon's memory: RSS growth of ``ActorTagger.load()`` in a fresh
child process (``lexicon_rss_mb``, after the worker's glibc settings and the app's imports, as in
the worker), with the compile time measured there too.

Articles are generated from templates written for this benchmark (no third-party text): political
wire-style sentences filled with names drawn from the dictionary itself (people, countries, capitals,
organisations), padded with neutral filler, so the scan and the resolution rules both do real work.
The lexicon is compiled once before timing (as in the pipeline); the timed loop is ``tagger.tag``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from wirestream.models import Article, Block, BlockKind, SourceFormat
from wirestream.tagging.actors import ActorTagger
from wirestream.tagging.actors.scan import normalise, scan

from . import write_result

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "actors.json"
SAMPLE = ROOT.parent / "shared" / "samples" / "wire-2025-07-04-coalition.txt"


def sample_article(path: Path) -> Article:
    """The shared 2.3 KB sample story (read at run time, not copied), dated 2025-07-04."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].strip().startswith("date "):
        lines[0] = lines[0].strip().split(" ", 2)[2]
    paras = [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]
    return text_article(paras, "sample", "", datetime(2025, 7, 4, tzinfo=UTC), "0")


def text_article(paras: list[str], article_id: str, headline: str, published: datetime, content_hash: str) -> Article:
    """An English plain-text article whose body is ``paras`` joined by blank lines, one block each."""
    blocks, pos = [], 0
    for p in paras:
        blocks.append(Block(kind=BlockKind.PARAGRAPH, text=p, start=pos, end=pos + len(p)))
        pos += len(p) + 2
    return Article(
        article_id=article_id,
        story_id=article_id,
        source_format=SourceFormat.TEXT,
        headline=headline,
        body="\n\n".join(paras),
        blocks=blocks,
        language="en",
        published=published,
        content_hash=content_hash,
    )


TEMPLATES = [
    "{person} said on {day} that {country} would not accept any deal that ignored its security.",
    "The {demonym} government warned that {capital} was ready to respond to any provocation.",
    "{capital} said the talks with {country2} had been constructive but that gaps remained.",
    "Speaking in {city}, the {demonym} foreign minister called for an immediate ceasefire.",
    "{org} officials are expected to meet in {city} next week to discuss the proposal.",
    "Mr {surname} told reporters that the {demonym2} troops would stay until the spring.",
    "Police in {city} said at least a dozen people had been detained after the protest.",
    "The Prime Minister is expected to travel to {capital} for talks with {person2}.",
    "Analysts said the decision reflected growing pressure on {country} from its neighbours.",
    "The agreement still has to be approved by parliament, officials said on {day}.",
    "Markets were little changed after the announcement, with investors awaiting further detail.",
    "A spokesman for {org} declined to comment on the report.",
    "{country2} has repeatedly rejected the accusations as politically motivated.",
    "The meeting is the first of its kind since the crisis began earlier this year.",
]
FILLER = [
    "The proposal would run for three years and could be extended if both sides agreed.",
    "Officials did not give a timetable for the next round of negotiations.",
    "The figures, published late on the day, were broadly in line with forecasts.",
    "Several people were treated for minor injuries, according to local reports.",
    "The plan has drawn criticism from business groups, who say it is too costly.",
    "It was not immediately clear how many people had been affected by the outage.",
    "Talks are expected to resume after the holiday, a person familiar with the matter said.",
    "The measure passed by a narrow margin after a debate that lasted into the night.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_articles(
    tagger: ActorTagger, n: int, size: int = 2048, seed: int = 7, filler: float = 0.5, all_people: bool = False
) -> list[Article]:
    """``n`` articles of ~``size`` chars; ``filler`` is the share of sentences with no actor in them
    (0.5 gives ~15-20 actor tags per 2 KB, about the density of the shared sample story).

    Names come from the curated people (``people.yaml``), the ones wire copy mostly names, unless
    ``all_people``: the imported long-tail office holders (``officeholders.json``) are nine in ten
    dictionary people, and drawing from them would change the workload, not just the dictionary,
    between two dictionary versions."""
    lex = tagger.lexicon
    rnd = random.Random(seed)
    persons = sorted(
        (p for p in lex.persons.values() if all_people or not getattr(p, "imported", False)), key=lambda p: p.id
    )
    countries = sorted(c for c in lex.country_names.values() if " " not in c)
    capitals = sorted(p.name for p in lex.places.values() if p.capital)
    cities = sorted(p.name for p in lex.places.values() if not p.ambiguous)
    orgs = sorted(o.name for o in lex.orgs.values() if o.type == "igo")
    demonyms = ["British", "French", "Russian", "Ukrainian", "German", "Chinese", "American", "Iranian"]
    out = []
    for i in range(n):
        paras: list[str] = []
        length = 0
        while length < size:
            p1, p2 = rnd.choice(persons), rnd.choice(persons)
            template = rnd.choice(FILLER) if rnd.random() < filler else rnd.choice(TEMPLATES)
            sentence = template.format(
                person=p1.name,
                person2=p2.name,
                surname=p1.name.split()[-1],
                country=rnd.choice(countries),
                country2=rnd.choice(countries),
                capital=rnd.choice(capitals),
                city=rnd.choice(cities),
                org=rnd.choice(orgs),
                demonym=rnd.choice(demonyms),
                demonym2=rnd.choice(demonyms),
                day=rnd.choice(DAYS),
            )
            if paras and rnd.random() < 0.6:
                paras[-1] += " " + sentence
            else:
                paras.append(sentence)
            length = sum(len(p) + 2 for p in paras)
        body = "\n\n".join(paras)[:size]
        headline = f"{rnd.choice(persons).name} warns {rnd.choice(countries)} over talks"
        published = datetime(2025, 7, 4, 12, tzinfo=UTC)
        out.append(text_article(body.split("\n\n"), f"bench-{i}", headline, published, str(i)))
    return out


#: Run in a fresh interpreter: RSS before and after the first ``ActorTagger.load()``.
_RSS_PROBE = """
import gc, json, time, psutil
from wirestream.runtime import tune_glibc_malloc
tune_glibc_malloc()
import wirestream.app.factory
from wirestream.tagging.actors import ActorTagger
proc = psutil.Process()
gc.collect(); before = proc.memory_info().rss
t0 = time.process_time()
ActorTagger.load()
cpu = time.process_time() - t0
gc.collect(); after = proc.memory_info().rss
print(json.dumps({"rss_before_mb": before / 2**20, "rss_after_mb": after / 2**20, "compile_cpu_s": cpu}))
"""


def lexicon_memory() -> dict[str, float]:
    """RSS growth of loading the lexicon in a fresh process (the only honest place to read it)."""
    out = subprocess.run([sys.executable, "-c", _RSS_PROBE], check=True, capture_output=True, text=True)
    probe = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "lexicon_rss_mb": round(probe["rss_after_mb"] - probe["rss_before_mb"], 1),
        "process_rss_after_load_mb": round(probe["rss_after_mb"], 1),
        "lexicon_compile_cpu_seconds_fresh": round(probe["compile_cpu_s"], 3),
    }


def scan_share(tagger: ActorTagger, articles: list[Article], rounds: int = 5) -> dict[str, float]:
    """CPU per article of the automaton scan alone and of the whole ``tag`` call (median rounds)."""
    automaton = tagger.lexicon.automaton("en")
    texts = [normalise(t) for a in articles for t in (a.headline, a.body) if t]

    def median(fn: Callable[[], None]) -> float:
        times = []
        for _ in range(rounds):
            t0 = time.thread_time()
            fn()
            times.append(time.thread_time() - t0)
        return sorted(times)[len(times) // 2] / len(articles) * 1e6

    def scan_all() -> None:
        for t in texts:
            scan(automaton, t)

    def tag_all() -> None:
        for a in articles:
            tagger.tag(a)

    scan_us, tag_us = median(scan_all), median(tag_all)
    return {"us_cpu_scan_per_article": round(scan_us, 1), "us_cpu_tag_per_article": round(tag_us, 1)}


def _serve(data: str | None, n: int) -> None:
    """Child of :func:`interleave`: load, then one timed round per "go" line on stdin."""
    tagger = ActorTagger.load(data)
    articles = make_articles(tagger, n)
    for a in articles:  # warm-up (memoised office holders, allocator)
        tagger.tag(a)
    from wirestream.compiled import compiled_modules

    print(json.dumps({"version": tagger.version, "compiled": compiled_modules()}), flush=True)
    for _ in sys.stdin:
        t0 = time.thread_time()
        for a in articles:
            tagger.tag(a)
        print(len(articles) / (time.thread_time() - t0), flush=True)


def interleave(paths: list[str], rounds: int, data: str | None, n: int) -> dict[str, object]:
    """Rounds of ``tag`` over the same articles in two children (``paths`` first on their
    PYTHONPATH), alternating which goes first; per-child medians and the median paired ratio."""
    cmd = [sys.executable, "-m", "bench.actors", "--serve", "--articles", str(n)]
    if data:
        cmd += ["--data", data]
    children = []
    for path in paths:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([path, str(ROOT)])}
        children.append(
            subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        )
    try:
        info = [json.loads(c.stdout.readline()) for c in children]  # type: ignore[union-attr]
        rates: list[list[float]] = [[], []]
        loads = []
        for r in range(rounds):
            for k in (0, 1) if r % 2 == 0 else (1, 0):
                children[k].stdin.write("go\n")  # type: ignore[union-attr]
                children[k].stdin.flush()  # type: ignore[union-attr]
                rates[k].append(float(children[k].stdout.readline()))  # type: ignore[union-attr]
            loads.append(os.getloadavg()[0])
    finally:
        for c in children:
            c.stdin.close()  # type: ignore[union-attr]
            c.wait()
    ratios = [b / a for a, b in zip(rates[0], rates[1], strict=True)]
    return {
        "paths": paths,
        "children": info,
        "rounds": rounds,
        "articles": n,
        "load_average_1m": [round(min(loads), 2), round(max(loads), 2)],
        "median_articles_per_cpu_second": [round(statistics.median(r), 1) for r in rates],
        "best_round": [round(max(r), 1) for r in rates],
        "median_ratio_second_over_first": round(statistics.median(ratios), 3),
        "ratio_quartiles": [round(q, 3) for q in statistics.quantiles(ratios, n=4)],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--no-memory", action="store_true", help="skip the fresh-process RSS probe")
    ap.add_argument("--all-people", action="store_true", help="draw names from imported office holders too")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON result")
    ap.add_argument("--data", help="dictionary directory (default: the packaged one)")
    ap.add_argument("--interleave", nargs=2, metavar=("PATH_A", "PATH_B"), help="A/B two PYTHONPATH roots, interleaved")
    ap.add_argument("--rounds", type=int, default=40, help="with --interleave: rounds per child")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        _serve(args.data, args.articles)
        return 0
    if args.interleave:
        ab = interleave(list(args.interleave), args.rounds, args.data, args.articles)
        for k, v in ab.items():
            print(f"{k:32} {v}")
        return 0
    t0 = time.perf_counter()
    tagger = ActorTagger.load(args.data)
    load_s = time.perf_counter() - t0
    articles = make_articles(tagger, args.articles, all_people=args.all_people)
    avg_bytes = sum(len(a.headline) + len(a.body.encode()) for a in articles) / len(articles)
    for a in articles[:50]:  # warm-up
        tagger.tag(a)
    # Rounds over the whole set; per-round *thread CPU time* is what one core spends, which stays
    # meaningful when other processes share the machine (wall time is reported too).
    rounds: list[float] = []
    done, tags = 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds or len(rounds) < 3:
        t0 = time.thread_time()
        for a in articles:
            tags += len(tagger.tag(a))
        rounds.append(time.thread_time() - t0)
        done += len(articles)
    wall = time.perf_counter() - start
    cpu = sum(rounds)
    per_round = sorted(len(articles) / r for r in rounds if r > 0)
    sample_rate = None
    if SAMPLE.exists():
        sample = sample_article(SAMPLE)
        n = 2000
        t0 = time.thread_time()
        for _ in range(n):
            tagger.tag(sample)
        sample_rate = round(n / (time.thread_time() - t0), 1)
    split = scan_share(tagger, articles)
    memory = {} if args.no_memory else lexicon_memory()
    result = {
        "benchmark": "actor tagging",
        "dictionary_version": tagger.version,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "lexicon_compile_seconds": round(load_s, 3),
        "article_bytes_avg": round(avg_bytes),
        "articles": done,
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_second_wall": round(done / wall, 1),
        "articles_per_cpu_second": round(done / cpu, 1) if cpu else None,
        "articles_per_cpu_second_best_round": round(per_round[-1], 1) if per_round else None,
        "articles_per_cpu_second_median_round": round(per_round[len(per_round) // 2], 1) if per_round else None,
        "us_cpu_per_article": round(cpu / done * 1e6, 1),
        "tags_per_article": round(tags / done, 2),
        "sample_story_articles_per_cpu_second": sample_rate,
        **split,
        **memory,
        "people_in_articles": "all" if args.all_people else "curated",
        "target_articles_per_second_per_core": 10000,
    }
    print(f"{'metric':28} value")
    for k, v in result.items():
        print(f"{k:28} {v}")
    write_result(args.out, result)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
