"""Score the IPTC Media Topic tagger on our own probe articles (no peer gold has topic labels).

Run: ``.venv/bin/python -m bench.eval_topics`` (prints a table, writes bench/results/eval_topics.json).

Why our own set: the peer gold (../shared/eval/peer-gold) is political event copy only, so it cannot
show whether a match report is filed under sport or a nurses' strike under labour. The probes
(``tests/tagging/topics/topic_probes.yaml``: headline + lead, six per top-level topic, written for
wirestream) go through what the worker runs: the normaliser (a plain-JSON input, as a CMS would send
it), then ``Tagger`` (actors -> events -> topics). Each probe names the topic an editor would file it
under (``topic``) and other topics that are also right (``also``).

Figures, per ``set`` and overall:
* **top-1**: the first topic the tagger gives is ``topic`` or one of ``also``;
* **recall**: ``topic`` is among the topics given (at most ``max_topics``);
* **precision**: share of the given topics that are ``topic`` or ``also``;
* **none**: articles given no topic at all;
* **also recall**: share of the ``also`` topics given (what a stricter cut on secondary topics costs).

Probes carry an optional ``lang`` (default ``en``); figures are also given per language (``lang:xx``).
``dev`` probes may be read to find error classes; ``check`` probes were written at the same time
and are only scored, so a data change that helps ``dev`` but not ``check`` is fitted, not general.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import yaml

from wirestream.models import Article, Provenance, RawInput
from wirestream.normalise import normalise
from wirestream.settings import NormaliseSettings, Settings
from wirestream.tagging import Tagger

ROOT = Path(__file__).resolve().parent.parent
PROBES = ROOT / "tests" / "tagging" / "topics" / "topic_probes.yaml"
RESULTS = ROOT / "bench" / "results" / "eval_topics.json"


def load_probes(path: Path = PROBES) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The probe file's short topic names (name -> ``medtop:`` code) and its probes."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["names"].items()}, list(data["probes"])


def probe_article(headline: str, lead: str, ordinal: int, settings: NormaliseSettings, language: str = "en") -> Article:
    """The probe as the worker would see it: a plain JSON story through the real normaliser."""
    prov = Provenance(topic="file:topic_probes", partition=-1, offset=ordinal, received_at=datetime.now(UTC))
    value = orjson.dumps({"id": f"probe-{ordinal}", "headline": headline, "body": lead, "language": language})
    return normalise(RawInput(value=value, provenance=prov), settings)


def score(tagger: Tagger, names: dict[str, str], probes: list[dict[str, Any]]) -> dict[str, Any]:
    """Top-1, recall, precision and empty rate per probe set and overall, plus every miss."""
    settings = NormaliseSettings()
    label = {code: name for name, code in names.items()}
    sets: dict[str, Counter[str]] = defaultdict(Counter)
    per_topic: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for i, p in enumerate(probes):
        want = names[p["topic"]]
        ok = {want} | {names[a] for a in p.get("also", [])}
        got = tagger.tag(probe_article(p["h"], p["l"], i, settings, p.get("lang", "en"))).topics
        for key in (str(p["set"]), "all", f"lang:{p.get('lang', 'en')}"):
            c = sets[key]
            c["n"] += 1
            c["top1"] += int(bool(got) and got[0] in ok)
            c["recall"] += int(want in got)
            c["given"] += len(got)
            c["right"] += sum(1 for t in got if t in ok)
            c["none"] += int(not got)
            c["also"] += len(ok) - 1
            c["also_given"] += sum(1 for t in ok if t != want and t in got)
        pt = per_topic[p["topic"]]
        pt["n"] += 1
        pt["recall"] += int(want in got)
        for t in got:
            if t not in ok:
                per_topic[label.get(t, t)]["false"] += 1
        if not got or got[0] not in ok or want not in got:
            misses.append(
                {"set": p["set"], "topic": p["topic"], "headline": p["h"], "got": [label.get(t, t) for t in got]}
            )
    return {
        "version": tagger.versions,
        "sets": {k: _rates(c) for k, c in sorted(sets.items())},
        "per_topic": {k: dict(v) for k, v in sorted(per_topic.items())},
        "misses": misses,
    }


def _rates(c: Counter[str]) -> dict[str, Any]:
    n = c["n"]
    return {
        "probes": n,
        "top1": round(c["top1"] / n, 4),
        "recall": round(c["recall"] / n, 4),
        "precision": round(c["right"] / c["given"], 4) if c["given"] else None,
        "none": c["none"],
        "also_recall": round(c["also_given"] / c["also"], 4) if c["also"] else None,
        "topics_per_article": round(c["given"] / n, 2),
    }


def _print(result: dict[str, Any], show_misses: bool) -> None:
    v = result["version"]
    print(f"topics {v['topics']} (actors {v['actors']}, events {v['events']})")
    print("| set | probes | top-1 | recall | precision | none | also recall | topics/article |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in result["sets"].items():
        print(
            f"| {name} | {r['probes']} | {r['top1']} | {r['recall']} | {r['precision']} | {r['none']} "
            f"| {r['also_recall']} | {r['topics_per_article']} |"
        )
    print("\n| topic | probes | recalled | given wrongly |")
    print("|---|---|---|---|")
    for name, c in result["per_topic"].items():
        print(f"| {name} | {c.get('n', 0)} | {c.get('recall', 0)} | {c.get('false', 0)} |")
    if show_misses:
        print()
        for m in result["misses"]:
            print(f"[{m['set']}] {m['topic']}: {m['headline']} -> {', '.join(m['got']) or '(none)'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probes", type=Path, default=PROBES)
    ap.add_argument("--misses", choices=("dev", "all", "none"), default="dev", help="which misses to print")
    args = ap.parse_args(argv)
    names, probes = load_probes(args.probes)
    result = score(Tagger.load(Settings().tagger_cache_path), names, probes)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if args.misses == "dev":
        result = {**result, "misses": [m for m in result["misses"] if m["set"] == "dev"]}
    _print(result, args.misses != "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
