"""Session 8 classes (rules 2025.12.07; every sentence and headline written for these tests).

Non-agent doers: news uses the verbs of attack, threat and retreat for natural forces, diseases
and markets ("Storm batters coast", "Drought threatens harvest", "Copper prices retreat"). No one
acts there, so there is no PLOVER event, even when the sentence names a country as place or
victim. Only the subject position counts: the same words elsewhere in a sentence, or as the first
half of a compound noun ("oil sanctions", "pandemic talks"), leave a real act alone.
"""

from __future__ import annotations

from functools import partial

import pytest

from wirestream.models import ActorType, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import asserted_events

C = ActorType.COUNTRY
LEX = {
    "Philippines": ("PHL", "PHL", C),
    "Ethiopia": ("ETH", "ETH", C),
    "Japan": ("JPN", "JPN", C),
    "Greece": ("GRC", "GRC", C),
    "Italy": ("ITA", "ITA", C),
    "Nigeria": ("NGA", "NGA", C),
    "France": ("FRA", "FRA", C),
    "Congo": ("COD", "COD", C),
    "Sudan": ("SDN", "SDN", C),
    "Poland": ("POL", "POL", C),
    "Polish": ("POL", "POL", C),
    "Argentina": ("ARG", "ARG", C),
    "China": ("CHN", "CHN", C),
    "Chinese": ("CHN", "CHN", C),
    "Iran": ("IRN", "IRN", C),
    "Iranian": ("IRN", "IRN", C),
    "Kenya": ("KEN", "KEN", C),
    "Russia": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "United States": ("USA", "USA", C),
    "Kyiv": ("UKR", "UKR", C),
    "Mumbai": ("geonames:mumbai", "IND", ActorType.PLACE),
    "Athens": ("geonames:athens", "GRC", ActorType.PLACE),
    "central bank": ("---GOV", None, ActorType.GOVERNMENT),
    "protesters": ("---OPP", None, ActorType.ORGANISATION),
    "police": ("---COP", None, ActorType.GOVERNMENT),
}


#: the asserted events of a headline or sentence, actors from this file's LEX
events = partial(asserted_events, lexicon=LEX)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # a natural force as the subject, the country as the place hit
        ("Storm batters Philippines coast, thousands evacuated", True),
        ("Drought threatens harvest in Ethiopia", True),
        ("Typhoon slams into southern Japan, cutting power to 200,000 homes", True),
        ("Wildfire threatens villages near Athens as Greece swelters", True),
        ("Hailstorm destroys crops across northern Italy", True),
        ("Floodwaters threatened to overwhelm defences in the Polish city of Wroclaw on Sunday.", False),
        # a disease as the subject, also through an auxiliary or a participle after a comma
        ("Bird flu strikes poultry farms in France", True),
        ("Mpox virus threatens children in Congo", True),
        ("A cholera outbreak has killed more than 300 people in Sudan since August, officials said.", False),
        ("Measles outbreak spreads in Nigeria, killing dozens", True),
        # market quantities before a plain verb, also past a prepositional phrase naming a place
        ("Inflation threatens recovery in Argentina, central bank warns", True),
        ("Chinese exports beat forecasts in May", True),
        ("Stocks in Mumbai retreated from record highs on Monday as investors booked profits.", False),
    ],
)
def test_non_agent_subject_makes_no_event(tagger: EventTagger, text: str, headline: bool) -> None:
    assert events(tagger, text, headline) == []


@pytest.mark.parametrize(
    ("text", "headline", "plover", "source"),
    [
        # the force words elsewhere in the sentence: the actor before the verb is its subject
        ("Iran threatened to close the Strait of Hormuz on Monday as oil prices rose.", False, "THREATEN", "IRN"),
        ("Iran seized a tanker carrying Iraqi oil on Monday as crude prices rose.", False, "COERCE", "IRN"),
        ("Russia shelled Kyiv as prices rose and the economy shrank, officials said.", False, "ASSAULT", "RUS"),
        # "storm" as the verb after its doer
        ("Protesters storm parliament in Kenya", True, None, None),
        # a quantity or a disease as the first half of a compound noun, not a subject
        ("United States imposes new oil sanctions on Iran", True, "SANCTION", "USA"),
        ("China and Japan hold pandemic talks in Tokyo", True, "CONSULT", None),
        # an actor governed by a preposition is stepped over only to reach a noun, not a doer
        ("Police in Kenya attacked protesters on Tuesday, witnesses said.", False, "ASSAULT", None),
    ],
)
def test_real_acts_with_similar_words_stay(
    tagger: EventTagger, text: str, headline: bool, plover: str | None, source: str | None
) -> None:
    evs = events(tagger, text, headline)
    assert evs, text
    if plover is not None:
        top = max(evs, key=lambda e: e.confidence)
        assert top.event_type is PloverType(plover), evs
        if source is not None:
            assert source in top.source, evs


# Hosting: a party hosted is a visit (CONSULT 043), a meeting hosted is a consultation; a sport
# event, a fair or a games hosts no one and is no PLOVER event.
HOST_LEX = {
    **LEX,
    "Brazil": ("BRA", "BRA", C),
    "Qatar": ("QAT", "QAT", C),
    "Chile": ("CHL", "CHL", C),
    "Peru": ("PER", "PER", C),
    "African Union": ("org:au", "IGO", ActorType.IGO),
    "Xi Jinping": ("person:xi", "CHN", ActorType.PERSON),
    "Vladimir Putin": ("person:putin", "RUS", ActorType.PERSON),
}


@pytest.mark.parametrize(
    "headline",
    ["Brazil to host Copa America next year", "Japan hosts trade fair in Osaka", "Qatar to host the 2030 Asian Games"],
)
def test_hosting_no_party_is_no_event(tagger: EventTagger, headline: str) -> None:
    assert events(tagger, headline, True, lexicon=HOST_LEX) == []


@pytest.mark.parametrize(
    ("headline", "target"),
    [
        ("Xi Jinping hosts Vladimir Putin in Beijing", "person:putin"),
        ("Kenya to host African Union summit on Sudan", None),
        ("Qatar hosts talks between Chile and Peru", None),
    ],
)
def test_hosting_a_party_or_a_meeting_stays(tagger: EventTagger, headline: str, target: str | None) -> None:
    evs = events(tagger, headline, True, lexicon=HOST_LEX)
    assert evs and {e.event_type for e in evs} <= {PloverType.CONSULT, PloverType.AGREE}, evs
    if target is not None:
        assert any(target in e.target for e in evs), evs


# Sport: a country "beating" another in a tournament is a result, not an assault; a person
# beaten by police stays an assault.
@pytest.mark.parametrize(
    "headline",
    [
        "Germany beat France to reach Euro final",
        "Brazil beaten by Argentina in qualifier",
        "Italy beat Japan in Davis Cup quarter-finals",
        "Japan beat Kenya to lift regional cup",
    ],
)
def test_tournament_results_are_no_assault(tagger: EventTagger, headline: str) -> None:
    assert events(tagger, headline, True) == []


@pytest.mark.parametrize(
    "text",
    ["Police beat protesters in Kenya on Tuesday, witnesses said.", "Opposition activists beaten by police in Sudan"],
)
def test_beatings_stay_assaults(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, not text.endswith("."))
    assert any(e.event_type is PloverType.ASSAULT for e in evs), evs


# Drills (rules 2025.12.10): a weapon or arm of service before "drills"/"exercises" names a military
# drill, a show of force (MOBILIZE, CAMEO 150) and not an attack with that weapon; "around" introduces
# its target. Bare drills of schools or oil rigs stay no event.
DRILL_LEX = {
    **LEX,
    "Taiwan": ("TWN", "TWN", C),
    "Norway": ("NOR", "NOR", C),
    "North Korea": ("PRK", "PRK", C),
    "Russian navy": ("RUSMIL", "RUS", ActorType.MILITARY),
    "Exxon": ("org:exxon", "USA", ActorType.COMPANY),
    "Guyana": ("GUY", "GUY", C),
    "Tokyo": ("geonames:tokyo", "JPN", ActorType.PLACE),
}


@pytest.mark.parametrize(
    ("headline", "source", "target"),
    [
        ("North Korea conducts artillery drills near the border", "PRK", None),
        ("Russian navy holds missile drills near Norway", "RUSMIL", "NOR"),
        ("China launches military drills around Taiwan", "CHN", "TWN"),
        ("Iran stages large-scale exercises in the Gulf", "IRN", None),
    ],
)
def test_military_drills_are_a_show_of_force(
    tagger: EventTagger, headline: str, source: str, target: str | None
) -> None:
    evs = events(tagger, headline, True, lexicon=DRILL_LEX)
    assert [e.event_type for e in evs] == [PloverType.MOBILIZE], evs
    assert evs[0].source == [source], evs
    assert evs[0].target == ([target] if target else []), evs


@pytest.mark.parametrize(
    "headline",
    ["Tokyo schools hold earthquake drills", "Exxon began drilling near Guyana's coast"],
)
def test_civil_drills_and_drilling_are_no_event(tagger: EventTagger, headline: str) -> None:
    assert events(tagger, headline, True, lexicon=DRILL_LEX) == []
