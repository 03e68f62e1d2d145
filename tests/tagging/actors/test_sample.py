"""The shared sample wire story (dated 2025-07-04): every actor the brief names, with its mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirestream.models import ActorTag, ActorType

from .conftest import make_article

SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "samples" / "wire-2025-07-04-coalition.txt"


def _paragraphs(raw: str) -> list[str]:
    lines = raw.split("\n")
    if lines and lines[0].strip().startswith("date "):
        lines[0] = lines[0].strip().split(" ", 2)[2]
    return [p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def tags(tagger) -> list[ActorTag]:
    if not SAMPLE.exists():
        pytest.skip("sample file absent")
    return tagger.tag(make_article(_paragraphs(SAMPLE.read_text(encoding="utf-8")), date="2025-07-04"))


def _person(tags: list[ActorTag], name: str) -> ActorTag:
    found = [t for t in tags if t.type is ActorType.PERSON and t.name == name]
    assert len(found) == 1, [t.name for t in tags]
    return found[0]


def _texts(tag: ActorTag) -> set[str]:
    return {m.text.replace("’", "'") for m in tag.mentions}


def _country_mentions(tags: list[ActorTag], iso: str) -> set[str]:
    """Mentions of a country and of its government (capital/seat metonyms)."""
    out: set[str] = set()
    for t in tags:
        if t.country == iso and t.type in (ActorType.COUNTRY, ActorType.GOVERNMENT):
            out |= _texts(t)
    return out


def test_spans_point_into_the_body(tags):
    for t in tags:
        for m in t.mentions:
            assert m.end > m.start


def test_starmer(tags):
    t = _person(tags, "Keir Starmer")
    assert (t.country, t.office, t.role, t.code) == ("GBR", "head_of_government", "GOV", "GBRGOV")
    assert {"Sir Keir Starmer", "The Prime Minister"} <= _texts(t)


def test_macron(tags):
    t = _person(tags, "Emmanuel Macron")
    assert (t.country, t.office) == ("FRA", "head_of_state")
    assert {"Emmanuel Macron", "the French President", "France's leader", "Mr Macron"} <= _texts(t)


def test_trump_and_putin(tags):
    trump = _person(tags, "Donald Trump")
    assert trump.country == "USA" and trump.office == "head_of_state"
    assert {"Donald Trump", "Mr Trump"} <= _texts(trump)
    assert len([m for m in trump.mentions if m.text == "Mr Trump"]) == 2
    putin = _person(tags, "Vladimir Putin")
    assert putin.country == "RUS" and putin.office == "head_of_state"
    assert {"Vladimir Putin", "Putin"} <= _texts(putin)


def test_klitschko_from_apposition(tags):
    t = _person(tags, "Vitali Klitschko")
    assert t.country == "UKR" and t.role == "GOV"
    assert t.office == "mayor of Kyiv"


def test_countries(tags):
    assert {"Britain", "London", "the UK", "No 10", "Downing Street"} <= {
        s if s != "The UK" else "the UK" for s in _country_mentions(tags, "GBR")
    }
    assert {"France", "Paris"} <= _country_mentions(tags, "FRA")
    assert {"Ukraine"} <= _country_mentions(tags, "UKR")
    assert {"Russia", "Russian"} <= _country_mentions(tags, "RUS")
    assert {"US", "American"} <= _country_mentions(tags, "USA")


def test_acting_capitals_are_governments(tags):
    gov = {t.code: t for t in tags if t.type is ActorType.GOVERNMENT}
    assert "London" in _texts(gov["GBRGOV"]) and "Paris" in _texts(gov["FRAGOV"])


def test_kyiv_is_a_place(tags):
    kyiv = [t for t in tags if t.type is ActorType.PLACE and t.name == "Kyiv"]
    assert len(kyiv) == 1 and kyiv[0].country == "UKR"
    assert len(kyiv[0].mentions) == 3
