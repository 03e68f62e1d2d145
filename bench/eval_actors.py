"""Score the actor tagger against the peer gold actor cases (../shared/eval/peer-gold, read-only).

Run: ``.venv/bin/python -m bench.eval_actors`` (writes bench/results/eval_actors.json).

Each case is an actor mention (plus optional context and query date). The mention becomes the first
paragraph of an Article dated at ``query_date`` ("today"/empty -> today); any ``context``/
``known_country``/``limit_term`` goes in a second paragraph. The tag whose mention covers most of the
gold mention is the prediction (persons, then institutions, then countries/places on ties);
no overlapping tag predicts "no actor".

* country accuracy: predicted country (ISO3/IGO/NGO…, "" when none) equals ``expected.country``
  (``{"one_of": [...]}`` and ``{"not": x}`` honoured; ``cameo_codes`` give the country as their first
  three letters when no ``country`` is given);
* sector accuracy: predicted CAMEO role ("" when none) equals ``expected.sector``;
* sector, PLOVER names: the same with the NGEC cases read in PLOVER's sector scheme, whose codes
  partly rename CAMEO's (PLOVER MED is health = CAMEO HLH, JRN is media = CAMEO MED, SOC civil
  society = CAMEO NGO, REB includes CAMEO INS/SEP): a tag counts when its CAMEO role names that
  sector. Only a renaming table (``CAMEO_AS_PLOVER``), no per-case rule; strict numbers stay first.
Reported overall, per task, for ``pytest_active`` cases only, and per half (``half:dev`` /
``half:held-out``, a fixed split by CRC-32 of the case id): fixes are designed by looking at dev-half
errors only, and the held-out half shows whether they generalise. No gold text is copied into the
repository; the data is read at run time.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dateutil import parser as dateparser

from bench.actors import text_article
from wirestream.models import ActorTag, ActorType, Article, TextField
from wirestream.tagging.actors import ActorTagger

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(os.environ.get("WIRESTREAM_PEER_GOLD", ROOT.parent / "shared" / "eval" / "peer-gold"))
RESULTS = ROOT / "bench" / "results" / "eval_actors.json"

_TYPE_RANK = {
    ActorType.PERSON: 0,
    ActorType.GOVERNMENT: 1,
    ActorType.MILITARY: 1,
    ActorType.IGO: 1,
    ActorType.NGO: 1,
    ActorType.ORGANISATION: 2,  # bare agent nouns ("rebels") rank below named actors
    ActorType.COMPANY: 1,
    ActorType.ARMED_GROUP: 1,
    ActorType.PARTY: 1,
    ActorType.COUNTRY: 3,
    ActorType.PLACE: 4,
}


def half(case_id: str) -> str:
    """Fixed two-way split of the gold cases (stable across runs and machines)."""
    return "half:dev" if zlib.crc32(case_id.encode()) % 2 == 0 else "half:held-out"


def parse_query_date(value: Any) -> date:
    text = str(value or "").strip()
    if not text or text.lower() == "today":
        return datetime.now(UTC).date()
    if text.isdigit() and len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return dateparser.parse(text).date()


def build_article(inp: dict[str, Any]) -> Article:
    mention = inp["mention"]
    extra = [str(inp[k]) for k in ("context", "known_country", "limit_term", "country") if inp.get(k)]
    on = parse_query_date(inp.get("query_date"))
    return text_article([mention, *extra], "eval", "", datetime(on.year, on.month, on.day, 12, tzinfo=UTC), "0")


def pick(tags: list[ActorTag], mention_len: int) -> ActorTag | None:
    """The tag that covers most of the mention paragraph (the first ``mention_len`` chars)."""
    best: tuple[int, int, int] | None = None
    chosen: ActorTag | None = None
    for t in tags:
        cover = max(
            (
                min(m.end, mention_len) - m.start
                for m in t.mentions
                if m.field is TextField.BODY and m.start < mention_len
            ),
            default=0,
        )
        if cover <= 0:
            continue
        first = min(m.start for m in t.mentions if m.field is TextField.BODY)
        bare = t.code is not None and t.code.startswith("---")
        key = (int(bare), -cover, _TYPE_RANK.get(t.type, 5), first)
        if best is None or key < best:
            best, chosen = key, t
    return chosen


#: PLOVER/NGEC put an international body's own code where CAMEO puts "IGO" (and use EUR for the EU,
#: which CAMEO codes EEC). wirestream follows CAMEO (country "IGO", code "IGOUNO"); this crosswalk lets
#: an IGO-coded tag count for the PLOVER label. Strict numbers (no crosswalk) are reported as well.
PLOVER_INTL = {"UNO": ("UNO",), "EUR": ("EEC",)}


#: CAMEO role -> the PLOVER sector code(s) naming the same thing (taxonomies.json, plover_actor_scheme).
CAMEO_AS_PLOVER = {"HLH": ("MED",), "MED": ("JRN",), "NGO": ("SOC",), "INS": ("REB",), "SEP": ("REB",)}
PLOVER_DATASETS = frozenset({"ngec_actor_tests"})


def predicted_sectors(tag: ActorTag | None, plover: bool) -> set[str]:
    got = {(tag.role or "") if tag else ""}
    if plover:
        got |= set(CAMEO_AS_PLOVER.get(next(iter(got)), ()))
    return got


def predicted_countries(tag: ActorTag | None, crosswalk: bool) -> set[str]:
    if tag is None:
        return {""}
    got = {tag.country or ""}
    if crosswalk and tag.country == "IGO" and tag.code:
        got |= {plover for plover, cameo in PLOVER_INTL.items() if any(c in tag.code for c in cameo)}
    return got


def matches(expected: Any, got: str) -> bool:
    if isinstance(expected, dict):
        if "one_of" in expected:
            return got in [e or "" for e in expected["one_of"]]
        if "not" in expected:
            return got != (expected["not"] or "")
    return got == (expected or "")


#: Offices whose holders the issue asks for, per UN member state, and the dates the coverage table uses.
COVERAGE_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
COVERAGE_DATES = (date(2019, 6, 1), date(2022, 6, 1), date(2025, 7, 4))
UN_MEMBERS_FILE = ROOT / "service" / "wirestream" / "tagging" / "data" / "actors" / "officeholders.json"


def coverage(tagger: ActorTagger) -> dict[str, dict[str, int]]:
    """How many of the 193 UN members have a known holder of each office on each date.

    The member list is the one in this checkout's ``officeholders.json`` (sourced from the
    Factbook archive), so an older dictionary can be scored against the same list."""
    un = json.loads(UN_MEMBERS_FILE.read_text(encoding="utf-8"))["un_members"]
    holders = tagger.lexicon.holders
    table: dict[str, dict[str, int]] = {}
    for on in COVERAGE_DATES:
        table[on.isoformat()] = {
            office: sum(any(s <= on and (e is None or on < e) for s, e, _ in holders.get((office, c), ())) for c in un)
            for office in COVERAGE_OFFICES
        }
    return table


def main() -> int:
    gold = GOLD_DIR / "gold_actors.jsonl"
    if not gold.exists():
        print(f"gold file not found: {gold}")
        return 1
    tagger = ActorTagger.load()
    cases = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    stats: dict[str, dict[str, list[int]]] = defaultdict(
        lambda: {"country": [0, 0], "country_strict": [0, 0], "sector": [0, 0], "sector_plover": [0, 0]}
    )
    failures: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for case in cases:
        exp = case["expected"]
        country_exp = exp.get("country")
        if country_exp is None and exp.get("cameo_codes"):
            country_exp = {"one_of": [c[:3] for c in exp["cameo_codes"]]}
        sector_exp = exp.get("sector")
        if country_exp is None and sector_exp is None:
            continue
        article = build_article(case["input"])
        tag = pick(tagger.tag(article), len(case["input"]["mention"]))
        got_country = (tag.country or "") if tag else ""
        got_sector = (tag.role or "") if tag else ""
        groups = ["overall", f"task:{case['task']}", half(case["id"])]
        if case.get("pytest_active"):
            groups.append("pytest_active")
        ok = {}
        checks = (
            ("country", country_exp, predicted_countries(tag, crosswalk=True)),
            ("country_strict", country_exp, {got_country}),
            ("sector", sector_exp, {got_sector}),
            ("sector_plover", sector_exp, predicted_sectors(tag, case["dataset"] in PLOVER_DATASETS)),
        )
        for what, expected, got in checks:
            if expected is None:
                continue
            ok[what] = any(matches(expected, g) for g in got)
            for g in groups:
                stats[g][what][0] += int(ok[what])
                stats[g][what][1] += 1
        if not (ok.get("country", True) and ok.get("sector", True)):
            failures.append(
                {
                    "id": case["id"],
                    "half": half(case["id"]),
                    "expected": {"country": country_exp, "sector": sector_exp},
                    "got": {"country": got_country, "sector": got_sector, "actor": tag.actor_id if tag else None},
                }
            )
    elapsed = time.perf_counter() - t0
    report: dict[str, Any] = {
        "dictionary_version": tagger.version,
        "cases": len(cases),
        "seconds": round(elapsed, 3),
        "groups": {},
    }
    print(f"actor eval, dictionary {tagger.version}, {len(cases)} cases, {elapsed:.2f}s")
    print(f"{'group':32} {'country acc':>14} {'country strict':>14} {'sector acc':>14} {'sector PLOVER':>14}")
    for g in sorted(stats, key=lambda k: (k != "overall", k)):
        row: dict[str, Any] = {}
        cells = []
        for what in ("country", "country_strict", "sector", "sector_plover"):
            good, total = stats[g][what]
            acc = good / total if total else None
            row[what] = {"accuracy": None if acc is None else round(acc, 4), "n": total}
            cells.append(f"{acc:.3f} ({total:3d})" if acc is not None else "-")
        report["groups"][g] = row
        print(f"{g:32} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14} {cells[3]:>14}")
    report["failure_ids"] = failures  # ids and labels only, no gold text
    report["coverage_un_members"] = table = coverage(tagger)
    print(
        f"UN members (of 193) with a known holder on the date: {'date':10} "
        + " ".join(f"{o:>18}" for o in COVERAGE_OFFICES)
    )
    for on, row in table.items():
        print(f"{'':51}{on:10} " + " ".join(f"{row[o]:>18}" for o in COVERAGE_OFFICES))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
