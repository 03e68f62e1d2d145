"""Session 15 classes (rules 2025.12.24 to 2025.12.27; every sentence written for these tests, none
from a gold or blind set).

An actor in an apposition after the subject ("Pakistan, a key U.S. ally, refused ...") qualifies the
subject and is not the verb's subject; an actor in a clause-opening reporter whose head noun comes
before the reporting verb (", Thai military sources said") is no target. A passive arrest or
sentence with no agent names its doer by place ("were arrested in Iran"); a restriction or its
easing applies to the place it is imposed in ("lifted a state of emergency in Darfur"), also when an
"of" phrase names it ("in the city of Kirkuk"); clubs that "meet" or hold "talks" in sport copy hold
no CONSULT; "Russia said its forces had struck ..." has Russia as the doer. Carried from session 14:
the French passé composé of "s'entretenir" (CONSULT), restating one's support in fr/es/it/pt/de
(SUPPORT), the German split "weist ... Diplomaten aus" (SANCTION: CAMEO 166 crosswalks to SANCTION),
German deliveries of named weapon systems (AID) and an Arabic relief plane or convoy (AID). Each
class has a case that must fire and a near case that must not.
"""

from __future__ import annotations

import pytest

from wirestream.models import ActorType, EventTag, PloverType
from wirestream.tagging.events import EventTagger

from ._helpers import actors, article, top

C = ActorType.COUNTRY
G = ActorType.GOVERNMENT
LEX = {
    "Pakistan": ("PAK", "PAK", C),
    "Japan": ("JPN", "JPN", C),
    "Iraq": ("IRQ", "IRQ", C),
    "Iran": ("IRN", "IRN", C),
    "China": ("CHN", "CHN", C),
    "U.S.": ("USA", "USA", C),
    "the United States": ("USA", "USA", C),
    "Russia": ("RUS", "RUS", C),
    "Ukrainian": ("UKR", "UKR", C),
    "Turkish officials": ("TURGOV", "TUR", G),
    "Rebels": ("---REB", None, ActorType.ORGANISATION),
    "Thai military": ("THAMIL", "THA", ActorType.MILITARY),
    "Emmanuel Macron": ("person:macron", "FRA", ActorType.PERSON),
    "Pedro Sánchez": ("person:sanchez", "ESP", ActorType.PERSON),
    "La France": ("FRA", "FRA", C),
    "Le Canada": ("CAN", "CAN", C),
    "l'Espagne": ("ESP", "ESP", C),
    "l'Ukraine": ("UKR", "UKR", C),
    "Ucrânia": ("UKR", "UKR", C),
    "Ucrania": ("UKR", "UKR", C),
    "Portugal": ("PRT", "PRT", C),
    "México": ("MEX", "MEX", C),
    "L'Italia": ("ITA", "ITA", C),
    "all'Ucraina": ("UKR", "UKR", C),
    "Polen": ("POL", "POL", C),
    "russische Diplomaten": ("RUSGOV", "RUS", G),
    "Deutschland": ("DEU", "DEU", C),
    "der Ukraine": ("UKR", "UKR", C),
    "Siemens": ("siemens", "DEU", ActorType.COMPANY),
    "Deutschen Bahn": ("deutsche-bahn", "DEU", ActorType.COMPANY),
    "Der Konzern": ("---BUS", None, ActorType.ORGANISATION),
    "كويتية": ("KWT", "KWT", C),
    "غزة": ("PSE", "PSE", C),
    "القاهرة": ("EGY", "EGY", C),
    "British nationals": ("GBR", "GBR", C),
    "British": ("GBR", "GBR", C),
    "Britons": ("GBR", "GBR", C),
    "Tehran": ("IRN", "IRN", C),
    "Iranian police": ("IRNCOP", "IRN", G),
    "London": ("GBR", "GBR", C),
    "opposition activists": ("---OPP", None, ActorType.ORGANISATION),
    "Minsk": ("BLR", "BLR", C),
    "Deux ressortissants belges": ("BEL", "BEL", C),
    "Mali": ("MLI", "MLI", C),
    "The government": ("SDNGOV", "SDN", G),
    "Darfur": ("SDN", "SDN", C),
    "Sudan": ("SDN", "SDN", C),
    "Kirkuk": ("IRQ", "IRQ", C),
    "Iraqi authorities": ("IRQGOV", "IRQ", G),
    "Barcelona": ("ESP", "ESP", C),
    "Liverpool": ("GBR", "GBR", C),
    "Real Madrid": ("ESP", "ESP", C),
    "Bayern Munich": ("DEU", "DEU", C),
    "Spain": ("ESP", "ESP", C),
    "Britain": ("GBR", "GBR", C),
    "Odesa": ("UKR", "UKR", C),
    "Ukrainian officials": ("UKRGOV", "UKR", G),
    "forces": ("---MIL", None, ActorType.MILITARY),
    "Serbia": ("SRB", "SRB", C),
    "Albania": ("ALB", "ALB", C),
}


def events(tagger: EventTagger, text: str, headline: bool, lang: str = "en") -> list[EventTag]:
    """The asserted (not negated) events of a headline or body sentence in ``lang``, actors from LEX."""
    art = article("", headline=text, language=lang) if headline else article(text, language=lang)
    return [e for e in tagger.tag(art, actors(art, LEX)) if not e.negated]


def of_type(evs: list[EventTag], plover: PloverType) -> list[EventTag]:
    return [e for e in evs if e.event_type is plover]


# ------------------------------------------------------------------ apposition after the subject


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan, a key U.S. ally in the war against terrorism, has refused to send troops to Iraq.",
        "Pakistan, a U.S. ally, refused on Monday to send troops to Iraq.",
    ],
)
def test_actor_in_apposition_is_not_the_subject(tagger: EventTagger, text: str) -> None:
    rejects = of_type(events(tagger, text, False), PloverType.REJECT)
    assert rejects and rejects[0].source == ["PAK"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the comma follows a time phrase, not an actor: the U.S. envoy is the subject
        ("On Monday, the U.S. envoy, speaking in Geneva, accused Iran of arming militias.", "USA"),
        # an "of" phrase in the apposition was never a subject
        ("Japan, a close ally of the United States, accused China of harassing its boats.", "JPN"),
    ],
)
def test_subject_without_apposition_stands(tagger: EventTagger, text: str, source: str) -> None:
    accuses = of_type(events(tagger, text, False), PloverType.ACCUSE)
    assert accuses and accuses[0].source == [source]


# ------------------------------------------------------------------ reporter after a comma


def test_reporter_noun_phrase_is_no_target(tagger: EventTagger) -> None:
    evs = of_type(
        events(tagger, "Rebels overran the town late last month, Thai military sources said.", False),
        PloverType.ASSAULT,
    )
    assert evs and "THAMIL" not in evs[0].target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Rebels attacked Thai military posts near the border, officials said.", "THAMIL"),
        ("Russia attacked Ukrainian ports overnight, Turkish officials said.", "UKR"),
    ],
)
def test_object_before_reporter_stays_target(tagger: EventTagger, text: str, target: str) -> None:
    evs = of_type(events(tagger, text, False), PloverType.ASSAULT)
    assert evs and evs[0].target == [target]


# ------------------------------------------------------------------ carried classes (fr, es, it, pt, de, ar)


def test_french_pronominal_perfect_is_consult(tagger: EventTagger) -> None:
    evs = events(tagger, "Emmanuel Macron s'est entretenu jeudi au téléphone avec Pedro Sánchez.", False, "fr")
    assert evs and top(evs).event_type is PloverType.CONSULT
    assert top(evs).source == ["person:macron"] and top(evs).target == ["person:sanchez"]


def test_french_maintained_ties_is_no_consult(tagger: EventTagger) -> None:
    evs = events(tagger, "La France a entretenu des liens étroits avec l'Espagne.", False, "fr")
    assert not of_type(evs, PloverType.CONSULT)


@pytest.mark.parametrize(
    ("lang", "text", "source", "target"),
    [
        ("fr", "Le Canada réaffirme son soutien à l'Ukraine", "CAN", "UKR"),
        ("pt", "Portugal reitera apoio à Ucrânia", "PRT", "UKR"),
        ("es", "México reitera su apoyo a Ucrania", "MEX", "UKR"),
        ("it", "L'Italia ribadisce il sostegno all'Ucraina", "ITA", "UKR"),
    ],
)
def test_restated_support_is_support(tagger: EventTagger, lang: str, text: str, source: str, target: str) -> None:
    evs = events(tagger, text, True, lang)
    assert evs and top(evs).event_type is PloverType.SUPPORT
    assert top(evs).source == [source] and top(evs).target == [target]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le Canada réaffirme son opposition au projet"),
        ("pt", "Portugal reitera críticas ao orçamento"),
    ],
)
def test_restated_opposition_is_no_support(tagger: EventTagger, lang: str, text: str) -> None:
    assert not of_type(events(tagger, text, True, lang), PloverType.SUPPORT)


def test_german_split_expel_is_sanction(tagger: EventTagger) -> None:
    evs = events(tagger, "Polen weist russische Diplomaten aus", True, "de")
    assert evs and top(evs).event_type is PloverType.SANCTION
    assert top(evs).source == ["POL"] and top(evs).target == ["RUSGOV"]


def test_german_reported_profit_is_no_expulsion(tagger: EventTagger) -> None:
    assert events(tagger, "Der Konzern weist einen Gewinn von zwei Milliarden Euro aus", True, "de") == []


def test_german_weapon_delivery_is_aid(tagger: EventTagger) -> None:
    evs = events(tagger, "Deutschland liefert der Ukraine weitere Luftverteidigungssysteme.", False, "de")
    assert evs and top(evs).event_type is PloverType.AID
    assert top(evs).source == ["DEU"] and top(evs).target == ["UKR"]


def test_german_train_delivery_is_no_aid(tagger: EventTagger) -> None:
    evs = events(tagger, "Siemens liefert der Deutschen Bahn neue Züge.", False, "de")
    assert not of_type(evs, PloverType.AID)


def test_arabic_relief_plane_is_aid(tagger: EventTagger) -> None:
    evs = events(tagger, "وصلت طائرة إغاثة كويتية إلى غزة", True, "ar")
    assert evs and top(evs).event_type is PloverType.AID and top(evs).source == ["KWT"]


def test_arabic_presidential_plane_is_no_aid(tagger: EventTagger) -> None:
    assert not of_type(events(tagger, "وصلت طائرة الرئيس إلى القاهرة", True, "ar"), PloverType.AID)


# ------------------------------------------------------------------ the place of an agentless arrest


@pytest.mark.parametrize(
    ("lang", "text", "source", "target"),
    [
        ("en", "Two British nationals were arrested in Iran on spying charges.", "IRN", "GBR"),
        ("en", "Three opposition activists were detained in Minsk on Sunday.", "BLR", "---OPP"),
        ("fr", "Deux ressortissants belges ont été interpellés au Mali.", "MLI", "BEL"),
    ],
)
def test_agentless_arrest_doer_is_its_place(
    tagger: EventTagger, lang: str, text: str, source: str, target: str
) -> None:
    evs = of_type(events(tagger, text, False, lang), PloverType.COERCE)
    assert evs and evs[0].source == [source] and evs[0].target == [target]


@pytest.mark.parametrize(
    "text",
    [
        # past a comma the place belongs to the reporter's clause
        "Two Britons were arrested, officials in Tehran said.",
        # the place is the detainees' own country: no other state is named as the doer
        "Two British nationals were arrested in London.",
    ],
)
def test_agentless_arrest_without_other_place_has_no_doer(tagger: EventTagger, text: str) -> None:
    evs = of_type(events(tagger, text, False), PloverType.COERCE)
    assert evs and evs[0].source == []


def test_active_arrest_keeps_its_subject(tagger: EventTagger) -> None:
    evs = of_type(events(tagger, "Iranian police arrested two British nationals in Tehran.", False), PloverType.COERCE)
    assert evs and evs[0].source == ["IRNCOP"] and evs[0].target == ["GBR"]


def test_lifted_emergency_targets_its_place(tagger: EventTagger) -> None:
    evs = of_type(
        events(tagger, "The government lifted a state of emergency in Darfur on Sunday.", False), PloverType.CONCEDE
    )
    assert evs and evs[0].source == ["SDNGOV"] and evs[0].target == ["SDN"]


def test_talks_in_a_place_are_not_aimed_at_it(tagger: EventTagger) -> None:
    # "in" aims restrictions only: a meeting held in a place is not held with it
    evs = of_type(events(tagger, "Iraqi authorities held talks in Kirkuk on Sunday.", False), PloverType.CONSULT)
    assert all(e.target != ["IRQ"] for e in evs)


# ------------------------------------------------------------------ clubs named after cities


@pytest.mark.parametrize(
    "text",
    [
        "Barcelona in talks with Liverpool over midfielder",
        "Real Madrid meet Bayern Munich in Champions League semi-final",
    ],
)
def test_club_talks_and_fixtures_are_no_consult(tagger: EventTagger, text: str) -> None:
    assert not of_type(events(tagger, text, True), PloverType.CONSULT)


def test_state_talks_stay_consult(tagger: EventTagger) -> None:
    evs = of_type(events(tagger, "Spain holds talks with Britain over Gibraltar border", True), PloverType.CONSULT)
    assert evs and evs[0].source == ["ESP"] and evs[0].target == ["GBR"]


# ------------------------------------------------------------------ "in the city of X"


def test_place_named_by_of_phrase_takes_outer_preposition(tagger: EventTagger) -> None:
    text = "Iraqi authorities imposed a curfew in the northern city of Kirkuk on Tuesday."
    evs = of_type(events(tagger, text, False), PloverType.COERCE)
    assert evs and evs[0].source == ["IRQGOV"] and evs[0].target == ["IRQ"]


def test_of_phrase_after_a_non_place_noun_keeps_of(tagger: EventTagger) -> None:
    # "the mayor of ...": no place noun, so the name stays governed by "of" and is no "in" target
    text = "Iraqi authorities imposed a curfew in the office of the mayor of Kirkuk."
    evs = of_type(events(tagger, text, False), PloverType.COERCE)
    assert evs and evs[0].target == []


# ------------------------------------------------------------------ "X said its forces ..."


def test_forces_of_a_possessive_act_for_its_referent(tagger: EventTagger) -> None:
    text = "Russia said on Tuesday its forces had struck Ukrainian energy facilities."
    evs = of_type(events(tagger, text, False), PloverType.ASSAULT)
    assert evs and evs[0].source == ["RUS"] and evs[0].target == ["UKR"]


def test_forces_with_no_party_before_stay_unnamed(tagger: EventTagger) -> None:
    evs = of_type(events(tagger, "Its forces struck Ukrainian energy facilities overnight.", False), PloverType.ASSAULT)
    assert evs and evs[0].source == ["---MIL"]


# ------------------------------------------------------------------ an official protest's addressee


@pytest.mark.parametrize(
    "text",
    [
        "Serbia lodged an official protest with Albania on Monday.",
        "Serbia sent a protest note to Albania over the border incident.",
    ],
)
def test_protest_addressee_is_target(tagger: EventTagger, text: str) -> None:
    evs = of_type(events(tagger, text, False), PloverType.ACCUSE)
    assert evs and evs[0].source == ["SRB"] and evs[0].target == ["ALB"]


def test_protest_without_addressee_has_no_target(tagger: EventTagger) -> None:
    # the addressee comes only from a "with"/"to" phrase: a protest lodged with nobody named has none
    evs = of_type(events(tagger, "Serbia lodged an official protest on Monday.", False), PloverType.ACCUSE)
    assert evs and evs[0].source == ["SRB"] and evs[0].target == []
