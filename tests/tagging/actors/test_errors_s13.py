"""Session 13: actor tagging errors left by session 12, fixed as classes (sentences written for these
tests, none from the peer gold). Each class has the other side as a test too.

* the object of a verb a capital governs for its government is a government too ("Moscow accused
  Kyiv": CAMEO codes RUSGOV accuses UKRGOV); a verb that is no government's act ("Moscow struck
  Kyiv overnight"), a locative word ("flights from London to Paris") or no object capital ("Beijing
  hosted the summit") leave the city a place.
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType

from .conftest import make_article


def tags(tagger, text, language="en", headline=""):
    return {t.actor_id: t for t in tagger.tag(make_article(text, language=language, headline=headline))}


def codes(tagger, text, language="en", headline=""):
    return {t.code for t in tagger.tag(make_article(text, language=language, headline=headline))}


def places(tagger, text):
    return {t.name for t in tagger.tag(make_article(text)) if t.type is ActorType.PLACE}


# ---------------------------------------------------------------- the acting capital's object


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Moscow accused Kyiv of sabotaging the grain corridor, the foreign ministry said.", "RUSGOV", "UKRGOV"),
        ("Washington warned Beijing against further military drills near the island.", "USAGOV", "CHNGOV"),
        ("Tokyo urged Seoul to resume talks on the disputed islands.", "JPNGOV", "KORGOV"),
        ("Ankara has condemned Athens over the detention of two border guards.", "TURGOV", "GRCGOV"),
        ("Paris welcomed London's decision to lift the restrictions.", "FRAGOV", "GBRGOV"),
        # an object said to act is a government as well
        ("Washington says Beijing is preparing new export controls.", "USAGOV", "CHNGOV"),
    ],
)
def test_the_object_of_an_acting_capitals_verb_is_a_government(tagger, text, source, target):
    found = codes(tagger, text)
    assert source in found and target in found


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a verb no government act list has: the capitals are places
        ("Moscow struck Kyiv overnight with drones and missiles, officials said.", "Kyiv"),
        ("Moscow shelled Kharkiv overnight.", "Kharkiv"),
        ("Flights from London to Paris were cancelled because of the storm.", "Paris"),
        ("Beijing hosted the summit on Tuesday as leaders arrived from across Asia.", "Beijing"),
        # a locative word between: "sent envoys to Seoul"
        ("Tokyo sent envoys to Seoul on Monday.", "Seoul"),
        # not right after the verb
        ("Washington warned that traffic in Beijing would be disrupted.", "Beijing"),
    ],
)
def test_a_capital_that_is_no_verbs_object_stays_a_place(tagger, text, city):
    assert city in places(tagger, text)
    assert not any(c.endswith("GOV") and c[:3] in ("UKR", "FRA", "CHN", "KOR") for c in codes(tagger, text) if c)
