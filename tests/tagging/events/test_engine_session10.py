"""Session 10 classes (rules 2025.12.12 and 2025.12.13; every sentence and headline written for these tests).

Per-trigger object vetoes ("BP strikes gas" is a find, "drones struck oil depots" an attack);
"is opposed to" is a stance of its subject, not a passive; a promise verb governs its infinitive
across a short adjunct ("agreed on Monday to provide aid"); a named company's one-word name at
the start of a sentence is no trigger ("Shell exits ..."), nor is a company withdrawing from a
country a RETREAT, and a capitalised trigger before a legal form ("Shell plc") is a company's
name; "beat" in match results is no assault; "mobilised supporters" is no
mobilisation of forces; a clause of circumstance opened by "as" is background; an act named as the
object of a rejection ("opposes new sanctions") is only proposed.
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
    "Egypt": ("EGY", "EGY", C),
    "Ghana": ("GHA", "GHA", C),
    "Russia": ("RUS", "RUS", C),
    "Russian": ("RUS", "RUS", C),
    "Ukraine": ("UKR", "UKR", C),
    "Ukrainian": ("UKR", "UKR", C),
    "Yemen": ("YEM", "YEM", C),
    "Israel": ("ISR", "ISR", C),
    "Hungary": ("HUN", "HUN", C),
    "Germany": ("DEU", "DEU", C),
    "France": ("FRA", "FRA", C),
    "Sudan": ("SDN", "SDN", C),
    "Myanmar": ("MMR", "MMR", C),
    "Nigeria": ("NGA", "NGA", C),
    "Belarus": ("BLR", "BLR", C),
    "Peru": ("PER", "PER", C),
    "Iraq": ("IRQ", "IRQ", C),
    "Armenia": ("ARM", "ARM", C),
    "Lebanon": ("LBN", "LBN", C),
    "European Union": ("org:eu", "IGO", ActorType.IGO),
    "Madrid": ("geonames:madrid", "ESP", ActorType.PLACE),
    "Barcelona": ("geonames:barcelona", "ESP", ActorType.PLACE),
    "Kharkiv": ("geonames:kharkiv", "UKR", ActorType.PLACE),
    "Baghdad": ("geonames:baghdad", "IRQ", ActorType.PLACE),
    "BP": ("org:bp", "GBR", ActorType.COMPANY),
    "Eni": ("org:eni", "ITA", ActorType.COMPANY),
    "Shell": ("org:shell", "GBR", ActorType.COMPANY),
    "Chevron": ("org:chevron", "USA", ActorType.COMPANY),
    "Samsung": ("org:samsung", "KOR", ActorType.COMPANY),
    "the company": ("---BUS", None, ActorType.COMPANY),
    "police": ("---COP", None, ActorType.GOVERNMENT),
    "protesters": ("---OPP", None, ActorType.ORGANISATION),
    "rebels": ("---REB", None, ActorType.ARMED_GROUP),
    "Rebels": ("---REB", None, ActorType.ARMED_GROUP),
}


#: the asserted events of a headline or sentence, actors from this file's LEX
events = partial(asserted_events, lexicon=LEX)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("BP strikes gas off Egypt", True),
        ("Eni strikes oil off Ghana", True),
        ("The company struck oil off Ghana last year, it said on Monday.", False),
        ("Eni said it had struck gas at a second well off Egypt.", False),
    ],
)
def test_striking_a_resource_is_a_find(tagger: EventTagger, text: str, headline: bool) -> None:
    assert PloverType.ASSAULT not in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # the resource word modifies what was hit, or another trigger of the rule is used
        ("Israel strikes oil depot in Yemen", True),
        ("Ukrainian drones struck oil and gas facilities in Russia overnight, officials said.", False),
        ("Russia strikes gas infrastructure in Ukraine", True),
        ("Rebels attack oil tankers off Yemen", True),
    ],
)
def test_strikes_on_oil_installations_stay_attacks(tagger: EventTagger, text: str, headline: bool) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is PloverType.ASSAULT, evs


def test_object_vetoes_are_per_trigger() -> None:
    """Only the trigger named by a veto carries it: "struck oil" is a find, "attacked oil depots"
    (same rule) an attack. (Since rules 2025.12.23 "attack" has a veto of its own, for microbes
    and cells: "strike" does not carry it.)"""
    rule = next(r for r in load_rules().rules if r.id == "assault.military")
    objects = {k: objs for trig, objs, _heads in rule.object_vetoes for k in trig}
    assert "oil" in objects["strike"] and "oil" not in objects["attack"]
    assert "bacteria" in objects["attack"] and "bacteria" not in objects["strike"]


def test_an_object_veto_must_name_a_trigger_word(tmp_path: Path) -> None:
    for name in ("VERSION", "cameo_plover.json", "cues.yaml", "readings.yaml"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    raw = yaml.safe_load((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))
    rule = next(r for r in raw["rules"] if r["id"] == "assault.military")
    rule["object_vetoes"] = [{"trigger": "striek", "objects": ["oil"]}]  # a typo: vetoes nothing
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="object veto"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "Hungary is opposed to new sanctions on Russia, its foreign minister said.",
        "Israel remains firmly opposed to French mediation, an aide said.",
    ],
)
def test_being_opposed_is_the_subjects_rejection(tagger: EventTagger, text: str) -> None:
    evs = events(tagger, text, False)
    rejects = [e for e in evs if e.event_type is PloverType.REJECT]
    assert rejects and rejects[0].source in (["HUN"], ["ISR"]), evs
    assert top(evs).event_type is PloverType.REJECT, evs


@pytest.mark.parametrize(
    "text",
    [
        "The European Union agreed on Monday to provide 50 million euros of aid to Sudan.",
        "Germany agreed in principle on Friday to send aid to Sudan.",
    ],
)
def test_a_promise_reaches_its_infinitive_across_an_adjunct(tagger: EventTagger, text: str) -> None:
    """PLOVER codes promised aid AGREE: the aid act is in the infinitive clause of "agreed"."""
    evs = events(tagger, text, False)
    assert top(evs).event_type is PloverType.AGREE, evs
    aid = [e for e in evs if e.event_type is PloverType.AID]
    assert aid and all(e.modality == "intent" for e in aid), evs


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Shell exits Nigeria onshore oil business", True),
        ("Shell sells Nigeria unit to local consortium", True),
    ],
)
def test_a_named_companys_name_at_the_start_is_no_trigger(tagger: EventTagger, text: str, headline: bool) -> None:
    assert PloverType.ASSAULT not in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # names the actor tagger does not know: the legal form closes them
        ("Shell plc to sell Nigeria unit", True),
        ("Strike Resources Ltd raises $10 million for Peru copper project", True),
        ("Attack Energy Holdings said on Monday it would sell its Nigeria assets.", False),
    ],
)
def test_a_trigger_before_a_legal_form_is_a_company_name(tagger: EventTagger, text: str, headline: bool) -> None:
    lex = {k: v for k, v in LEX.items() if k != "Shell"}
    assert PloverType.ASSAULT not in {e.event_type for e in asserted_events(tagger, text, headline, lex)}


def test_the_verb_shell_after_a_subject_stays(tagger: EventTagger) -> None:
    evs = events(tagger, "Rebels shell Kharkiv overnight", True)
    assert evs and top(evs).event_type is PloverType.ASSAULT, evs


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Chevron pulls out of Myanmar gas project", True),
        ("Shell said on Tuesday it would withdraw from Nigeria's onshore fields.", False),
    ],
)
def test_a_company_leaving_a_country_is_no_retreat(tagger: EventTagger, text: str, headline: bool) -> None:
    assert PloverType.RETREAT not in {e.event_type for e in events(tagger, text, headline)}


def test_a_state_leaving_stays_a_retreat(tagger: EventTagger) -> None:
    evs = events(tagger, "France pulls troops out of Nigeria", True)
    assert evs and top(evs).event_type is PloverType.RETREAT, evs


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Germany beat France in friendly", True),
        ("Madrid beat Barcelona 2-1", True),
        ("Samsung beats profit forecasts", True),
    ],
)
def test_beat_in_results_is_no_assault(tagger: EventTagger, text: str, headline: bool) -> None:
    assert PloverType.ASSAULT not in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Protesters were beaten by police in Belarus on Sunday, witnesses said.", False),
        ("Belarus police beat protesters", True),
        ("Belarus police beat protestors outside parliament", True),
        ("Rebels beat up villagers in Sudan, witnesses said.", False),
    ],
)
def test_beatings_of_people_stay_assaults(tagger: EventTagger, text: str, headline: bool) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is PloverType.ASSAULT, evs


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Hungary mobilises supporters ahead of vote", True),
        ("Armenia mobilized funds to rebuild Yerevan's schools, the ministry said.", False),
    ],
)
def test_mobilising_support_or_money_is_no_mobilisation(tagger: EventTagger, text: str, headline: bool) -> None:
    assert PloverType.MOBILIZE not in {e.event_type for e in events(tagger, text, headline)}


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Russia mobilizes reservists", True),
        ("Armenia mobilised its army on Tuesday, the defence ministry said.", False),
    ],
)
def test_mobilising_forces_stays(tagger: EventTagger, text: str, headline: bool) -> None:
    evs = events(tagger, text, headline)
    assert evs and top(evs).event_type is PloverType.MOBILIZE, evs


def test_an_as_clause_is_background(tagger: EventTagger) -> None:
    """The news is the main clause's act; the clashes are its circumstance."""
    evs = events(tagger, "Iraq said it was ready to impose a curfew in Baghdad as clashes raged.", False)
    assert top(evs).event_type is not PloverType.ASSAULT, evs


def test_the_main_act_before_an_as_clause_stays(tagger: EventTagger) -> None:
    evs = events(tagger, "Israel struck targets in Lebanon on Monday as talks stalled, officials said.", False)
    assert top(evs).event_type is PloverType.ASSAULT, evs


@pytest.mark.parametrize(
    "text",
    [
        "Hungary opposes new sanctions on Russia, its foreign minister said.",
        "Hungary is opposed to new sanctions on Russia.",
    ],
)
def test_an_act_a_party_rejects_is_only_proposed(tagger: EventTagger, text: str) -> None:
    """The rejected act did not happen and is not the rejecter's: no source, modality "proposed",
    ranked below the rejection."""
    evs = events(tagger, text, False)
    assert top(evs).event_type is PloverType.REJECT, evs
    rejected = [e for e in evs if e.event_type is not PloverType.REJECT]
    assert rejected and all(e.modality == "proposed" and e.source == [] for e in rejected), evs


def test_a_refused_act_stays_the_refusal_reading(tagger: EventTagger) -> None:
    """An infinitive after the rejection ("refused to withdraw") keeps its negated act."""
    art_evs = events(tagger, "Russia refused to withdraw its troops from Ukraine.", False)
    assert top(art_evs).event_type is PloverType.REJECT, art_evs
    assert all(e.modality != "proposed" for e in art_evs), art_evs
