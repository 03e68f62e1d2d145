"""Events with an unknown doer (rules 2025.11.29; sentences written for these tests).

PLOVER and CAMEO coders code an act whose doer the dictionaries cannot name with an unknown source
(PLOVER ``UNK``, CAMEO ``---``): "an aid agency appealed to the Sudanese government" is still a
REQUEST to Sudan. The tagger keeps such an event when a verb in the main clause, in the active
voice, asserts it and the party acted upon is a known country or institution; an event noun, a
passive or reduced relative, a subordinate clause or a condition with no doer stays dropped, and
so does an act aimed only at a generic group of no known country ("urging residents to ...").
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article

C = ActorType.COUNTRY
LEX = {
    "Sudan": ("SDN", "SDN", C),
    "Sudanese government": ("SDNGOV", "SDN", ActorType.GOVERNMENT),
    "Germany": ("DEU", "DEU", C),
    "Kenya": ("KEN", "KEN", C),
    "Chile": ("CHL", "CHL", C),
    "Peru": ("PER", "PER", C),
    "Russia": ("RUS", "RUS", C),
    "residents": ("---CVL", None, ActorType.ORGANISATION),
    "officials": ("---GOV", None, ActorType.GOVERNMENT),
    "the insurgents": ("PERREB", "PER", ActorType.ORGANISATION),
    "Lima": ("geonames:lima", "PER", ActorType.PLACE),
}


def run(tagger: EventTagger, body: str) -> list[EventTag]:
    art = article(body)
    return [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]


@pytest.mark.parametrize(
    ("body", "plover", "target"),
    [
        (
            "A coalition of relief charities appealed to the Sudanese government on Monday to reopen the airport.",
            PloverType.REQUEST,
            "SDNGOV",
        ),
        ("Thousands of families fleeing the fighting sought asylum in Germany last year.", PloverType.REQUEST, "DEU"),
        ("The regional water authority accused Kenya of diverting the river.", PloverType.ACCUSE, "KEN"),
        ("Unidentified assailants shelled Chile's northern border post overnight.", PloverType.ASSAULT, "CHL"),
    ],
)
def test_active_verb_with_an_unresolved_doer_keeps_its_event(
    tagger: EventTagger, body: str, plover: PloverType, target: str
) -> None:
    evs = [e for e in run(tagger, body) if e.event_type is plover]
    assert evs, run(tagger, body)
    assert evs[0].source == [] and evs[0].target == [target]


def test_unknown_doer_ranks_below_a_named_one(tagger: EventTagger) -> None:
    # the same act with a named doer scores higher, so a sentence's attributed event stays on top
    named = [e for e in run(tagger, "Peru appealed to the Sudanese government to reopen the airport.")]
    unnamed = run(tagger, "A relief charity appealed to the Sudanese government to reopen the airport.")
    assert named[0].source == ["PER"]
    assert unnamed[0].confidence < named[0].confidence


@pytest.mark.parametrize(
    "body",
    [
        # a generic group of no known country is all the act names: nothing to report on
        "Heavy snow is expected in the mountains, forecasters said, urging residents to stay indoors.",
        # event noun with no doer
        "The threat to Peru's fishing fleet has grown, the report said.",
        # reduced relative (passive): the officials are accused, by nobody named
        "Officials accused of helping Russia evade the embargo were questioned on Tuesday.",
        # a subordinate clause is background
        "Copper prices rose after an unnamed buyer accused Chile of hoarding.",
        # a condition, not a report
        "If anyone accuses Chile of cheating, the treaty obliges its neighbours to respond.",
    ],
)
def test_unattributed_non_clause_events_stay_dropped(tagger: EventTagger, body: str) -> None:
    assert run(tagger, body) == []


def test_passive_without_agent_keeps_only_material_conflict(tagger: EventTagger) -> None:
    # the pre-existing rule: a sourceless passive keeps only quad-4 acts against a known party
    assert {e.event_type for e in run(tagger, "Chile's border post was shelled overnight.")} == {PloverType.ASSAULT}
    assert run(tagger, "Peru was accused of hiding the report.") == []


@pytest.mark.parametrize("when", ["on Tuesday", "on 4 July", "in March"])
def test_subject_after_a_time_phrase_is_no_prepositional_object(tagger: EventTagger, when: str) -> None:
    # "said on Tuesday the insurgents had attacked ...": the capitalised word before "the" ends
    # the time phrase, so "the insurgents" are the reported clause's subject, not governed by "on"
    evs = run(tagger, f"Chile said {when} the insurgents had attacked Sudan.")
    assert [(e.event_type, e.source, e.target) for e in evs] == [(PloverType.ASSAULT, ["PERREB"], ["SDN"])]


def test_place_after_a_verb_is_its_object_not_a_later_subject(tagger: EventTagger) -> None:
    # "blockade Lima to demand ...": the city is the blockade's object; Chile demands
    evs = run(tagger, "Chile said it would blockade Lima on Monday to demand the release of its sailors.")
    requests = [e for e in evs if e.event_type is PloverType.REQUEST]
    assert requests and all(e.source == ["CHL"] for e in requests), evs
