"""Session 14b classes (rules 2025.12.23; every sentence written for these tests, none from a gold or
blind set).

Threat and attack words in their everyday senses are no event: a natural force as the subject
("a heat wave threatens", "la sequía amenaza"; cues ``non_agents`` now in es/de/fr/it/pt too), a
microbe, a cancer or cells as the object of "attack" (an object veto), a footballer who "strikes
twice" (sport context). Joint patrols begun with a partner are COOPERATE, not a deployment; an
arrest "on ... charges" is one COERCE, the charge its reason; a march that voices an accusation in a
participle clause (", accusing it of ...") is the PROTEST, the accusation ranked below it with the
marchers as its source; "X on Tuesday backed Y's plan" is SUPPORT (the time phrase before the verb
is no veto word of it).
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article, top

C = ActorType.COUNTRY
LEX = {
    "Greece": ("GRC", "GRC", C),
    "Portugal": ("PRT", "PRT", C),
    "Kenya": ("KEN", "KEN", C),
    "Chile": ("CHL", "CHL", C),
    "Spain": ("ESP", "ESP", C),
    "Italy": ("ITA", "ITA", C),
    "Egypt": ("EGY", "EGY", C),
    "Libya": ("LBY", "LBY", C),
    "Sudan": ("SDN", "SDN", C),
    "Norway": ("NOR", "NOR", C),
    "Norwegian diplomats": ("NORGOV", "NOR", ActorType.GOVERNMENT),
    "Iran": ("IRN", "IRN", C),
    "Canada": ("CAN", "CAN", C),
    "Australia": ("AUS", "AUS", C),
    "Indonesia": ("IDN", "IDN", C),
    "Serbia": ("SRB", "SRB", C),
    "Poland": ("POL", "POL", C),
    "Ukraine": ("UKR", "UKR", C),
    "Andalucía": ("ESP", "ESP", C),
    "Puglia": ("ITA", "ITA", C),
    "Bretagne": ("FRA", "FRA", C),
    "Minas Gerais": ("BRA", "BRA", C),
    "Sachsen": ("DEU", "DEU", C),
    "Russia": ("RUS", "RUS", C),
    "Rusia": ("RUS", "RUS", C),
    "Ucrania": ("UKR", "UKR", C),
    "Madrid": ("ESP", "ESP", C),
    "Pedro Sánchez": ("person:pedro-sanchez", "ESP", ActorType.PERSON),
    "Scientists": ("---EDU", None, ActorType.ORGANISATION),
    "researchers": ("---EDU", None, ActorType.ORGANISATION),
    "the government": ("---GOV", None, ActorType.GOVERNMENT),
    "protesters": ("---CVL", None, ActorType.ORGANISATION),
    "Thousands of people": ("---CVL", None, ActorType.ORGANISATION),
    "Juventus": ("juventus", "ITA", ActorType.ORGANISATION),
    "Lazio": ("lazio", "ITA", ActorType.ORGANISATION),
}


def events(tagger: EventTagger, text: str, headline: bool, lang: str = "en") -> list[EventTag]:
    """The asserted (not negated) events of a headline or body sentence in ``lang``, actors from LEX."""
    art = article("", headline=text, language=lang) if headline else article(text, language=lang)
    return [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]


# ------------------------------------------------------------------ everyday senses: no event


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Heat wave threatens olive harvest in Greece"),
        ("en", "A cold wave is threatening crops across Kenya"),
        ("es", "La ola de calor amenaza los cultivos en Andalucía"),
        ("it", "La grandine minaccia i vigneti in Puglia"),
        ("fr", "La tempête menace la Bretagne"),
        ("pt", "A seca ameaça as lavouras em Minas Gerais"),
        ("de", "Hochwasser bedroht Sachsen"),
    ],
)
def test_weather_subject_threatens_no_one(tagger: EventTagger, lang: str, text: str) -> None:
    assert events(tagger, text, True, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "source"),
    [
        ("en", "Russia threatens Poland with retaliation", "RUS"),
        ("it", "La Russia minaccia la Polonia", "RUS"),
        ("es", "Rusia amenaza a Ucrania", None),
    ],
)
def test_party_subject_still_threatens(tagger: EventTagger, lang: str, text: str, source: str | None) -> None:
    evs = events(tagger, text, True, lang)
    assert evs and top(evs).event_type is PloverType.THREATEN
    if source:
        assert top(evs).source == [source]


@pytest.mark.parametrize(
    "text",
    [
        "Scientists find cheaper way to attack drug-resistant bacteria",
        "Scientists design molecule that can attack cancer cells",
        "Scientists attack tumours with engineered viruses",
    ],
)
def test_attacking_microbes_or_cells_is_no_event(tagger: EventTagger, text: str) -> None:
    assert events(tagger, text, True) == []


def test_attack_on_a_clinic_named_for_a_disease_stays(tagger: EventTagger) -> None:
    evs = events(tagger, "Russia attacks tuberculosis clinic in Ukraine", True)
    assert evs and top(evs).event_type is PloverType.ASSAULT


def test_footballer_striking_twice_is_sport(tagger: EventTagger) -> None:
    assert events(tagger, "Vlahovic strikes twice as Juventus beat Lazio", True) == []
    assert events(tagger, "Immobile struck in stoppage time for Lazio against Juventus", True) == []
    evs = events(tagger, "Russia strikes Ukraine twice overnight", True)
    assert evs and top(evs).event_type is PloverType.ASSAULT


# ------------------------------------------------------------------ which event the sentence is


def test_joint_patrols_begun_are_cooperation(tagger: EventTagger) -> None:
    evs = events(tagger, "Greece and Italy began joint naval patrols in the Ionian Sea on Monday.", False)
    assert evs and top(evs).event_type is PloverType.COOPERATE
    # patrols of one's own stay a deployment
    evs = events(tagger, "Russia began patrols along the border with Norway on Monday.", False)
    assert evs and top(evs).event_type is PloverType.MOBILIZE


def test_arrest_on_charges_is_one_coercion(tagger: EventTagger) -> None:
    evs = events(tagger, "Iran has arrested a Canadian citizen on espionage charges, state media said.", False)
    assert [e.event_type for e in evs] == [PloverType.COERCE]
    assert top(evs).source == ["IRN"]
    # the charge on its own is still an accusation
    evs = events(tagger, "Iran charged a Canadian citizen with espionage on Monday.", False)
    assert evs and top(evs).event_type is PloverType.ACCUSE


def test_march_voicing_an_accusation_is_the_protest(tagger: EventTagger) -> None:
    text = (
        "Thousands of people marched in Madrid on Sunday against the government of Pedro Sánchez, "
        "accusing it of neglect."
    )
    evs = events(tagger, text, False)
    assert evs and top(evs).event_type is PloverType.PROTEST
    accuse = [e for e in evs if e.event_type is PloverType.ACCUSE and e.trigger.text == "accusing"]
    assert accuse and accuse[0].source == ["---CVL"]  # the marchers accuse
    assert accuse[0].confidence < top(evs).confidence
    # an accusation of its own stays the event
    evs = events(tagger, "Serbia accused the government of Kenya of fraud on Sunday.", False)
    assert evs and top(evs).event_type is PloverType.ACCUSE


def test_participle_after_a_sanction_takes_its_doer_and_object(tagger: EventTagger) -> None:
    # review, session 14: the inherited source made the accusation's target its own source (SDN -> SDN)
    evs = events(tagger, "Sudan expelled 20 Norwegian diplomats, accusing them of spying, the ministry said.", False)
    accuse = [e for e in evs if e.event_type is PloverType.ACCUSE]
    assert accuse and accuse[0].source == ["SDN"] and accuse[0].target == ["NORGOV"], evs


def test_backing_a_plan_after_a_time_phrase(tagger: EventTagger) -> None:
    evs = events(tagger, "Spain on Thursday backed Egypt's plan for a ceasefire in Sudan, the ministry said.", False)
    assert evs and top(evs).event_type is PloverType.SUPPORT
    assert top(evs).source == ["ESP"] and top(evs).target == ["EGY"]
    # "on" right before the word is still the noun's preposition: no endorsement
    assert not [
        e
        for e in events(tagger, "Libya relied on backing from Egypt, the ministry said.", False)
        if e.event_type is PloverType.SUPPORT
    ]
