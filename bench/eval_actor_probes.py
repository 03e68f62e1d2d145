"""Score the actor tagger on our own actor probes (``tests/tagging/actors/actor_probes.yaml``).

Run: ``.venv/bin/python -m bench.eval_actor_probes [--show]`` (writes bench/results/eval_actor_probes.json).

Why beside ``bench.eval_actors``: the peer gold scores one mention at a time, out of its sentence;
these probes are whole wire sentences (titles without names, capitals standing for governments,
groups, new people placed only by the sentence, look-alikes such as a player called Chad), the way
the worker meets actors. Each probe lists the actors a reader expects (surface, type, ISO3 country)
and the surfaces that must not be tagged. An expected actor is *found* when a tag's mention overlaps
its surface (first occurrence); among overlapping tags the one of the right type family, then the
right country, is taken; *country* and *type* count the found ones that are right (``null``
country: none, or IGO/NGO/MNC). A ``not_actors`` surface overlapped by any tag is a false positive.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from bench.eval_events import _article
from wirestream.models import ActorTag
from wirestream.tagging.actors import ActorTagger

ROOT = Path(__file__).resolve().parent.parent
PROBES = ROOT / "tests" / "tagging" / "actors" / "actor_probes.yaml"
RESULTS = ROOT / "bench" / "results" / "eval_actor_probes.json"
#: The probe writer's types and the tag types a reader would accept for each ("the Kremlin" is a
#: government; "protesters" may be any collective the tagger models).
FAMILY: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "government": frozenset({"government", "military"}),
    "organisation": frozenset(
        {"organisation", "igo", "ngo", "company", "armed_group", "party", "military", "government"}
    ),
    "country": frozenset({"country", "government"}),
    "city": frozenset({"place"}),
    "group": frozenset(
        {
            "organisation",
            "ngo",
            "armed_group",
            "party",
            "military",
            "government",
            "country",
            "place",
            "person",
            "company",
            "igo",
        }
    ),
}
NO_COUNTRY = frozenset({"IGO", "NGO", "MNC"})
PROBE_DATE = "2025-11-20"


def _overlapping(tags: list[ActorTag], text: str, surface: str) -> list[ActorTag] | None:
    start = text.find(surface)
    if start < 0:
        return None
    end = start + len(surface)
    return [t for t in tags if any(m.start < end and start < m.end for m in t.mentions)]


def score(tagger: ActorTagger, probes: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts per probe set and language (and ``all``), plus every miss."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    for p in probes:
        lang, text = str(p.get("lang", "en")), str(p["text"])
        tags = tagger.tag(_article(text, date=PROBE_DATE, language=lang))
        keys = ("all", f"set:{p.get('set', 'own')}", f"lang:{lang}")
        for want in p.get("actors") or []:
            cands = _overlapping(tags, text, want["surface"])
            if cands is None:
                raise ValueError(f"surface {want['surface']!r} not in probe text {text[:60]!r}")
            family, country = FAMILY[want["type"]], want.get("country")
            cands.sort(key=lambda t: (str(t.type) not in family, t.country != country))
            got = cands[0] if cands else None
            ok_country = got is not None and (
                got.country == country or (country is None and (got.country is None or got.country in NO_COUNTRY))
            )
            ok_type = got is not None and str(got.type) in family
            for k in keys:
                c = counts[k]
                c["expected"] += 1
                c["found"] += got is not None
                c["country"] += ok_country
                c["type"] += ok_type
            if not (ok_country and ok_type):
                seen = "none" if got is None else f"{got.type}/{got.country}/{got.actor_id}"
                misses.append(f"[{lang}] {want['surface']!r} want {want['type']}/{country} got {seen}: {text[:70]}")
        for surface in p.get("not_actors") or []:
            cands = _overlapping(tags, text, surface)
            if cands is None:
                raise ValueError(f"surface {surface!r} not in probe text {text[:60]!r}")
            for k in keys:
                counts[k]["look_alikes"] += 1
                counts[k]["false_positives"] += bool(cands)
            if cands:
                misses.append(f"[{lang}] {surface!r} tagged {cands[0].type}/{cands[0].country}: {text[:70]}")
    return {"counts": {k: dict(v) for k, v in sorted(counts.items())}, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--probes", type=Path, default=PROBES)
    ap.add_argument("--show", action="store_true", help="print every miss")
    args = ap.parse_args(argv)
    tagger = ActorTagger.load()
    result = {"version": tagger.version, **score(tagger, yaml.safe_load(args.probes.read_text("utf-8"))["probes"])}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"actors {tagger.version}")
    print("| probes | expected | found | country right | type right | look-alikes tagged |")
    print("|---|---|---|---|---|---|")
    for key, c in result["counts"].items():
        print(f"| {key} | {c['expected']} | {c['found']} | {c['country']} | {c['type']} "
              f"| {c.get('false_positives', 0)}/{c.get('look_alikes', 0)} |")  # fmt: skip
    if args.show:
        print("\n".join(result["misses"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
