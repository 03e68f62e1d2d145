"""Scoring of the hand-written precision set (``precision_set.yaml``) against the event tagger.

Why a separate set: the peer gold is political copy, so it says little about the false positives that
matter most in production (business and sport words such as "strike", "shot", "beat", company names).
Run ``python -m tests.tagging.events._precision`` (from the repo root) for a per-case listing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wirestream.models import ActorType, EventTag
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article

SET_PATH = Path(__file__).with_name("precision_set.yaml")


@dataclass(frozen=True)
class Expected:
    types: frozenset[str]  # one type, or the readings PLOVER conventions allow (intent to meet: CONSULT or AGREE)
    source: frozenset[str]
    target: frozenset[str]
    mode: str


@dataclass
class CaseResult:
    case_id: str
    emitted: list[tuple[EventTag, bool]] = field(default_factory=list)  # (event, matched an expected one)
    missed: list[Expected] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missed and all(m for _, m in self.emitted)


def mode(ev: EventTag) -> str:
    """The three readings a consumer must tell apart: reported as done, denied, or not (yet) done."""
    if ev.negated:
        return "negated"
    return "asserted" if ev.modality is None else "modal"


def _lexicon(raw: dict[str, list[Any]]) -> dict[str, tuple[str, str | None, ActorType]]:
    return {k: (v[0], v[1], ActorType(v[2])) for k, v in raw.items()}


def load_cases() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = yaml.safe_load(SET_PATH.read_text(encoding="utf-8"))
    return data["lexicon"], data["cases"]


def score_case(tagger: EventTagger, lexicon: dict[str, list[Any]], case: dict[str, Any]) -> CaseResult:
    lex = _lexicon({**lexicon, **case.get("actors", {})})
    art = article(case["text"], language=case.get("lang", "en"))
    evs = tagger.tag(art, actors(art, lex))
    expected = [
        Expected(
            frozenset([e["type"]] if isinstance(e["type"], str) else e["type"]),
            frozenset(e["source"]),
            frozenset(e["target"]),
            e.get("mode", "asserted"),
        )
        for e in case["events"]
    ]
    found: set[Expected] = set()
    res = CaseResult(case["id"])
    for ev in evs:
        got = (ev.event_type.value, frozenset(ev.source), frozenset(ev.target), mode(ev))
        hits = [e for e in expected if (got[0] in e.types, e.source, e.target, e.mode) == (True, *got[1:])]
        found.update(hits)
        res.emitted.append((ev, bool(hits)))
    res.missed = [e for e in expected if e not in found]
    return res


def score_all(tagger: EventTagger | None = None) -> list[CaseResult]:
    tagger = tagger or EventTagger.load()
    lexicon, cases = load_cases()
    return [score_case(tagger, lexicon, c) for c in cases]


def summary(results: list[CaseResult]) -> dict[str, float | int]:
    emitted = sum(len(r.emitted) for r in results)
    correct = sum(m for r in results for _, m in r.emitted)
    expected = correct + sum(len(r.missed) for r in results)
    return {
        "cases": len(results),
        "cases_ok": sum(r.ok for r in results),
        "emitted": emitted,
        "correct": correct,
        "precision": correct / emitted if emitted else 1.0,
        "recall": correct / expected if expected else 1.0,
    }


def main() -> int:
    results = score_all()
    for r in results:
        if r.ok:
            continue
        print(f"-- {r.case_id}")
        for ev, m in r.emitted:
            if not m:
                print(
                    f"   WRONG {ev.event_type.value} {ev.source}->{ev.target} {mode(ev)} "
                    f"'{ev.trigger.text}' ({ev.rule_id}, {ev.confidence:.2f})"
                )
        for e in r.missed:
            print(f"   MISSED {'/'.join(sorted(e.types))} {sorted(e.source)}->{sorted(e.target)} {e.mode}")
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
