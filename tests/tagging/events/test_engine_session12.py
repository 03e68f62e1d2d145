"""Session 12 classes (rules 2025.12.16 to 2025.12.19; every sentence and headline written for these tests).

A strike whose doer is a workforce ("Nurses begin strike", "a rail strike") is a labour action
(PROTEST, CAMEO 143), not an attack; a country's name as the modifier of "sanctions" names their
target ("align with Russia sanctions"), not who imposes them; "a call to" followed by an
infinitive is a demand, not a phone call; a gapped trigger does not reach across a clause
boundary ("halts shelling as talks begin"), and halting an attack is a retreat; a natural hazard
that "threatens" is no actor; a promised withdrawal is CONCEDE (the PLOVER definition, see
data/events/README.md), also when the troops are named ("promises to withdraw troops").
"""

from __future__ import annotations

from functools import partial

import pytest

from wirestream.models import ActorType, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import asserted_events, top

C = ActorType.COUNTRY
LEX = {
    "Germany": ("DEU", "DEU", C),
    "German": ("DEU", "DEU", C),
    "France": ("FRA", "FRA", C),
    "French": ("FRA", "FRA", C),
    "Russia": ("RUS", "RUS", C),
    "Russian": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Ukrainian": ("UKR", "UKR", C),
    "Kenya": ("KEN", "KEN", C),
    "Kenyan": ("KEN", "KEN", C),
    "Japan": ("JPN", "JPN", C),
    "Iran": ("IRN", "IRN", C),
    "Mali": ("MLI", "MLI", C),
    "Hungary": ("HUN", "HUN", C),
    "Armenia": ("ARM", "ARM", C),
    "US": ("USA", "USA", C),
    "Moscow": ("RUS", "RUS", C),
    "Kyiv": ("UKR", "UKR", C),
    "Nairobi": ("geonames:nairobi", "KEN", ActorType.PLACE),
    "Donetsk": ("geonames:donetsk", "UKR", ActorType.PLACE),
    "Kharkiv": ("geonames:kharkiv", "UKR", ActorType.PLACE),
    "European Union": ("org:eu", "IGO", ActorType.IGO),
    "EU": ("org:eu", "IGO", ActorType.IGO),
    "ECOWAS": ("org:ecowas", "IGO", ActorType.IGO),
    "African Union": ("org:au", "IGO", ActorType.IGO),
    "Kurdistan Workers' Party": ("org:pkk", None, ActorType.ORGANISATION),
    "Iraq": ("IRQ", "IRQ", C),
    "Revolutionary Guards": ("IRNMIL", "IRN", ActorType.ORGANISATION),
    "Teachers' Union": ("---LAB", None, ActorType.ORGANISATION),
    "nurses": ("---HLH", None, ActorType.ORGANISATION),
    "Nurses": ("---HLH", None, ActorType.ORGANISATION),
    "union": ("---LAB", None, ActorType.ORGANISATION),
}

#: the asserted events of a headline or sentence, actors from this file's LEX
events = partial(asserted_events, lexicon=LEX)


def _types(evs: list) -> set[PloverType]:  # type: ignore[type-arg]
    return {e.event_type for e in evs}


# ---------------------------------------------------------------- labour strikes


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Nurses in Kenya begin strike over unpaid wages", True),
        ("Teachers in France launch strike over pay", True),
        ("Doctors strike in Nairobi over pay", True),
        ("Miners in Germany call 48-hour strike", True),
        ("Rail strike halts trains across France", True),
        ("Kenyan nurses began an indefinite strike on Monday over unpaid wages.", False),
        ("Nurses in Germany staged a 24-hour strike on Friday, their union said.", False),
        ("Ports in Germany shut by 48-hour strike", True),
        ("Teachers' Union in Kenya begins strike", True),
    ],
)
def test_a_workforce_on_strike_is_a_protest_not_an_attack(tagger: EventTagger, text: str, headline: bool) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is PloverType.PROTEST, evs
    assert PloverType.ASSAULT not in _types(evs), evs
    assert all(e.cameo_code == "143" for e in evs if e.event_type is PloverType.PROTEST), evs


def test_workers_who_call_a_strike_are_its_doer_and_do_not_request_it(tagger: EventTagger) -> None:
    """ "called a strike" declares one: no request modality, and the workforce is the source."""
    lex = LEX | {"workers in Germany": ("DEUCVL", "DEU", ActorType.ORGANISATION)}
    evs = asserted_events(tagger, "Port workers in Germany called a strike on Monday over pensions.", False, lex)
    protests = [e for e in evs if e.event_type is PloverType.PROTEST]
    assert protests and protests[0].source == ["DEUCVL"] and protests[0].modality is None, evs


def test_a_workforce_threatening_to_strike_threatens_a_protest(tagger: EventTagger) -> None:
    evs = events(tagger, "Nurses in Kenya threaten to strike over pay", True)
    assert PloverType.ASSAULT not in _types(evs), evs
    assert "133" in {e.cameo_code for e in evs if e.event_type is PloverType.THREATEN}, evs  # threaten a protest


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Russian jets strike Kyiv", True),
        ("Russia strikes Kharkiv with drones", True),
        ("Ukrainian drones strike oil depot in Russia", True),
        ("Russian missiles struck a hospital in Kharkiv on Monday.", False),
        ("Russian missile strike kills three in Donetsk", True),
        ("Russia launches strike on Kyiv", True),
        ("African Union troops strike rebel camp in Mali", True),
        ("Kurdistan Workers' Party fighters strike army post in Iraq", True),
        ("Revolutionary Guards strike targets in Iraq", True),
        ("Kharkiv school strike kills 20", True),
        ("Russian hospital strike kills three in Kharkiv", True),
        ("Russian commandos carried out a lightning raid on Kharkiv on Monday.", False),
    ],
)
def test_a_military_strike_stays_an_attack(tagger: EventTagger, text: str, headline: bool) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is PloverType.ASSAULT, evs
    assert PloverType.PROTEST not in _types(evs), evs


@pytest.mark.parametrize(
    "text",
    [
        "Lightning strike sets fire at French chemical plant",
        "Tidal surge threatens villages in Japan",
        "Rising seas threaten coastal towns in France",
    ],
)
def test_a_natural_hazard_is_no_actor(tagger: EventTagger, text: str) -> None:
    assert events(tagger, text, True) == []


@pytest.mark.parametrize(
    "text", ["Iran threatens to close Strait of Hormuz", "Russia threatens Ukraine with new strikes"]
)
def test_a_party_that_threatens_still_threatens(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    assert evs and top(evs).event_type is PloverType.THREATEN, evs


# ---------------------------------------------------------------- sanctions named by their target


@pytest.mark.parametrize(
    "text",
    [
        "Hungary rejects EU demand to join Russia sanctions",
        "Japan urged to align with Iran sanctions",
    ],
)
def test_a_country_named_before_sanctions_is_their_target(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    target = "RUS" if "Russia" in text else "IRN"
    sanctions = [e for e in evs if e.event_type is PloverType.SANCTION]
    assert all(target not in e.source for e in evs), evs
    assert all(e.target == [target] for e in sanctions), evs


def test_a_demand_to_join_sanctions_is_not_addressed_to_their_target(tagger: EventTagger) -> None:
    evs = events(tagger, "Hungary rejects EU demand to join Russia sanctions", True)
    assert all("RUS" not in e.target for e in evs if e.event_type is PloverType.REQUEST), evs


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Iran sanctions US officials", ["IRN"], ["USA"]),
        ("Russian sanctions on Ukraine take effect", ["RUS"], ["UKR"]),
        ("US sanctions hit Iran oil exports", ["USA"], None),
        ("EU sanctions on Russia take effect", ["org:eu"], ["RUS"]),
    ],
)
def test_who_imposes_sanctions_stays_their_source(
    tagger: EventTagger, text: str, source: list[str], target: list[str] | None
) -> None:
    evs = [e for e in events(tagger, text, True) if e.event_type is PloverType.SANCTION]
    assert evs and evs[0].source == source, evs
    if target is not None:
        assert evs[0].target == target, evs


# ---------------------------------------------------------------- a call that is a demand


@pytest.mark.parametrize(
    "text",
    [
        "Mali rejects ECOWAS call to hold elections",
        "France backs EU call to end fighting in Ukraine",
        "The European Union renewed its call to free the jailed Iran activists.",
    ],
)
def test_a_call_to_do_something_is_no_phone_call(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, not text.endswith("."))
    assert PloverType.CONSULT not in _types(evs), evs


def test_a_call_to_do_something_is_a_request(tagger: EventTagger) -> None:
    evs = events(tagger, "France backs EU call to end fighting in Ukraine", True)
    reqs = [e for e in evs if e.event_type is PloverType.REQUEST]
    assert reqs and reqs[0].source == ["org:eu"] and reqs[0].modality == "request", evs


@pytest.mark.parametrize(
    "text",
    [
        "The French president made a call to Moscow on Tuesday.",
        "Germany holds phone call with Russia on gas",
    ],
)
def test_a_call_to_a_party_stays_a_phone_call(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, not text.endswith("."))
    assert evs and top(evs).event_type is PloverType.CONSULT, evs


# ---------------------------------------------------------------- halting, and talks in another clause


@pytest.mark.parametrize(
    "text",
    [
        "Russia halts shelling as talks begin",
        "Ukraine pauses air strikes on Donetsk",
        "Russia stops bombing of Kharkiv as ceasefire talks open",
    ],
)
def test_halting_an_attack_is_a_retreat(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, True)
    assert evs and top(evs).event_type is PloverType.RETREAT, evs
    assert not _types(evs) & {PloverType.ASSAULT, PloverType.REJECT}, evs


@pytest.mark.parametrize(
    "text",
    [
        "Army in Russia halts fire as talks begin",
        "Ukraine suspends drills while talks continue",
        "Russia cancels exercises as talks with Ukraine begin",
    ],
)
def test_a_gapped_trigger_does_not_cross_a_clause(tagger: EventTagger, text: str) -> None:
    """ "halt ... talks" (CAMEO 164, halting negotiations) must not reach the talks of another clause."""
    evs = events(tagger, text, True)
    assert not [e for e in evs if e.rule_id.startswith("sanction.halt_talks")], evs


def test_a_gap_within_one_clause_still_matches(tagger: EventTagger) -> None:
    evs = events(tagger, "Russia suspends peace talks with Ukraine", True)
    assert evs and top(evs).event_type is PloverType.SANCTION, evs


def test_halting_talks_stays_a_sanction(tagger: EventTagger) -> None:
    """CAMEO 164 (halt negotiations), which the 2021 crosswalk codes SANCTION."""
    evs = events(tagger, "Russia halts talks with Ukraine", True)
    assert evs and top(evs).event_type is PloverType.SANCTION, evs


# ---------------------------------------------------------------- a promised withdrawal


@pytest.mark.parametrize(
    "text",
    [
        "Russia promises to withdraw troops from Armenia",
        "Russia pledges to pull troops back from Armenia",
        "Russia vowed on Monday to withdraw its forces from Armenia.",
    ],
)
def test_a_promised_withdrawal_is_a_concession(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, not text.endswith("."))
    assert evs and top(evs).event_type is PloverType.CONCEDE, evs
    assert PloverType.AGREE not in {e.event_type for e in evs if e.confidence >= top(evs).confidence - 0.1}, evs


def test_a_promise_to_send_troops_stays_an_aid_pledge(tagger: EventTagger) -> None:
    evs = events(tagger, "Russia promises to send troops to Armenia", True)
    assert evs and top(evs).event_type is PloverType.AGREE, evs
