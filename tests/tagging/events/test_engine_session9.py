"""Session 9 classes (rules 2025.12.11; every sentence and headline written for these tests).

Bare military drills: a state that holds, stages or starts "drills" or "exercises" shows force
(MOBILIZE 150; COOPERATE 062 held with another country), while oil drilling, "exercise caution"
and school fire drills are no event. Trigger words inside a resolved actor name ("Rapid Support
Forces", "Shell plc") are no trigger. A storm in the sentence no longer hides an attack with a
named doer. Market copy: "China demand cools", investors pulling out of a market, traders'
protests.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
import yaml

from wirestream.models import ActorType, PloverType
from wirestream.tagging.events import EventTagger
from wirestream.tagging.events.rules import DATA_DIR, load_rules

from ._helpers import asserted_events, top

C = ActorType.COUNTRY
LEX = {
    "China": ("CHN", "CHN", C),
    "Taiwan": ("TWN", "TWN", C),
    "Russia": ("RUS", "RUS", C),
    "Russian": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Iran": ("IRN", "IRN", C),
    "Japan": ("JPN", "JPN", C),
    "India": ("IND", "IND", C),
    "Indian": ("IND", "IND", C),
    "Kenya": ("KEN", "KEN", C),
    "Nigeria": ("NGA", "NGA", C),
    "Sudan": ("SDN", "SDN", C),
    "Iraq": ("IRQ", "IRQ", C),
    "Vietnam": ("VNM", "VNM", C),
    "South Korea": ("KOR", "KOR", C),
    "US": ("USA", "USA", C),
    "Brazil": ("BRA", "BRA", C),
    "Poland": ("POL", "POL", C),
    "Lithuania": ("LTU", "LTU", C),
    "Kharkiv": ("geonames:kharkiv", "UKR", ActorType.PLACE),
    "Rapid Support Forces": ("org:rsf", "SDN", ActorType.ARMED_GROUP),
    "Popular Mobilization Forces": ("org:pmf", "IRQ", ActorType.ARMED_GROUP),
    "Shell plc": ("org:shell", "GBR", ActorType.COMPANY),
    "Petrobras": ("org:petrobras", "BRA", ActorType.COMPANY),
    "investors": ("---BUS", None, ActorType.COMPANY),
    "traders": ("---BUS", None, ActorType.COMPANY),
    "shopkeepers": ("---BUS", None, ActorType.COMPANY),
    "farmers": ("---AGR", None, ActorType.ORGANISATION),
    "gunmen": ("---UAF", None, ActorType.ARMED_GROUP),
}


#: the asserted events of a headline or sentence, actors from this file's LEX
events = partial(asserted_events, lexicon=LEX)


@pytest.mark.parametrize(
    ("text", "headline", "plover", "source", "target"),
    [
        ("China stages drills near Taiwan", True, "MOBILIZE", ["CHN"], ["TWN"]),
        ("Iran begins three days of exercises in the Gulf", True, "MOBILIZE", ["IRN"], []),
        (
            "Russia started snap exercises near Ukraine on Tuesday, the defence ministry said.",
            False,
            "MOBILIZE",
            ["RUS"],
            ["UKR"],
        ),
        ("Japan holds manoeuvres with South Korea", True, "COOPERATE", ["JPN"], ["KOR"]),
        ("Poland and Lithuania hold drills near the border", True, "COOPERATE", ["POL", "LTU"], []),
    ],
)
def test_bare_military_drills_are_a_show_of_force(
    tagger: EventTagger, text: str, headline: bool, plover: str, source: list[str], target: list[str]
) -> None:
    evs = events(tagger, text, headline)
    assert [e.event_type for e in evs] == [PloverType(plover)], evs
    assert sorted(evs[0].source) == sorted(source) and evs[0].target == target, evs


def test_a_partner_is_the_object_of_with_after_the_drill(tagger: EventTagger) -> None:
    """ "with" after another noun ("the border with Lithuania") names no partner of the drill, and
    a joint drill of two countries keeps no target (reciprocal, as cooperate.military)."""
    evs = events(tagger, "Russia started drills near the border with Lithuania", True)
    assert [e.event_type for e in evs] == [PloverType.MOBILIZE], evs
    evs = events(tagger, "Russia and China began joint naval exercises in the Sea of Japan on Monday.", False)
    assert [(e.event_type, sorted(e.source), e.target) for e in evs] == [(PloverType.COOPERATE, ["CHN", "RUS"], [])], (
        evs
    )


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # the lemma "drill" / "exercise" in its other senses
        ("Petrobras started drilling off Brazil's coast", True),
        ("Brazil's Petrobras drills new well in Amazon basin", True),
        ("Investors in Japan exercise caution before central bank meeting", True),
        ("India exercises its right to respond, minister says", True),
        # drills of civil protection and schools
        ("Schools across Japan hold earthquake drills", True),
        ("Kenya conducts evacuation drills at airports", True),
        ("Students in Taiwan held air-raid drills on Monday as sirens sounded.", False),
    ],
)
def test_drilling_and_civil_drills_are_no_event(tagger: EventTagger, text: str, headline: bool) -> None:
    assert events(tagger, text, headline) == []


def test_surface_forms_match_only_as_written() -> None:
    """The rule field restricts its words to the listed forms: the "drills" element holds that
    form alone (not the lemma "drill", which "drilling" has too), while the rule's other words
    keep their lemma ("hold" matches "holds", "held")."""
    en = load_rules().languages["en"]
    pats = {p for pats in en.index.values() for p in pats if p.rule.id == "mobilize.drill"}
    hold = [p for p in pats if "hold" in p.elements[0] and p.elements[-1] == frozenset({"drills"})]
    assert len(hold) == 1
    assert all(
        el in ({"drills"}, {"exercises"}, {"manoeuvres"}, {"maneuvers"}, {"wargames"}) or "drill" not in el
        for p in pats
        for el in p.elements
    )


def test_surface_forms_must_be_words_of_the_triggers(tmp_path: Path) -> None:
    for name in ("VERSION", "cameo_plover.json", "cues.yaml", "readings.yaml"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    raw = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))
    drill = next(r for r in raw["rules"] if r["id"] == "mobilize.drill")
    drill["surface_forms"] = ["drills", "drilled"]  # "drilled" is in no trigger: a typo
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="surface form 'drilled'"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    ("text", "headline", "not_type"),
    [
        ("Rapid Support Forces take control of Sudan market town", True, "SUPPORT"),
        ("Popular Mobilization Forces deny role in Iraq protests", True, "MOBILIZE"),
        ("Shell plc said on Monday it would sell its stake in a Nigeria venture.", False, "ASSAULT"),
        ("Shell plc to sell Nigeria onshore unit", True, "ASSAULT"),
    ],
)
def test_trigger_words_in_actor_names_are_no_trigger(
    tagger: EventTagger, text: str, headline: bool, not_type: str
) -> None:
    assert PloverType(not_type) not in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    ("text", "headline", "plover"),
    [
        # the same words as verbs after the name, and a sentence-initial common noun
        ("Rapid Support Forces shell Sudan army positions", True, "ASSAULT"),
        ("Popular Mobilization Forces support Iraq offensive", True, "SUPPORT"),
    ],
)
def test_names_leave_the_clause_verb_alone(tagger: EventTagger, text: str, headline: bool, plover: str) -> None:
    assert PloverType(plover) in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    "text",
    [
        # the first fails at ebe212f (the storm vetoed the strike); the other two passed there
        # too (through other triggers) and stay as controls
        "Russia struck Ukraine's energy grid overnight as a winter storm brought heavy snow, officials said.",
        "Russian drones attacked Kharkiv during a thunderstorm on Sunday, the mayor said.",
        "Gunmen killed six people in Nigeria on Friday, a week after floods displaced thousands.",
    ],
)
def test_attacks_with_a_named_doer_survive_the_storm(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, False)
    assert top(evs).event_type is PloverType.ASSAULT, evs


@pytest.mark.parametrize(
    "text",
    [
        "A tropical storm killed four people in Vietnam on Monday.",
        "Floods have killed at least 30 people in Kenya since March, the government said.",
        "Heavy rain triggered landslides that killed 12 people in India on Sunday.",
        "Ukraine was attacked by hackers during a storm, officials said.",
    ],
)
def test_the_storm_veto_holds_without_a_named_doer(tagger: EventTagger, text: str) -> None:
    assert PloverType.ASSAULT not in {e.event_type for e in events(tagger, text, False)}


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Copper slides as China demand weakens", True),
        ("Gold steadies as India demand picks up", True),
        ("Crude rises as US demand strengthened in March, data showed.", False),
        ("Foreign investors pull out of India as rupee slides", True),
        ("Investors withdraw from Indian bonds after rate cut", True),
        ("Locust swarms threaten harvest in Kenya", True),
        ("Rising waters threaten villages in Vietnam", True),
    ],
)
def test_market_and_pest_copy_is_no_event(tagger: EventTagger, text: str, headline: bool) -> None:
    assert events(tagger, text, headline) == []


@pytest.mark.parametrize(
    ("text", "headline", "plover"),
    [
        # the verb "demand" after a plural or a named subject, and a possessive demand
        ("Farmers demand subsidies from India", True, "REQUEST"),
        ("China demands US lift sanctions", True, "REQUEST"),
        # unnamed traders and shopkeepers protesting are a protest; a state withdrawing, a retreat
        ("Market traders protest in Kenya over new tax", True, "PROTEST"),
        ("Angry shopkeepers protest in Nigeria over power cuts", True, "PROTEST"),
        ("Russia pulls troops out of Kharkiv", True, "RETREAT"),
    ],
)
def test_real_acts_in_market_words_stay(tagger: EventTagger, text: str, headline: bool, plover: str) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is PloverType(plover), evs
