"""Session 11: dissolved states named in history and anniversaries (countries.yaml, ISO 3166-3 codes),
by name only: their demonyms in today's copy qualify things and places, not the state acting
(sentences written for these tests, none from the peer gold)."""

from __future__ import annotations

import pytest

from .conftest import make_article


def ids(tagger, text):
    return {t.actor_id for t in tagger.tag(make_article(text))}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Soviet Union invaded Afghanistan in 1979.", "SUN"),
        ("Moscow signed the treaty when the USSR still existed.", "SUN"),
        ("Yugoslavia broke apart in the 1990s after years of war.", "YUG"),
        ("Czechoslovakia split peacefully into two states in 1993.", "CSK"),
        ("The German Democratic Republic built the wall in 1961.", "DDR"),
        ("West Germany won the World Cup in 1990.", "DEU"),
    ],
)
def test_a_dissolved_state_named_is_that_state(tagger, text, code):
    assert code in ids(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        "Soviet-made tanks rolled into the town on Monday.",
        "Georgia, a former Soviet republic, applied to join the EU.",
        "The ex-Yugoslav states signed a trade deal in Belgrade.",
        "Residents of Soviet-era blocks were evacuated in Kyiv.",
    ],
)
def test_the_demonyms_qualify_things_not_the_state(tagger, text):
    assert not ids(tagger, text) & {"SUN", "YUG", "CSK", "DDR"}


def test_east_germany_today_is_no_gdr(tagger):
    # today's copy also says "East Germany" for Germany's eastern states, so the name is not listed
    assert "DDR" not in ids(tagger, "Voters in East Germany backed the AfD in Sunday's state elections.")


def test_a_gdr_in_business_copy_is_no_east_german_state(tagger):
    # "GDR" is also a global depositary receipt: only the full name is the state
    assert "DDR" not in ids(tagger, "The company plans a GDR listing in London next month.")
