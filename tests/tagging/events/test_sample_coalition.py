"""End-to-end check on the shared wire sample (2025-07-04, coalition of the willing).

Uses the real actor tagger when it is importable (the pipeline's configuration); otherwise a
hand-built lexicon stands in, so the event engine stays testable on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wirestream.models import ActorTag, ActorType, Article, EventTag, PloverType
from wirestream.tagging.events import EventTagger

sys.path.insert(0, str(Path(__file__).parent))
from _helpers import actors, article

SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "wire-2025-07-04-coalition.txt"

C, P, G = ActorType.COUNTRY, ActorType.PERSON, ActorType.GOVERNMENT
FALLBACK_LEX = {
    "Sir Keir Starmer": ("starmer", "GBR", P),
    "The Prime Minister": ("starmer", "GBR", P),
    "Emmanuel Macron": ("macron", "FRA", P),
    "Mr Macron": ("macron", "FRA", P),
    "French President": ("macron", "FRA", P),
    "France": ("FRA", "FRA", C),
    "Britain": ("GBR", "GBR", C),
    "UK": ("GBR", "GBR", C),
    "London": ("GBR", "GBR", C),
    "Paris": ("FRA", "FRA", C),
    "Russia": ("RUS", "RUS", C),
    "Russian": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Kyiv": ("kyiv", "UKR", ActorType.PLACE),
    "Donald Trump": ("trump", "USA", P),
    "Mr Trump": ("trump", "USA", P),
    "US": ("USA", "USA", C),
    "American": ("USA", "USA", C),
    "Vladimir Putin": ("putin", "RUS", P),
    "Putin": ("putin", "RUS", P),
    "No 10": ("gbr-gov", "GBR", G),
    "Downing Street": ("gbr-gov", "GBR", G),
}


def _load() -> tuple[Article, list[ActorTag]]:
    if not SAMPLE.exists():
        pytest.skip(f"sample not found: {SAMPLE}")
    raw = SAMPLE.read_text(encoding="utf-8")
    body = raw.strip()
    if body.startswith("date "):  # header line: "date 2025-07-04 <text>"
        body = body.split(" ", 2)[2]
    art = article(body)
    try:
        from wirestream.tagging.actors import ActorTagger  # type: ignore[attr-defined]

        return art, ActorTagger.load().tag(art)
    except ImportError:
        return art, actors(art, FALLBACK_LEX)


@pytest.fixture(scope="module")
def tagged() -> tuple[list[EventTag], dict[str, str | None]]:
    art, acts = _load()
    country = {a.actor_id: a.country for a in acts}
    return EventTagger.load().tag(art, acts), country


def _c(ids: list[str], country: dict[str, str | None]) -> set[str]:
    return {c for i in ids if (c := country.get(i))}


def _has(
    events: list[EventTag], country: dict[str, str | None], t: PloverType, src: str, tgt: str | None
) -> list[EventTag]:
    return [
        e
        for e in events
        if e.event_type is t
        and not e.negated
        and src in _c(e.source, country)
        and (tgt is None or tgt in _c(e.target, country))
    ]


def test_consult_coalition_meeting(tagged: tuple[list[EventTag], dict[str, str | None]]) -> None:
    events, country = tagged
    host = [
        e
        for e in _has(events, country, PloverType.CONSULT, "GBR", None)
        if "FRA" in _c(e.source + e.target, country) and "host" in e.trigger.text
    ]
    assert host, events
    assert host[0].modality == "future"
    assert "coalition of the willing" in host[0].sentence.text


def test_assault_russia_on_kyiv(tagged: tuple[list[EventTag], dict[str, str | None]]) -> None:
    events, country = tagged
    got = _has(events, country, PloverType.ASSAULT, "RUS", "UKR")
    assert any("drone strikes on Kyiv" in e.sentence.text for e in got), events


def test_accuse_no10_condemns_russia(tagged: tuple[list[EventTag], dict[str, str | None]]) -> None:
    events, country = tagged
    got = _has(events, country, PloverType.ACCUSE, "GBR", "RUS")
    assert any("not serious about peace" in e.sentence.text and e.trigger.text == "condemned" for e in got), events


def test_request_unconditional_ceasefire(tagged: tuple[list[EventTag], dict[str, str | None]]) -> None:
    events, country = tagged
    got = _has(events, country, PloverType.REQUEST, "GBR", "RUS")
    assert any("unconditional ceasefire" in e.sentence.text for e in got), events


def test_no_event_with_a_wrong_direction(tagged: tuple[list[EventTag], dict[str, str | None]]) -> None:
    events, country = tagged
    wrong = {
        (PloverType.ASSAULT, "UKR", "RUS"),
        (PloverType.ACCUSE, "RUS", "GBR"),
        (PloverType.REQUEST, "RUS", "GBR"),
        (PloverType.ASSAULT, "GBR", "RUS"),
        (PloverType.ASSAULT, "UKR", "UKR"),
        (PloverType.ACCUSE, "RUS", "RUS"),
        (PloverType.ASSAULT, "USA", "UKR"),
        (PloverType.ASSAULT, "RUS", "USA"),
        (PloverType.ACCUSE, "GBR", "GBR"),
        (PloverType.REQUEST, "GBR", "GBR"),
    }
    for e in events:
        for s in _c(e.source, country):
            for t in _c(e.target, country):
                assert (e.event_type, s, t) not in wrong, e
        # no actor is its own target
        assert not set(e.source) & set(e.target), e
