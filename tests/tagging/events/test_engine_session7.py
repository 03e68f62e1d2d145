"""Session 7 classes (rules 2025.12.02; every sentence and headline written for these tests).

Headlines: a headline is its story's news in telegraphic form ("Curfew imposed in Peru after
clashes"): it drops articles and auxiliaries and leaves the doer to the body. There an asserted act
(a verb, a passive or an event noun standing as the headline's predicate) is kept with no named doer
when the headline names a party of known country at all; a headline naming no such party is most
often no political news ("Shares strike record high") and yields nothing, as in the body.
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag, PloverType, TextField
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article

C = ActorType.COUNTRY
LEX = {
    "Peru": ("PER", "PER", C),
    "Chile": ("CHL", "CHL", C),
    "Sudan": ("SDN", "SDN", C),
    "Chilean army": ("CHLMIL", "CHL", ActorType.MILITARY),
    "Chilean defence ministry": ("CHLGOV", "CHL", ActorType.GOVERNMENT),
    "Lima": ("geonames:lima", "PER", ActorType.PLACE),
    "Khartoum": ("geonames:khartoum", "SDN", ActorType.PLACE),
    "villagers": ("---CVL", None, ActorType.ORGANISATION),
}


def headline_events(tagger: EventTagger, headline: str) -> list[EventTag]:
    art = article("", headline=headline)
    return [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]


def top_type(evs: list[EventTag]) -> PloverType | None:
    return max(evs, key=lambda e: e.confidence).event_type if evs else None


@pytest.mark.parametrize(
    ("headline", "plover"),
    [
        # passive with no agent after a headline's label naming the country
        ("Turmoil in Peru: Curfew Imposed After Night of Looting", PloverType.COERCE),
        # an event noun as the headline's predicate, a country as location
        ("Mass Arrests Reported in Sudan Ahead of Vote", PloverType.COERCE),
        # the act reported by a party ("X says"), its doer unnamed
        ("Disinformation campaign targets voters, Chile says", PloverType.COERCE),
        # reported by unnamed people in a country
        ("Villagers in Sudan Report Overnight Shelling", PloverType.ASSAULT),
    ],
)
def test_headline_act_with_unnamed_doer_is_kept(tagger: EventTagger, headline: str, plover: PloverType) -> None:
    evs = headline_events(tagger, headline)
    assert top_type(evs) is plover, evs
    assert all(e.trigger.field is TextField.HEADLINE for e in evs)


@pytest.mark.parametrize(
    "headline",
    [
        # no party of known country: the vocabulary of conflict used figuratively, or no agent
        "Shares strike record high as tech rally resumes",
        "Virus attacks immune cells, study finds",
        "Markets threatened by rising bond yields",
        "Star quarterback attacks the defence in season opener",
        # a party is named, but the act is background or a proposal
        "Calm returns to Lima after curfew imposed",
        "Proposal for talks on Lima water dispute",
    ],
)
def test_headline_without_party_or_assertion_yields_nothing(tagger: EventTagger, headline: str) -> None:
    assert headline_events(tagger, headline) == []


def test_headline_rule_does_not_reach_the_body(tagger: EventTagger) -> None:
    # the same words in the body: an event noun with no doer and only a location stays dropped,
    # as before (the body names its doers, so an unnamed one there is no assertion of news)
    art = article("Mass arrests were reported in Sudan ahead of the vote.")
    assert [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated] == []


def test_headline_unnamed_doer_ranks_below_a_named_one(tagger: EventTagger) -> None:
    named = headline_events(tagger, "Chile Imposes Curfew in Khartoum")
    unnamed = headline_events(tagger, "Curfew Imposed in Khartoum")
    assert named and unnamed
    assert named[0].source == ["CHL"] and unnamed[0].source == []
    assert unnamed[0].confidence < named[0].confidence


def test_headline_future_with_unnamed_doer_gets_its_plover_reading(tagger: EventTagger) -> None:
    # "X to withdraw" announces a withdrawal: the PLOVER manual's CONCEDE (a promised retreat),
    # read in a headline as for a named party, since the headline leaves the doer to the body
    lex = {**LEX, "Troops": ("---MIL", None, ActorType.MILITARY)}
    art = article("", headline="Turmoil in Sudan: Troops to Withdraw From Border Towns")
    evs = [e for e in tagger.tag(art, actors(art, lex)) if not e.negated]
    assert top_type(evs) is PloverType.CONCEDE, evs


@pytest.mark.parametrize(
    ("headline", "plover"),
    [
        ("Chile to Host Peru for Border Talks", PloverType.AGREE),  # a future meeting: AGREE
        ("Peru to Impose Curfew in Lima", PloverType.THREATEN),  # a future coercion: THREATEN
        ("Chile Begins to Withdraw From Border Towns", PloverType.RETREAT),  # "begins to": now
    ],
)
def test_headline_to_future(tagger: EventTagger, headline: str, plover: PloverType) -> None:
    assert top_type(headline_events(tagger, headline)) is plover, headline_events(tagger, headline)


def test_body_future_with_unnamed_doer_gets_no_reading(tagger: EventTagger) -> None:
    art = article("Troops are to withdraw from border towns in Sudan, a report said.")
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]
    assert all(e.event_type is not PloverType.CONCEDE for e in evs), evs


@pytest.mark.parametrize(
    ("text", "main", "argument"),
    [
        # an actor's name between the act and its topic counts as one word
        ("Peru Makes Concessions to Chilean defence ministry at Talks", PloverType.CONCEDE, PloverType.CONSULT),
    ],
)
def test_event_noun_after_an_actor_name_is_an_argument(
    tagger: EventTagger, text: str, main: PloverType, argument: PloverType
) -> None:
    art = article(text) if text.endswith(".") else article("", headline=text)
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]
    by_type = {e.event_type: e.confidence for e in evs}
    assert main in by_type and argument in by_type, evs
    assert by_type[main] > by_type[argument]


@pytest.mark.parametrize(
    "text",
    [
        "The Sudanese rebels claimed responsibility for the attack on Khartoum airport.",
        "Chile took responsibility for the shelling of the Peru border post.",
        "Rebels in Sudan Claim Responsibility for Weekend Bombing of Khartoum Market",
    ],
)
def test_claimed_responsibility_makes_the_claimant_the_doer(tagger: EventTagger, text: str) -> None:
    lex = {**LEX, "The Sudanese rebels": ("SDNREB", "SDN", ActorType.ORGANISATION)}
    lex["Rebels in Sudan"] = ("SDNREB", "SDN", ActorType.ORGANISATION)
    art = article(text) if text.endswith(".") else article("", headline=text)
    evs = [e for e in tagger.tag(art, actors(art, lex)) if not e.negated and e.event_type is PloverType.ASSAULT]
    assert evs and evs[0].source in (["SDNREB"], ["CHL"]), evs


@pytest.mark.parametrize(
    "text",
    [
        "Peru denied responsibility for the shelling of Chile's border post.",
        "Peru has not claimed responsibility for the shelling of Chile's border post.",
    ],
)
def test_denied_responsibility_names_no_doer(tagger: EventTagger, text: str) -> None:
    # the shelling stands (the post was shelled), but not as Peru's act
    art = article(text)
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if e.event_type is PloverType.ASSAULT]
    assert evs and all(e.source == [] and not e.negated for e in evs), evs


@pytest.mark.parametrize(
    ("text", "main"),
    [
        # a demand as the purpose of material pressure ranks below the pressure
        ("Chile would impose a blockade to demand that Peru pay compensation.", PloverType.THREATEN),
        ("Chile deployed troops, demanding that Peru apologise.", PloverType.MOBILIZE),
        ("Chile shelled the border post to demand that Peru withdraw.", PloverType.ASSAULT),
    ],
)
def test_demand_pressed_by_material_act_ranks_below_it(tagger: EventTagger, text: str, main: PloverType) -> None:
    art = article(text)
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]
    assert top_type(evs) is main, evs
    requests = [e for e in evs if e.event_type is PloverType.REQUEST]
    assert requests and max(e.confidence for e in requests) < max(e.confidence for e in evs) - 0.1, evs


def test_demand_before_the_act_stays_on_top(tagger: EventTagger) -> None:
    # the demand is the sentence's news; the blockade is its content
    art = article("Peru demanded that Chile lift the blockade of Lima.")
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]
    assert top_type(evs) is PloverType.REQUEST, evs


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Peru Scraps Plans to Impose Curfew in Lima", PloverType.COERCE),
        ("Chile abandoned plans to deploy troops to the Peru border.", PloverType.MOBILIZE),
        ("Peru suspended its plans to expel Chile's diplomats.", PloverType.SANCTION),
    ],
)
def test_act_of_a_dropped_plan_is_negated(tagger: EventTagger, text: str, dropped: PloverType) -> None:
    # the concession is the news; the planned act will not happen, so it is neither a plain
    # positive nor its doer's threat
    art = article(text) if text.endswith(".") else article("", headline=text)
    evs = tagger.tag(art, actors(art, LEX))
    asserted = [e for e in evs if not e.negated]
    assert top_type(asserted) is PloverType.CONCEDE, evs
    assert all(e.event_type is not PloverType.THREATEN for e in asserted), evs
    assert any(e.event_type is dropped and e.negated for e in evs), evs


def test_act_of_an_announced_plan_stays_a_threat(tagger: EventTagger) -> None:
    art = article("Peru unveiled plans to impose a curfew in Lima.")
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]
    assert top_type(evs) is PloverType.THREATEN, evs


@pytest.mark.parametrize(
    ("text", "plover", "source"),
    [
        # one side's exercise near another's border is a show of force
        ("Chile began military exercises near the Peru border.", PloverType.MOBILIZE, ["CHL"]),
        # held by two countries together it is military cooperation (PLOVER: joint military games)
        ("Chile and Peru launched naval exercises off Lima on Monday.", PloverType.COOPERATE, ["CHL", "PER"]),
        ("Chilean army and Peru held war games.", PloverType.COOPERATE, ["CHLMIL", "PER"]),
    ],
)
def test_exercise_held_jointly_is_cooperation(
    tagger: EventTagger, text: str, plover: PloverType, source: list[str]
) -> None:
    art = article(text)
    evs = [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]
    assert top_type(evs) is plover, evs
    assert sorted(evs[0].source) == source
    if plover is PloverType.COOPERATE:
        assert evs[0].cameo_code == "062" and evs[0].quad_class == 2
