"""Session 15 review of the event engine: the article-wide sport reading (rules 2025.12.29, mended in 2025.12.30)
against a state's officials.

Every sentence here was written for these tests (none from a gold or blind set). A match
report's players and clubs act in sport ("Salah struck", "Liverpool will meet Chelsea"); a head
of government who meets another in the same story acts for a state, and that meeting stays an
event. Countries keep the sport reading: national teams are named by them.
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorTag, ActorType, Article, EventTag, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article

LEX: dict[str, tuple[str, str | None, ActorType]] = {
    "Pakistan": ("PAK", "PAK", ActorType.COUNTRY),
    "India": ("IND", "IND", ActorType.COUNTRY),
    "Prime Minister Shehbaz Sharif": ("person:sharif", "PAK", ActorType.PERSON),
    "Narendra Modi": ("person:modi", "IND", ActorType.PERSON),
    "Babar Azam": ("person:babar", "PAK", ActorType.PERSON),
    "Liverpool": ("place:liverpool", "GBR", ActorType.PLACE),
    "Chelsea": ("place:chelsea", "GBR", ActorType.PLACE),
}
#: CAMEO roles the actor tagger gives to the heads of government (the helper's lexicon has none)
ROLES = {"person:sharif": "GOV", "person:modi": "GOV"}

FINAL = (
    "Pakistan beat India by five wickets in the Asia Cup final in Dubai on Sunday.\n\n"
    "Babar Azam scored an unbeaten 85 as Pakistan chased down 240 with two overs to spare.\n\n"
    "{sentence}\n\n"
    "The two sides have not played a bilateral series since 2012."
)


def _events(tagger: EventTagger, body: str) -> list[EventTag]:
    art: Article = article(body)
    tags: list[ActorTag] = [
        a.model_copy(update={"role": ROLES[a.actor_id]}) if a.actor_id in ROLES else a for a in actors(art, LEX)
    ]
    return [e for e in tagger.tag(art, tags) if not e.negated and e.event_type is PloverType.CONSULT]


def test_heads_of_government_meeting_in_a_match_report_is_an_event(tagger: EventTagger) -> None:
    body = FINAL.format(sentence="Prime Minister Shehbaz Sharif met Narendra Modi in Dubai on Monday to discuss water.")
    found = _events(tagger, body)
    assert any("person:sharif" in e.source and "person:modi" in e.target for e in found)


def test_national_teams_meeting_in_a_match_report_stay_sport(tagger: EventTagger) -> None:
    body = FINAL.format(sentence="Pakistan will meet India again in Colombo next week.")
    assert not _events(tagger, body)


def test_a_player_or_club_meeting_in_a_match_report_stays_sport(tagger: EventTagger) -> None:
    for sentence in ("Babar Azam met Narendra Modi's nephew in Dubai on Monday.", "Liverpool will meet Chelsea next."):
        assert not _events(tagger, FINAL.format(sentence=sentence)), sentence


# ------------------------------------------------------------------ reciprocal acts and their readings
#: reciprocal events (rules 2025.12.28) carry a "+reciprocal" rule-id mark that _readings took for
#: a reading's, so an intended reciprocal act lost the threat the one-sided sentence has

RECIPROCAL_LEX: dict[str, tuple[str, str | None, ActorType]] = {
    "Armenia": ("ARM", "ARM", ActorType.COUNTRY),
    "Azerbaijan": ("AZE", "AZE", ActorType.COUNTRY),
    "Sudan": ("SDN", "SDN", ActorType.COUNTRY),
    "South Sudan": ("SSD", "SSD", ActorType.COUNTRY),
}


def _typed(tagger: EventTagger, text: str, plover: PloverType) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    art = article(text)
    evs = tagger.tag(art, actors(art, RECIPROCAL_LEX))
    return {(tuple(e.source), tuple(e.target)) for e in evs if not e.negated and e.event_type is plover}


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("Armenia and Azerbaijan vowed to attack each other if the talks failed.", "ARM", "AZE"),
        ("Sudan and South Sudan threatened to strike one another over the oil fields.", "SDN", "SSD"),
    ],
)
def test_a_reciprocal_threat_is_read_for_each_side(tagger: EventTagger, text: str, a: str, b: str) -> None:
    assert _typed(tagger, text, PloverType.THREATEN) == {((a,), (b,)), ((b,), (a,))}


def test_a_reciprocal_act_done_is_no_threat(tagger: EventTagger) -> None:
    text = "Armenia and Azerbaijan attacked each other's border posts on Sunday."
    assert not _typed(tagger, text, PloverType.THREATEN)
    one_sided = "Armenia vowed to attack Azerbaijan if the talks failed."
    assert _typed(tagger, one_sided, PloverType.THREATEN) == {(("ARM",), ("AZE",))}
