"""Event classes the rule data must get right, one sentence per class (written for these tests).

Each case names the PLOVER type the highest-confidence event must have, with its source and
target countries, or a type that must not be emitted at all. The sentences are ordinary news
English for the CAMEO/PLOVER distinctions the rules encode, not peer-gold sentences.
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article

C = ActorType.COUNTRY
LEX = {
    "Kenya": ("KEN", "KEN", C),
    "Somalia": ("SOM", "SOM", C),
    "Turkey": ("TUR", "TUR", C),
    "Syria": ("SYR", "SYR", C),
    "Iraq": ("IRQ", "IRQ", C),
    "China": ("CHN", "CHN", C),
    "Japan": ("JPN", "JPN", C),
    "Hamas": ("HAMAS", "PSE", ActorType.ORGANISATION),
    "Israeli": ("ISR", "ISR", C),
    "Canada": ("CAN", "CAN", C),
    "Haiti": ("HTI", "HTI", C),
    "The World Bank": ("WB", None, ActorType.ORGANISATION),
    "Zimbabwe": ("ZWE", "ZWE", C),
    "Russia": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Sudan": ("SDN", "SDN", C),
    "France": ("FRA", "FRA", C),
    "Iran": ("IRN", "IRN", C),
}


def _events(text: str) -> list[EventTag]:
    art = article(text)
    return [e for e in EventTagger.load().tag(art, actors(art, LEX)) if not e.negated]


def _top(text: str) -> EventTag:
    evs = _events(text)
    assert evs, text
    return max(evs, key=lambda e: e.confidence)


TOP_CASES = [
    # CAMEO 074: sending peacekeepers is aid from the contributor to the host
    ("Kenya sent peacekeeping troops to Somalia on Monday.", "AID", {"KEN"}, {"SOM"}),
    # CAMEO 086: reopening a border crossing lets people and aid in
    ("Turkey reopened the border crossing with Syria on Tuesday.", "RETREAT", {"TUR"}, set()),
    # 'asked' is lemmatised to a non-word by simplemma; the surface form is a trigger too
    ("Iraq asked Turkey to withdraw its troops from the north.", "REQUEST", {"IRQ"}, {"TUR"}),
    # a government's protest to another is an official complaint (CAMEO 114), not a demonstration
    ("China lodged a strong protest with Japan over the visit.", "ACCUSE", {"CHN"}, {"JPN"}),
    # freeing hostages outranks the 'hostage' noun
    ("Hamas freed three Israeli hostages on Sunday.", "RETREAT", {"PSE"}, set()),
    # an offer of troops is an intention (CAMEO 033x -> AGREE), not the aid itself
    ("Canada offered troops to the UN mission in Haiti.", "AGREE", {"CAN"}, set()),
    # suspending a loan reduces aid (CAMEO 162)
    ("The World Bank suspended a loan to Zimbabwe.", "SANCTION", set(), {"ZWE"}),
    # 'launched a hunger strike' is a protest, not 'launch ... strike'
    ("Prisoners from Sudan launched a hunger strike in France.", "PROTEST", {"SDN"}, set()),
    # nouns naming fighting take their counterpart with 'with'
    ("Russia clashed with Ukraine near the border.", "ASSAULT", {"RUS"}, {"UKR"}),
]


@pytest.mark.parametrize(("text", "plover", "source", "target"), TOP_CASES)
def test_top_event_type_and_direction(text: str, plover: str, source: set[str], target: set[str]) -> None:
    top = _top(text)
    assert top.event_type.value == plover, (text, top.rule_id)
    by_id = {aid: country for aid, country, _ in LEX.values()}
    if source:
        assert {by_id[a] for a in top.source} == source, (text, top.source)
    if target:
        assert {by_id[a] for a in top.target} == target, (text, top.target)


ABSENT_CASES = [
    # a threat to boycott is not a boycott
    ("France made an initial threat to boycott the games in China.", "PROTEST"),
    # publishing is not freeing anyone
    ("Japan issued a press release on the talks.", "RETREAT"),
    # 'offensive' as an adjective
    ("Kenya condemned the offensive remarks by a Somalia official.", "ASSAULT"),
    # 'unrest' names a situation, not a riot
    ("Iran faces economic unrest as prices rise.", "PROTEST"),
]


@pytest.mark.parametrize(("text", "plover"), ABSENT_CASES)
def test_type_not_emitted(text: str, plover: str) -> None:
    assert plover not in {e.event_type.value for e in _events(text)}, text
