"""Session 11 classes (rules 2025.12.14 and 2025.12.15; every sentence and headline written for these tests).

A capitalised trigger inside the title of a work ("... on Titan film", "the series 'Strike
Back'") is no act; the act inside the object of a rejection ("rejects US call for new
election") is the proposer's proposal, not a second rejection by the proposer; a conflict that
*begins* in an "as" clause ("... as a general strike begins") is news, not the background of
the main clause (a material conflict only: a cooperative process starting there, "as talks
begin", stays background as in session 10); "storm season", "storm damage" are weather (the
hazard context).
"""

from __future__ import annotations

from functools import partial

import pytest

from wirestream.models import ActorType, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import asserted_events, top

C = ActorType.COUNTRY
LEX = {
    "Japan": ("JPN", "JPN", C),
    "Japanese": ("JPN", "JPN", C),
    "Germany": ("DEU", "DEU", C),
    "German": ("DEU", "DEU", C),
    "France": ("FRA", "FRA", C),
    "French": ("FRA", "FRA", C),
    "Russia": ("RUS", "RUS", C),
    "Russian": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Kenya": ("KEN", "KEN", C),
    "Belarus": ("BLR", "BLR", C),
    "Bolivia": ("BOL", "BOL", C),
    "US": ("USA", "USA", C),
    "Serbia": ("SRB", "SRB", C),
    "Iran": ("IRN", "IRN", C),
    "Moscow": ("RUS", "RUS", C),
    "Kyiv": ("UKR", "UKR", C),
    "European Union": ("org:eu", "IGO", ActorType.IGO),
    "EU": ("org:eu", "IGO", ActorType.IGO),
    "Kharkiv": ("geonames:kharkiv", "UKR", ActorType.PLACE),
    "Odesa": ("geonames:odesa", "UKR", ActorType.PLACE),
    "Donetsk": ("geonames:donetsk", "UKR", ActorType.PLACE),
    "Nairobi": ("geonames:nairobi", "KEN", ActorType.PLACE),
    "Union": ("---LAB", None, ActorType.ORGANISATION),
    "unions": ("---LAB", None, ActorType.ORGANISATION),
}

#: the asserted events of a headline or sentence, actors from this file's LEX
events = partial(asserted_events, lexicon=LEX)


# ---------------------------------------------------------------- titles of works


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Invasion of Poland documentary wins award in Germany", True),
        ("Siege of Kharkiv film premieres in France", True),
        ("Attack on the Moon remake tops Japanese box office", True),
        ("Assault on Odesa miniseries breaks streaming records in Ukraine", True),
        ("The drama 'Siege of Odesa' opens in French cinemas on Friday.", False),
    ],
)
def test_a_trigger_in_the_title_of_a_work_is_no_event(tagger: EventTagger, text: str, headline: bool) -> None:
    assert PloverType.ASSAULT not in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    ("text", "headline", "expected"),
    [
        # no work noun: an attack on a place the dictionary may lack stays an attack
        ("Attack on Kharkiv kills five", True, PloverType.ASSAULT),
        ("Attack on Odesa port damages grain silos", True, PloverType.ASSAULT),
        # a work noun naming a place or a team: the attack on it is real
        ("Attack on Russian film crew in Donetsk kills two", True, PloverType.ASSAULT),
        ("Russian drones attack film studio in Kyiv", True, PloverType.ASSAULT),
        # a verb before a work noun is no title: banning a film is a restriction
        ("Russia bans film about Ukraine war", True, PloverType.COERCE),
    ],
)
def test_attacks_near_work_nouns_stay_events(
    tagger: EventTagger, text: str, headline: bool, expected: PloverType
) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is expected, evs


# ---------------------------------------------------------------- the object of a rejection


@pytest.mark.parametrize(
    ("text", "rejecter", "proposer"),
    [
        ("Belarus rejects EU call for new election", ["BLR"], ["org:eu"]),
        ("Bolivia rejects US call for new election", ["BOL"], ["USA"]),
    ],
)
def test_the_proposer_of_a_rejected_call_is_no_rejecter(
    tagger: EventTagger, text: str, rejecter: list[str], proposer: list[str]
) -> None:
    evs = events(tagger, text, True)
    rejects = [e for e in evs if e.event_type is PloverType.REJECT]
    assert rejects and all(e.source == rejecter for e in rejects), evs
    assert all(e.source != proposer for e in evs if e.modality is None), evs


def test_an_act_demanded_of_the_rejecter_is_not_asserted(tagger: EventTagger) -> None:
    """ "Moscow rejects Kyiv's demand for a troop withdrawal": no withdrawal happened."""
    evs = events(tagger, "Moscow rejects Kyiv's demand for troop withdrawal", True)
    assert top(evs).event_type is PloverType.REJECT, evs
    assert not [e for e in evs if e.event_type is PloverType.RETREAT and e.modality is None], evs


@pytest.mark.parametrize(
    "text",
    [
        "Iran refused to withdraw its troops from the border, Iraqi officials said.",
        "Serbia refused to impose sanctions on Russia.",
    ],
)
def test_the_rejecters_own_refusal_stays_a_rejection(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, False)
    assert evs and top(evs).event_type is PloverType.REJECT, evs


# ---------------------------------------------------------------- an act that begins in an "as" clause


@pytest.mark.parametrize(
    "text",
    [
        "Union negotiations fail as general strike begins",
        "Pay talks collapse as unions begin walkout",
    ],
)
def test_a_strike_that_begins_in_an_as_clause_is_the_news(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    assert evs and top(evs).event_type is PloverType.PROTEST, evs


def test_a_state_in_the_main_clause_does_not_protest(tagger: EventTagger) -> None:
    """ "Kenya imposes curfew as protests erupt": the curfew is Kenya's, the protests are not."""
    evs = events(tagger, "Kenya imposes curfew as protests erupt", True)
    assert top(evs).event_type is PloverType.COERCE, evs
    assert not [e for e in evs if e.event_type is PloverType.PROTEST and e.source == ["KEN"]], evs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # session 10's rule: an act going on in the "as" clause is the setting of the main act
        ("Ukraine declared martial law as street battles raged.", PloverType.COERCE),
        ("Kenya imposed a curfew in Nairobi as protests continued.", PloverType.COERCE),
    ],
)
def test_an_act_going_on_in_an_as_clause_stays_background(tagger: EventTagger, text: str, expected: PloverType) -> None:
    evs = events(tagger, text, False)
    assert evs and top(evs).event_type is expected, evs


# ---------------------------------------------------------------- weather compounds of "storm"


@pytest.mark.parametrize(
    "text",
    [
        "Ferries cancelled as storm season begins in France",
        "Storm damage closes ports in Japan",
    ],
)
def test_a_storm_compound_is_weather(tagger: EventTagger, text: str) -> None:
    """ "storm season", "storm damage", "storm warnings" put the sentence in the hazard context."""
    assert PloverType.ASSAULT not in {e.event_type for e in events(tagger, text, True)}


def test_a_party_storming_a_place_in_storm_season_still_attacks(tagger: EventTagger) -> None:
    evs = events(tagger, "Russian troops storm Ukraine border post as storm season begins", True)
    assert evs and top(evs).event_type is PloverType.ASSAULT, evs
